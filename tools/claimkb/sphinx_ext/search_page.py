"""The search page, `search.html?q=...`, when Pagefind is the site's search.

Sphinx's own search (its `searchindex.js`, downloaded whole before the first result) is turned
off; the page keeps its address, so the theme's search box, the landing page's form and links
from elsewhere reach it. It is an ordinary page of the theme whose body holds the form, and
`claimkb-search.js` shows the results from the Pagefind bundle (`search_index`). Its words come
from the `claimkb` catalog, in the build's language.
"""

from __future__ import annotations

import json
from html import escape
from typing import cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..views.i18n import _
from ..views.search_words import SECTION_WORDS
from .search_index import BUNDLE, build_language, uses_pagefind

PAGE = "search"
#: files every page loads that the search page has no use for (no code, charts, cards, tables,
#: timeline or tabs on it): left out of it, they are not on a reader's way to the first results
NOT_ON_SEARCH_PAGE = (
    "pygments.css",
    "sphinx-design.min.css",
    "claimkb-chart.css",
    "claimkb-cards.js",
    "claimkb-table.js",
    "claimkb-chart.js",
    "claimkb-timeline.js",
    "design-tabs.js",
    "sphinx_highlight.js",
)


def page_words() -> dict[str, str]:
    return {
        "searching": _("Searching…"),
        "empty": _("Type what you are looking for: a company, a model, a figure."),
        "results": _("%(count)s results"),
        "one_result": _("1 result"),
        "nothing": _("Nothing found for “%(query)s”."),
        "failed": _("The search could not run in this browser."),
        "more": _("More results"),
        "says_who": _("according to"),
        "filter_section": _("Section"),
        "filter_metric": _("Metric"),
        "filter_kind": _("Kind"),
        "filter_year": _("Year"),
        "contributors": _(SECTION_WORDS["contributors"]),
    }


def page_body(language: str, root: str) -> str:
    """The page's body; `root` is the site's root as seen from the page (`./`)."""
    title, label, button = _("Search"), _("Search the ledger"), _("Search")
    no_script = _("The search needs JavaScript.")
    words = escape(json.dumps(page_words(), ensure_ascii=False, sort_keys=True))
    return (
        f'<section id="search"><h1>{escape(title)}</h1>'
        f'<form class="claimkb-search-form" role="search" method="get" action="">'
        f'<input type="search" name="q" id="claimkb-search-input" aria-label="{escape(label)}"'
        f' autocomplete="off" spellcheck="false">'
        f' <button type="submit">{escape(button)}</button></form>'
        f'<div id="claimkb-search" data-language="{escape(language)}"'
        f' data-bundle="{root}{BUNDLE}/" data-words="{words}">'
        f"<noscript><p>{escape(no_script)}</p></noscript></div>"
        f'<script type="module" src="{root}_static/claimkb-search.js"></script></section>'
    )


def turn_off_sphinx_search(app: Sphinx) -> None:
    """builder-inited: no `searchindex.js` (and no time spent building it)."""
    if uses_pagefind(app):
        cast(StandaloneHTMLBuilder, app.builder).search = False


def collect_search_page(app: Sphinx):
    """html-collect-pages: the search page, at the address Sphinx's had."""
    if not uses_pagefind(app):
        return
    language = build_language(app)
    depth = app.builder.get_target_uri(PAGE).rstrip("/").count("/")
    depth += 1 if app.builder.name == "dirhtml" else 0
    root = "../" * depth or "./"
    context = {"title": _("Search"), "body": page_body(language, root), "display_toc": False}
    yield PAGE, context, "page.html"


def trim_search_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """html-page-context: the search page without the files it has no use for."""
    if pagename != PAGE or not uses_pagefind(app):
        return
    for name in ("css_files", "script_files"):
        if name in context:
            context[name] = [asset for asset in context[name] if not _unused(asset)]


def _unused(asset) -> bool:
    """Whether a page asset (a file name, or Sphinx's asset object) is one the search page
    leaves out."""
    filename = str(getattr(asset, "filename", asset)).split("?", 1)[0]
    return filename.rsplit("/", 1)[-1] in NOT_ON_SEARCH_PAGE
