"""A project's whole knowledge base, read without Sphinx: collections, pages, every finding.

A project root holds `schema/` and `claims/`; its site is `docs/`, configured by `docs/conf.py`,
which is read as Sphinx reads it, so pages, exclusions, MyST extensions and the schema and
collection folders are the ones the build uses. Files are read from the disk, or from another
`Source` (`cli.git_tree.GitTree`: a git revision, for `claimkb diff`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import get_matching_files

from ..core.collection_reader import CollectionError
from ..core.cross_checks import check_knowledge_base, shown_claim_ids
from ..core.file_source import DiskFiles, FileSource
from ..core.records import Finding, PageReference, Record
from ..core.registry import CollectionMemo, Registry, load_registry
from ..core.schema import Schemas, load_schemas
from ..myst.scanner import PageScan, markdown_parser, md_config, scan_page
from .common import DOCS_DIR, Project, UsageError, read_conf

PAGE_SUFFIX = ".md"


@dataclass
class Memo:
    """What each file gave, kept between reads of a project (`claimkb diff` reads two): a
    collection by its path, text and schemas, a page also by its MyST configuration."""

    collections: CollectionMemo = field(default_factory=dict)
    pages: dict[tuple[str, ...], PageScan] = field(default_factory=dict)


class Source(FileSource, Protocol):
    """Where a project's files come from: its configuration, schemas, collections and pages."""

    def conf(self, docs: Path) -> dict:
        """The namespace of `docs/conf.py` ({} without one); UsageError if it cannot be read."""

    def schemas(self, directory: Path) -> Schemas:
        """The schemas of `directory` (OSError, ValueError... if they cannot be loaded)."""

    def pages(
        self, docs: Path, include: Iterable[str], exclude: Iterable[str], suffix: str
    ) -> list[str]:
        """Files below `docs` named `*<suffix>`, relative, as Sphinx's `get_matching_files`
        selects them."""


class DiskSource(DiskFiles):
    """The project's folder on the disk, working tree and all: what the build reads."""

    def conf(self, docs: Path) -> dict:
        return read_conf(docs)

    def schemas(self, directory: Path) -> Schemas:
        return load_schemas(directory)

    def pages(
        self, docs: Path, include: Iterable[str], exclude: Iterable[str], suffix: str
    ) -> list[str]:
        if not docs.is_dir():
            return []
        return [
            name for name in get_matching_files(docs, include, exclude) if name.endswith(suffix)
        ]


DISK = DiskSource()


@dataclass
class KnowledgeBase:
    root: Path
    registry: Registry
    pages: list[PageScan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: files that could not be read or decoded
    unreadable: set[str] = field(default_factory=set)
    #: the namespace of the site's `conf.py`
    conf: dict = field(default_factory=dict)

    @property
    def claims(self) -> list[Record]:
        return [r for r in self.records if r.type == "claim"]

    @property
    def records(self) -> list[Record]:
        return self.registry.records + [r for page in self.pages for r in page.claims]

    @property
    def references(self) -> list[PageReference]:
        return [ref for page in self.pages for ref in page.references]


def load_schemas_of(project: Project, source: Source = DISK) -> Schemas:
    try:
        return source.schemas(project.schema_dir)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"cannot load the schemas of {project.root}: {error}") from None


def load_knowledge_base(
    root: Path, source: Source = DISK, memo: Memo | None = None
) -> KnowledgeBase:
    """The project at `root`, read from the disk (or from `source`) and checked. `memo` keeps
    what each file gave between calls (`claimkb diff` reads two versions of a project): a file
    whose text, schemas and MyST configuration are the same is read once."""
    root = root.resolve()
    project = Project(root, source.conf(root / DOCS_DIR))
    schemas = load_schemas_of(project, source)
    registry = load_registry(
        project.collections_dir, schemas, source, memo.collections if memo else None
    )
    base = KnowledgeBase(project.root, registry, conf=project.conf)
    config = md_config(project.conf)
    md = markdown_parser(config)
    same = ("page", schemas.digest, repr(config))
    for docname, path in _pages(project.docs, project.conf, source):
        try:
            text = source.read_text(path)
        except CollectionError as error:
            base.unreadable.add(str(path))
            base.findings.append(error.finding(str(path)))
            continue
        key = (*same, str(path), docname, text)
        page = memo.pages.get(key) if memo is not None else None
        if page is None:
            page = scan_page(text, str(path), schemas, md, docname)
            if memo is not None:
                memo.pages[key] = page
        base.pages.append(page)
    base.unreadable |= {
        f.path
        for f in base.registry.findings
        if f.code == "yaml" and _unreadable(Path(f.path), source)
    }
    page_claims = [r for page in base.pages for r in page.claims]
    shown = {r.id for r in page_claims if r.id} | shown_claim_ids(base.registry, base.references)
    base.findings += check_knowledge_base(
        base.registry,
        page_claims,
        [f for page in base.pages for f in page.findings],
        base.references,
        shown,
    )
    base.findings.sort()
    return base


def _pages(docs: Path, conf: dict, source: Source) -> list[tuple[str, Path]]:
    """(docname, path) of every MyST page Sphinx would read, unreadable ones included."""
    exclude = [*conf.get("exclude_patterns", []), *conf.get("templates_path", []), *EXCLUDE_PATHS]
    include = conf.get("include_patterns", ["**"])
    return [
        (name.removesuffix(PAGE_SUFFIX), docs / name)
        for name in source.pages(docs, include, exclude, PAGE_SUFFIX)
    ]


def _unreadable(path: Path, source: Source) -> bool:
    try:
        source.read_text(path)
    except CollectionError:
        return True
    return False
