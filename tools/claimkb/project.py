"""The site's pages as the build sees them, without running Sphinx: `conf.py`'s MyST configuration,
its exclude patterns, and every Markdown page scanned by `scan.scan_page`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from sphinx.config import eval_config_file
from sphinx.util.matching import Matcher
from sphinx.util.tags import Tags

from .collections import CollectionError, read_text
from .records import Finding, Record
from .scan import PageScan, markdown_parser, md_config, scan_page
from .schema import Schemas


@dataclass
class Page:
    path: Path
    docname: str
    text: str


def load_conf(docs: Path) -> dict:
    """The namespace of `docs/conf.py` (empty when there is none)."""
    conf = docs / "conf.py"
    return eval_config_file(conf.resolve(), Tags()) if conf.is_file() else {}


def site_parser(docs: Path) -> MarkdownIt:
    return markdown_parser(md_config(load_conf(docs)))


def pages(docs: Path) -> tuple[list[Page], list[Finding]]:
    """Every `.md` page under `docs` that Sphinx would read, in a stable order."""
    conf = load_conf(docs)
    excluded = Matcher(["_build", *conf.get("exclude_patterns", [])])
    found: list[Page] = []
    problems: list[Finding] = []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        relative = path.relative_to(docs).as_posix()
        if excluded(relative):
            continue
        try:
            text = read_text(path)
        except CollectionError as error:
            problems.append(Finding(str(path), error.line, code="file", message=error.message,
                                    hint=error.hint))
            continue
        found.append(Page(path, relative.removesuffix(".md"), text))
    return found, problems


def scan_pages(docs: Path, schemas: Schemas) -> list[PageScan]:
    md = site_parser(docs)
    found, _ = pages(docs)
    return [scan_page(page.text, str(page.path), schemas, md, page.docname) for page in found]


def page_claims(docs: Path, schemas: Schemas) -> list[Record]:
    return [claim for scan in scan_pages(docs, schemas) for claim in scan.claims]
