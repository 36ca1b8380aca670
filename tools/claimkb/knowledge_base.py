"""A project's whole knowledge base, read without Sphinx: collections, pages, every finding.

A project root holds `schema/` and `claims/`; its site is `docs/`, configured by `docs/conf.py`,
which is read as Sphinx reads it, so pages, exclusions, MyST extensions and the schema and
collection folders are the ones the build uses.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import get_matching_files
from sphinx.util.tags import Tags

from .collections import CollectionError, read_text
from .records import Finding, Record
from .registry import Registry, load_registry
from .scan import PageScan, markdown_parser, md_config, scan_page
from .schema import load_schemas
from .validate import check_knowledge_base, did_you_mean

DOCS_DIR = "docs"
PAGE_SUFFIX = ".md"


class ProjectError(Exception):
    """The project cannot be validated at all (no root, broken conf.py or schema)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass
class KnowledgeBase:
    root: Path
    registry: Registry
    pages: list[PageScan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: files that could not be read or decoded
    unreadable: set[str] = field(default_factory=set)

    @property
    def claims(self) -> list[Record]:
        return [r for r in self.records if r.type == "claim"]

    @property
    def records(self) -> list[Record]:
        return self.registry.records + [r for page in self.pages for r in page.claims]


def add_root_argument(parser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        help="project root, the folder with schema/ and claims/ (default: found upward from here)",
    )


def project_root(given: Path | None, paths: list[Path]) -> Path:
    """The root a command works in (given, or found upward from here), with the paths it names
    checked to exist; ProjectError, with a hint, otherwise."""
    root = given or find_root(Path.cwd())
    if root is None or not (root / "schema").is_dir():
        raise ProjectError(
            f"{given or Path.cwd()} is not in a project "
            "(no folder with schema/ and claims/ at or above)",
            "run it inside the repository or pass --root DIR",
        )
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ProjectError(f"no such file or folder: {', '.join(missing)}")
    return root


def usage_error(command: str, message: str, hint: str = "") -> int:
    """Reports a usage problem of `claimkb <command>` on stderr; returns exit code 2."""
    print(f"claimkb {command}: error: {message}", file=sys.stderr)
    if hint:
        print(f"claimkb {command}: hint: {hint}", file=sys.stderr)
    return 2


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding both `schema/` and `claims/`."""
    for folder in (start, *start.parents):
        if (folder / "schema").is_dir() and (folder / "claims").is_dir():
            return folder
    return None


def load_knowledge_base(root: Path) -> KnowledgeBase:
    root = root.resolve()
    docs = root / DOCS_DIR
    conf = _read_conf(docs)
    try:
        schemas = load_schemas((docs / conf.get("claimkb_schema_dir", "../schema")).resolve())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ProjectError(f"cannot load the schemas: {error}") from None
    collections = (docs / conf.get("claimkb_collections_dir", "../claims")).resolve()
    base = KnowledgeBase(root, load_registry(collections, schemas))
    md = markdown_parser(md_config(conf))
    for docname, path in _pages(docs, conf):
        try:
            text = read_text(path)
        except CollectionError as error:
            base.unreadable.add(str(path))
            base.findings.append(error.finding(str(path)))
            continue
        base.pages.append(scan_page(text, str(path), schemas, md, docname))
    base.unreadable |= {
        f.path for f in base.registry.findings if f.code == "yaml" and _unreadable(f)
    }
    base.findings += _unknown_collections(base)
    base.findings += check_knowledge_base(
        base.registry,
        [r for page in base.pages for r in page.claims],
        [f for page in base.pages for f in page.findings],
        [ref for page in base.pages for ref in page.role_refs],
        _shown_claim_ids(base),
    )
    base.findings.sort()
    return base


def _read_conf(docs: Path) -> dict:
    conf_py = docs / "conf.py"
    if not conf_py.is_file():
        return {}
    try:
        return eval_config_file(conf_py, Tags())
    except ConfigError as error:
        raise ProjectError(f"cannot read {conf_py}: {error}") from None


def _pages(docs: Path, conf: dict) -> list[tuple[str, Path]]:
    """(docname, path) of every MyST page Sphinx would read, unreadable ones included."""
    if not docs.is_dir():
        return []
    exclude = [*conf.get("exclude_patterns", []), *conf.get("templates_path", []), *EXCLUDE_PATHS]
    include = conf.get("include_patterns", ["**"])
    return [
        (name.removesuffix(PAGE_SUFFIX), docs / name)
        for name in get_matching_files(docs, include, exclude)
        if name.endswith(PAGE_SUFFIX)
    ]


def _unreadable(finding: Finding) -> bool:
    try:
        read_text(Path(finding.path))
    except CollectionError:
        return True
    return False


def _shown_claim_ids(base: KnowledgeBase) -> set[str]:
    """Ids of the claims some page shows: its own, and those of the collections it shows."""
    registry = base.registry
    shown = {r.id for page in base.pages for r in page.claims if r.id}
    names = {name for page in base.pages for name, _ in page.collections_shown}
    shown |= {r.id for name in names for r in registry.claims_of(name) if r.id}
    if any("claims" in page.registries_shown for page in base.pages):
        shown |= set(registry.of_type("claim"))
    return shown


def _unknown_collections(base: KnowledgeBase) -> list[Finding]:
    names = [p.stem for p in base.registry.files]
    return [
        Finding(
            page.path,
            line,
            code="ref",
            record_type="claim-collection",
            record_id=name,
            message=f"no collection {name!r} in {', '.join(names)}",
            hint=did_you_mean(name, names),
        )
        for page in base.pages
        for name, line in page.collections_shown
        if name not in names
    ]
