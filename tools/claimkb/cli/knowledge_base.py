"""A project's whole knowledge base, read without Sphinx: collections, pages, every finding.

A project root holds `schema/` and `claims/`; its site is `docs/`, configured by `docs/conf.py`,
which is read as Sphinx reads it, so pages, exclusions, MyST extensions and the schema and
collection folders are the ones the build uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import get_matching_files

from ..core.collection_reader import CollectionError, read_text
from ..core.cross_checks import check_knowledge_base, shown_claim_ids
from ..core.records import Finding, PageReference, Record
from ..core.registry import Registry, load_registry
from ..core.schema import Schemas, load_schemas
from ..myst.scanner import PageScan, markdown_parser, md_config, scan_page
from .common import Project, UsageError

PAGE_SUFFIX = ".md"


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

    @property
    def references(self) -> list[PageReference]:
        return [ref for page in self.pages for ref in page.references]


def load_schemas_of(project: Project) -> Schemas:
    try:
        return load_schemas(project.schema_dir)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"cannot load the schemas of {project.root}: {error}") from None


def load_knowledge_base(root: Path) -> KnowledgeBase:
    project = Project.at(root.resolve())
    schemas = load_schemas_of(project)
    base = KnowledgeBase(project.root, load_registry(project.collections_dir, schemas))
    md = markdown_parser(md_config(project.conf))
    for docname, path in _pages(project.docs, project.conf):
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
