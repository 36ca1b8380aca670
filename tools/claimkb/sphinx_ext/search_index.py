"""The Pagefind index of a built site: every page of the site and every shown claim.

At the end of an HTML build (`build-finished`), the claims become search records
(`views.search_records`, rendered by `views.search_pagefind`) and the written pages are read back
from the output folder, in docname order: an incremental build reads the same pages a clean one
writes, so both give the same index. Pagefind's bundle is made byte-deterministic
(`pagefind_output`) in memory; then `pagefind/` is made to hold exactly its files, writing only
those that changed (no stale fragment survives). Pagefind's own user
interfaces are not kept: the search page is ours (`search_page`).
"""

from __future__ import annotations

import json
import os
import time
from fnmatch import fnmatch
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..views.i18n import _
from ..views.search_pagefind import page_tags, record_html
from ..views.search_records import search_records
from ..views.search_words import SECTION_WORDS
from .domain import claim_domain
from .pagefind_output import make_deterministic
from .pagefind_service import PagefindError, index_files
from .site import SiteKnowledgeBase

logger = logging.getLogger(__name__)

#: the folder of the index in the output, as the search page loads it
BUNDLE = "pagefind"
#: Pagefind's user interfaces, which the site does not use
UNUSED = (
    "pagefind-ui.*",
    "pagefind-component-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-highlight.js",
)
#: where `make bench` asks for the time the index took (a JSON line is appended)
TIMING_FILE = "CLAIMKB_SEARCH_TIMING"
#: what a page shows of its claims: cards, claims tables (collections, generated listings, a
#: chart's table: all `table.claimkb-claims`), the timeline, a comparison. Each claim is a search
#: result of its own (its card's address, its value), so a page is found by its own words, not
#: by the claims it lists: else a listing of every claim (Epoch AI's database: 3,300 cards,
#: 2.9 MB of text on one page) would be found by every query, its 130 KB fragment downloaded
#: before the first results, and every common word's index chunk filled with its positions.
CLAIM_LISTINGS = (
    ".claim-card",
    "table.claimkb-claims",
    ".claimkb-timeline-table",
    ".claimkb-chart-table",
    ".claimkb-compare",
)
#: Pagefind's options: a heading's "¶" link is no text, nor the page's search data
INDEX_CONFIG = {"exclude_selectors": [".headerlink", ".claimkb-search-data", *CLAIM_LISTINGS]}
#: the markers `mark_page` puts around what Pagefind reads of a page
BODY_START = "<div data-pagefind-body>"
DATA_START = '<div class="claimkb-search-data"'
DATA_END = "</div>"
#: pages with no text of their own to find
NOT_INDEXED = ("search", "genindex")


def build_records(app: Sphinx) -> list:
    """The search records of this build (`views.search_records`), from the site's knowledge base."""
    kb = SiteKnowledgeBase(claim_domain(app.env), app.builder)
    return search_records(kb, build_language(app), lambda docname: section_of(app.config, docname))


def build_language(app: Sphinx) -> str:
    """`fr` for `fr_CA`: the language of the index and of the thesaurus."""
    return (app.config.language or "en").split("_")[0]


def section_of(config, docname: str) -> str:
    """`explainers`, `knowledge-base` or `contributors`: the first of
    `claimkb_search_sections` whose patterns match, generated pages in the knowledge base."""
    for section, patterns in (config.claimkb_search_sections or {}).items():
        if section in SECTION_WORDS and any(fnmatch(docname, p) for p in patterns):
            return section
    pages_dir = config.claimkb_pages_dir
    if pages_dir and docname.startswith(f"{pages_dir.strip('/')}/"):
        return "knowledge-base"
    return "explainers"


def mark_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: a page's own text is what Pagefind indexes (not the navigation, not the
    language switcher), with its section and the mark of a page."""
    if not uses_pagefind(app) or templatename != "page.html" or pagename in NOT_INDEXED:
        return
    if "body" not in context:
        return
    section = section_of(app.config, pagename)
    tags = page_tags(_(SECTION_WORDS[section]), contributors=section == "contributors")
    context["body"] = f"<div data-pagefind-body>{context['body']}</div>{tags}"


def uses_pagefind(app: Sphinx) -> bool:
    return app.config.claimkb_search == "pagefind" and app.builder.name in ("html", "dirhtml")


def write_search_index(app: Sphinx, exception) -> None:
    """build-finished: the index of every page and claim, in `pagefind/`."""
    if exception is not None or not uses_pagefind(app):
        return
    start = time.perf_counter()
    language = build_language(app)
    records = build_records(app)
    outdir = Path(app.outdir)
    documents = list(_pages(app, outdir, language))
    pages = len(documents)
    documents += [(f"/{r.url}", record_html(r, language)) for r in records]
    try:
        files = index_files(documents, INDEX_CONFIG | {"force_language": language})
        for path in [path for path in files if any(fnmatch(path, p) for p in UNUSED)]:
            del files[path]
        make_deterministic(files)
        written = write_changed(files, outdir / BUNDLE)
    except (PagefindError, OSError, ValueError, KeyError, IndexError) as error:
        # ValueError: a file Pagefind wrote that is not what it should be (JSON, CBOR, gzip)
        logger.warning(
            "the search index was not written: %s", error, type="claim", subtype="search"
        )
        return
    seconds = time.perf_counter() - start
    logger.info(
        "claimkb: search index of %d pages and %d claims in %.1f s (%d of its %d files written)",
        pages,
        len(records),
        seconds,
        written,
        len(files),
    )
    timing = os.environ.get(TIMING_FILE)
    if timing:
        line = {"pages": pages, "claims": len(records), "seconds": round(seconds, 3)}
        with open(timing, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")


def write_changed(files: dict[str, bytes], bundle: Path) -> int:
    """Makes the folder `bundle` hold exactly `files` (path -> bytes), writing only the files
    whose bytes changed and removing the others: an edit changes a few of the index's thousands
    of fragments, and rewriting them all cost more than the rest of an incremental build. The
    number of files written."""
    written = 0
    for name, data in files.items():
        path = bundle / name
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    if bundle.is_dir():
        for path in sorted(bundle.rglob("*"), reverse=True):  # files before their folders
            name = path.relative_to(bundle).as_posix()
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif name not in files:
                path.unlink()
    return written


def _pages(app: Sphinx, outdir: Path, language: str):
    """(address, HTML) of every written page Pagefind should read, by docname: the part of the
    page it indexes (`mark_page`), not the theme's navigation around it, which would be read and
    sent for nothing (on Epoch AI's database, 60 KB a page)."""
    builder = app.builder
    for docname in sorted(app.env.found_docs):
        if docname in NOT_INDEXED:
            continue
        path = outdir / builder.get_target_uri(docname)
        if builder.name == "dirhtml":
            path = path / "index.html"
        if path.is_file():
            indexed = indexed_part(path.read_text(encoding="utf-8"))
            if indexed:
                page = f'<!DOCTYPE html><html lang="{language}"><body>{indexed}</body></html>'
                yield f"/{builder.get_target_uri(docname)}", page


def indexed_part(page: str) -> str:
    """What `mark_page` wrapped: the page's body and its search data; "" if it has none."""
    start = page.find(BODY_START)
    data = page.find(DATA_START, start)
    end = page.find(DATA_END, data)
    if min(start, data, end) < 0:
        return ""
    return page[start : end + len(DATA_END)]
