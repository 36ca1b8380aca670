"""Hostile text in any field of any record never becomes markup in any page the site writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import build_once, copy_root, warnings_of

HOSTILE = [
    "</script><!-- =cmd|' /C calc'!A0",  # a claim's title
    "</script><script>alert(1)</script>",  # an entity's name
    "<img src=x onerror=alert(2)>",  # an alias
    "<svg onload=alert(3)> & friends",  # a description
    "<iframe src=javascript:alert(4)>",  # a publisher
    "<img src=x onerror=alert(6)>",  # a locator
    "<svg onload=alert(7)> costs",  # a chart's title
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("hostile", tmp_path_factory.mktemp("hostile")))
    assert warnings_of(app) == []
    return Path(app.outdir)


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 10  # cards, tables, comparisons and generated pages are all here
    return found


def test_no_page_gains_an_element_or_attribute_from_a_value(site):
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert handlers == [], f"{page.name}: <{element.name} {handlers}>"
            chart = element.name == "svg" and "claimkb-chart-svg" in element.get("class", [])
            assert (
                chart
                or element.name not in ("iframe", "svg", "img")
                or element.get("src", "").startswith(("_images/", "../", "_static/", "_charts/"))
            ), f"{page.name}: {element}"
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, its markup escaped
                assert "<" not in script.string and ">" not in script.string
                json.loads(script.string)
            else:  # the theme's own scripts only
                assert "alert" not in (script.string or ""), f"{page.name}: {script.string!r:.80}"


def test_a_chart_draws_hostile_text_as_text(site):
    """Names, titles, claimants and sources in a chart's drawing, tooltips, files and embed page
    stay text: no element or attribute comes from them."""
    folder = site / "_charts" / "tables--hostile-costs"
    for name in ("chart.svg", "chart-narrow.svg", "embed.html"):
        soup = BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")
        tags = {element.name for element in soup.find_all(True)}
        assert tags <= {"svg", "g", "path", "rect", "line", "text", "tspan", "a", "title",
                        "html", "head", "meta", "style", "body", "p"}, (name, tags)  # fmt: skip
        for element in soup.find_all(True):
            assert not [a for a in element.attrs if a.lower().startswith("on")], (name, element)
    drawing = (folder / "chart.svg").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in drawing  # the series' name
    rows = list(csv.DictReader(io.StringIO((folder / "data.csv").read_text(encoding="utf-8"))))
    assert {row["subject"] for row in rows} >= {"</script><script>alert(1)</script>"}


def test_hostile_values_are_shown_as_the_text_they_are(site):
    text = "\n".join(
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
        for page in pages(site)
    )
    for value in HOSTILE:
        assert value in text, value


def test_exports_keep_values_and_neutralise_formulas(site):
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    titles = {claim["id"]: claim["title"] for claim in data["claims"]}
    assert titles["hostile-title"] == HOSTILE[0]
    with (site / "claims.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    for row in rows:
        for cell in row:
            evaluates = cell[:1] in ("=", "+", "@", "\t", "\r") or (
                cell[:1] == "-" and not _is_number(cell)
            )
            assert not evaluates, cell


def test_search_index_holds_values_as_data(site):
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    payload = json.loads(index.removeprefix("Search.setIndex(").removesuffix(")"))
    entries = payload["indexentries"]  # the search shows them with _escapeHTML
    for value in (HOSTILE[0], HOSTILE[1], HOSTILE[2]):
        assert value.lower() in entries


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_search_records_hold_values_as_text(tmp_path_factory):
    from claimkb.sphinx_ext.search_index import build_records
    from claimkb.views.search_pagefind import record_html

    root = copy_root("hostile", tmp_path_factory.mktemp("hostile-search"))
    app = build_once(root, confoverrides={"claimkb_search": "pagefind"})
    assert warnings_of(app) == []
    assert (Path(app.outdir) / "pagefind" / "pagefind-entry.json").is_file()
    texts = []
    for record in build_records(app):
        soup = BeautifulSoup(record_html(record, "en"), "html.parser")
        names = {element.name for element in soup.find_all(True)}
        assert names <= {"html", "head", "title", "body", "main", "div", "p", "span"}, names
        for element in soup.find_all(True):
            assert all(not name.lower().startswith("on") for name in element.attrs)
        texts.append(soup.get_text(" "))
    for value in (HOSTILE[0], HOSTILE[1]):  # a claim's title, its subject's name
        assert any(value in text for text in texts), value
