"""The search's rendering for Pagefind: a search record (`views.search_records`) as the small
HTML document Pagefind indexes, and what a page of the site adds to its own HTML.

The words a record is found by are weighted (Pagefind's `data-pagefind-weight`, squared in its
ranking): the subjects and what the claim measures count most, so that a claim whose subject and
metric a query names comes before a page that only mentions the words. What a result shows
travels as metadata (`data-pagefind-meta`), its filters as `data-pagefind-filter`. Every value is
escaped: a title is text, never markup.
"""

from __future__ import annotations

import re
from html import escape

from .search_records import SearchFilters, SearchRecord

#: Pagefind weights (0 to 10, squared when ranking) of a record's kinds of words
WEIGHTS = {
    "subjects": 6.0,
    "measures": 5.0,
    "numbers": 4.5,
    "synonyms": 3.5,
    "years": 3.0,
    "title": 2.0,
    "claimant": 1.5,
    "other": 0.5,
}
#: claims, reader pages and contributor pages apart, for the search page (not a filter readers
#: see): its default search leaves contributor pages out with this one filter, whose file it
#: loads anyway, rather than with the section filter's
RESULT_FILTER = '<span data-pagefind-filter="result">{kind}</span>'
#: the `result` value of a page, by whether it is a contributor page
PAGE_RESULT = {False: "page", True: "contributor-page"}
#: a French elision ("d’affaires", "l’année"): Pagefind reads it as one word, which the query's
#: "affaires" would not find (the search page drops a query's elisions the same way)
ELISION = re.compile(r"\b((?:qu|[cdjlmnst])['’ʼ])(?=\w)", re.IGNORECASE)
#: what a result shows, as Pagefind metadata
SHOWN = ("title", "value", "constant", "period", "claimant", "source")


def record_html(record: SearchRecord, language: str) -> str:
    """The document Pagefind indexes for one claim."""
    words = {
        "subjects": " · ".join(record.subjects),
        "measures": " · ".join(record.measures),
        "numbers": " ".join(record.numbers),
        "synonyms": " ".join(record.synonyms),
        "years": " ".join(record.years),
        "title": record.title,
        "claimant": record.claimant,
        "other": " ".join(record.other),
    }
    if language == "fr":
        words = {kind: ELISION.sub(r"\1 ", text) for kind, text in words.items()}
    body = [
        f'<p data-pagefind-weight="{WEIGHTS[kind]}">{escape(text)}</p>'
        for kind, text in words.items()
        if text
    ]
    meta = {name: getattr(record, name) for name in SHOWN}
    # what the search page ranks by: the names of the subjects and of the metric and scope
    # (then their synonyms), the years; and one word, so that its digits are no years to match
    meta |= {
        "kind": "claim",
        "subjects": " | ".join(record.subjects),
        "measures": " | ".join(record.measures),
        "synonyms": " ".join(record.synonyms),
        "years": " ".join(record.years),
        "recency": "r" + "".join(c for c in record.recency if c.isdigit()),
    }
    data = [_meta(name, text) for name, text in meta.items() if text]
    data += filter_tags(record.filters)
    data.append(RESULT_FILTER.format(kind="claim"))
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><title></title></head>'
        f"<body><main data-pagefind-body>{''.join(body)}</main>"
        f"<div hidden>{''.join(data)}</div></body></html>"
    )


def page_tags(section: str, contributors: bool = False) -> str:
    """What a page of the site adds to its body: its section (as readers read it), and that it is
    a page, for contributors or not."""
    tags = [_meta("kind", "page"), *filter_tags(SearchFilters(section=(section,)))]
    tags.append(RESULT_FILTER.format(kind=PAGE_RESULT[contributors]))
    # data-pagefind-ignore: its words are not the page's text (its filter and kind are kept)
    return f'<div class="claimkb-search-data" hidden data-pagefind-ignore>{"".join(tags)}</div>'


def filter_tags(filters: SearchFilters) -> list[str]:
    tags = []
    for name in ("metric", "kind", "year", "section"):
        for value in getattr(filters, name):
            tags.append(f'<span data-pagefind-filter="{name}">{escape(value)}</span>')
    return tags


def _meta(name: str, text: str) -> str:
    """A metadata element: Pagefind reads its text (an attribute would have to escape `:`)."""
    return f'<span data-pagefind-meta="{name}">{escape(text)}</span>'
