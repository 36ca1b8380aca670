"""The Pagefind search (`claimkb_search = "pagefind"`): every claim a search record with its
value, pages marked with their section, a bundle that is the same bytes for the same site (any
hash seed, -j 2, incremental or clean), and the search page at `search.html`.

What readers see in a browser (ranking, filters, both editions) is in
`tests/browser/test_search_queries.py` and `tests/browser/test_search_page.py`.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimkb.sphinx_ext.search_index import build_records
from claimkb.views.search_numbers import number_words
from claimkb.views.search_pagefind import record_html
from claimkb.views.search_words import synonyms
from conftest import ROOTS
from helpers import html

HOSTILE_TITLE = "</script><!-- =cmd|' /C calc'!A0"


def records_by_id(app) -> dict:
    return {r.claim_id: r for r in build_records(app)}


def bundle(out: Path) -> dict[str, bytes]:
    folder = out / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def sphinx(src: Path, out: Path, *options: str, **env: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-n",
            "-W",
            "-b",
            "html",
            *options,
            str(src),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.sphinx("html", testroot="search")
def test_every_claim_is_a_record_with_its_value(app):
    app.build()
    found = records_by_id(app)
    assert set(found) == {"deepseek-v3-final-run-cost", "hostile-title", "nvidia-one-day-loss"}
    record = found["deepseek-v3-final-run-cost"]
    assert record.url == "index.html#claim-deepseek-v3-final-run-cost"
    assert record.value == "$5.58M"
    assert record.title == "DeepSeek-V3 final training run cost"
    assert record.years == ("2024",)
    assert "n558e4q" in record.numbers and "d5576q" in record.numbers
    assert record.filters.metric == ("Cost",)
    assert record.filters.section == ("explainers",)
    assert record.measures[0] == "Cost"
    assert "price" in record.synonyms  # "cost" is also how readers say "price"
    # a claim shown from a collection is found where it is shown
    assert found["nvidia-one-day-loss"].url.startswith("market.html#claim-")


@pytest.mark.sphinx("html", testroot="search")
def test_a_record_is_text_never_markup(app):
    app.build()
    record = records_by_id(app)["hostile-title"]
    document = record_html(record, "en")

    class Texts(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.meta = [], {}
            self._meta = None

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self._meta = dict(attrs).get("data-pagefind-meta")

        def handle_data(self, data):
            if self._meta:
                self.meta[self._meta] = data

    texts = Texts()
    texts.feed(document)
    assert "script" not in texts.tags
    assert texts.meta["title"] == HOSTILE_TITLE


def fragments(out: Path) -> dict[str, dict]:
    """Pagefind's fragments of a built site by address: what a result downloads to show."""
    found = {}
    for path in sorted((out / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])  # after Pagefind's signature
        found[fragment["url"]] = fragment
    return found


@pytest.mark.sphinx("html", testroot="search")
def test_a_page_is_found_by_its_own_words_not_by_the_claims_it_lists(app):
    app.build()
    found = fragments(Path(app.outdir))
    # the claims are results of their own, with their value
    claim = found["/index.html#claim-deepseek-v3-final-run-cost"]
    assert claim["meta"]["value"] == "$5.58M"
    # the pages: their own words, not their cards, claims tables or registry's claims
    index, market = found["/index.html"], found["/market.html"]
    assert "Search" in index["content"]
    assert "$5.58M" not in index["content"] and "2.788M H800" not in index["content"]
    assert "Who is who" in market["content"]
    listed = [f for url, f in found.items() if url.startswith("/market.html#claim-")]
    assert listed and all(f["meta"]["title"] not in market["content"] for f in listed)


@pytest.mark.sphinx("html", testroot="search")
def test_contributor_pages_are_apart_in_the_filter_every_search_loads(app):
    app.build()
    assert 'data-pagefind-filter="result">contributor-page<' in html(app, "guide.html")
    assert 'data-pagefind-filter="result">page<' in html(app, "index.html")
    assert 'data-pagefind-filter="result">page<' in html(app, "kb/entities.html")


@pytest.mark.sphinx("html", testroot="search")
def test_the_search_page_loads_only_what_it_uses(app):
    app.build()
    search, index = html(app, "search.html"), html(app, "index.html")
    for unused in ("pygments.css", "claimkb-chart.css", "claimkb-cards.js", "claimkb-table.js"):
        assert unused in index and unused not in search
    assert "claimkb.css" in search


@pytest.mark.sphinx("html", testroot="search")
def test_a_french_record_is_found_by_the_word_after_an_elision(app):
    app.build()
    record = dataclasses.replace(
        records_by_id(app)["deepseek-v3-final-run-cost"],
        measures=("Chiffre d’affaires",),
        title="Chiffre d’affaires de l’année",
    )
    french = record_html(record, "fr")
    assert "Chiffre d’ affaires</p>" in french and "de l’ année" in french
    # what results show is as written
    assert '<span data-pagefind-meta="title">Chiffre d’affaires de l’année</span>' in french
    assert "Chiffre d’affaires</p>" in record_html(record, "en")


@pytest.mark.sphinx("html", testroot="search")
def test_pages_carry_their_section_and_the_search_page_is_ours(app):
    app.build()
    out = Path(app.outdir)
    assert not (out / "searchindex.js").exists()  # Sphinx's whole-index download is gone
    assert "<div data-pagefind-body>" in html(app, "index.html")
    assert 'data-pagefind-filter="section">explainers<' in html(app, "index.html")
    assert 'data-pagefind-filter="section">contributors<' in html(app, "guide.html")
    assert 'data-pagefind-filter="section">knowledge base<' in html(app, "kb/entities.html")
    search = html(app, "search.html")
    assert "data-pagefind-body" not in search
    assert 'id="claimkb-search"' in search and "_static/claimkb-search.js" in search
    assert 'name="q"' in search
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] > 3
    assert not list((out / "pagefind").glob("pagefind-ui.*"))


def test_the_bundle_is_the_same_bytes_whatever_the_seed_and_jobs(tmp_path):
    sphinx(ROOTS / "test-search", tmp_path / "a", PYTHONHASHSEED="1")
    sphinx(ROOTS / "test-search", tmp_path / "b", "-j", "2", PYTHONHASHSEED="4242")
    first, second = bundle(tmp_path / "a"), bundle(tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_an_incremental_build_gives_the_clean_build_s_bundle(tmp_path):
    src = tmp_path / "src"
    import shutil

    shutil.copytree(ROOTS / "test-search", src)
    sphinx(src, tmp_path / "out")
    page = src / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("5_576_000", "6_000_000"), "utf-8")
    sphinx(src, tmp_path / "out")  # incremental: only what changed is written again
    sphinx(src, tmp_path / "clean")
    assert bundle(tmp_path / "out") == bundle(tmp_path / "clean")


@pytest.mark.parametrize(
    ("value", "typed"),
    [
        (1.6e9, ["n16e8q", "n160e7q", "d16q"]),  # $1.6B, $1.60B, a bare 1,6
        (5_576_000, ["n6e6q", "n56e5q", "n558e4q", "n5576e3q", "d5576q"]),
        (0.34, ["n34em2q", "d34q"]),
        (-589e9, ["n589e9q", "n59e10q"]),  # the sign is left out
        (9.96, ["n1e1q", "n10e0q", "n996em2q"]),  # rounding up adds a digit
    ],
)
def test_number_words(value, typed):
    assert set(typed) <= set(number_words(value))


def test_number_words_keep_whole_number_boundaries():
    assert not set(number_words(11.6e9)) & {"n16e8q", "d16q"}  # "1,6 milliard" is not 11,6 Md$
    assert not set(number_words(16e9)) & {"n16e8q"}


def test_synonyms_follow_the_names_in_each_language():
    assert "capex" in synonyms("Capital expenditure, cash paid for property and equipment", "en")
    assert "revenus" in synonyms("Chiffre d'affaires", "fr")
    assert synonyms("Number of widgets", "en") == []


@pytest.mark.sphinx("html", testroot="search")
def test_an_index_pagefind_cannot_write_is_one_warning(app, monkeypatch):
    from claimkb.sphinx_ext import search_index
    from claimkb.sphinx_ext.pagefind_service import PagefindError

    def refuse(*_args):
        raise PagefindError("Pagefind answered 3 of 40 requests")

    monkeypatch.setattr(search_index, "index_files", refuse)
    bundle = Path(app.outdir) / "pagefind"
    before = {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    app.build()
    warnings = app.warning.getvalue()
    assert "the search index was not written: Pagefind answered 3 of 40 requests" in warnings
    assert "Traceback" not in warnings + app.status.getvalue()
    # nothing half-written: the index of an earlier build (the root is shared) is left as it was
    assert {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before


def test_the_bundle_folder_gets_exactly_the_index_s_files_writing_only_changed_ones(tmp_path):
    from claimkb.sphinx_ext.search_index import write_changed

    folder = tmp_path / "pagefind"
    first = {"pagefind-entry.json": b"{}", "fragment/en_a.pf_fragment": b"a", "index/x": b"x"}
    assert write_changed(first, folder) == 3
    kept = folder / "fragment" / "en_a.pf_fragment"
    kept_time = kept.stat().st_mtime_ns
    second = {"pagefind-entry.json": b"{1}", "fragment/en_a.pf_fragment": b"a", "filter/f": b"f"}
    assert write_changed(second, folder) == 2  # the entry changed, the filter is new
    found = {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
    assert found == second
    assert not (folder / "index").exists()  # an emptied folder goes too
    assert kept.stat().st_mtime_ns == kept_time  # the unchanged fragment was not written again
