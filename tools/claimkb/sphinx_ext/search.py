"""The site's search: Pagefind's index of pages and claims (`claimkb_search = "pagefind"`:
`search_index`, `search_page`), or Sphinx's own with claims' index entries (`"sphinx"`, the
default, `views.search_terms`)."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..views.search_terms import index_entries
from ._compat import search_index_entries
from .domain import claim_domain
from .search_index import mark_page, write_search_index
from .search_page import collect_search_page, trim_search_page_assets, turn_off_sphinx_search


def add_search_terms(app: Sphinx) -> list:
    """html-collect-pages, just before the search index is written: add every page's entries.

    Set from the domain for every page, not from the doctrees of the pages written in this build:
    Sphinx forgets the index entries of pages an incremental build does not rewrite
    (sphinx-doc/sphinx#12599), which would drop their claims from the search.
    """
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return []
    by_doc = search_index_entries(indexer)
    domain = claim_domain(app.env)
    for docname, entries in index_entries(domain.objects, domain.registry).items():
        by_doc[docname] = sorted(set(by_doc.get(docname, ())) | entries)
    # the index lists an entry's pages in this dict's order: make it the same in every build
    ordered = sorted(by_doc.items())
    by_doc.clear()
    by_doc.update(ordered)
    return []


def setup_search(app: Sphinx) -> None:
    app.add_config_value("claimkb_search", "sphinx", "html", types=[str])
    #: section (explainers, knowledge-base, contributors) -> docname patterns (fnmatch)
    app.add_config_value("claimkb_search_sections", {}, "html", types=[dict])
    app.connect("builder-inited", turn_off_sphinx_search)
    app.connect("html-collect-pages", add_search_terms)
    app.connect("html-collect-pages", collect_search_page)
    app.connect("html-page-context", mark_page)
    app.connect("html-page-context", trim_search_page_assets)
    app.connect("build-finished", write_search_index)
