"""The claim directive, cards, roles, domain and index, in real Sphinx builds."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import html, warnings_of


@pytest.fixture
def basic(app):
    app.build()
    return app


def card(app, page: str, claim_id: str):
    soup = BeautifulSoup(html(app, page), "html.parser")
    found = soup.find(id=f"claim-{claim_id}")
    assert found is not None, f"no card for {claim_id} in {page}"
    return found


@pytest.mark.sphinx("html", testroot="basic")
def test_builds_without_warnings(basic):
    assert warnings_of(basic) == []


@pytest.mark.sphinx("html", testroot="basic")
def test_figure_card_shows_value_labels_and_source(basic):
    figure = card(basic, "index.html", "deepseek-v3-final-run-cost")
    assert "claim-card" in figure["class"] and "claim-kind-figure" in figure["class"]
    assert figure.select_one(".claim-value").get_text() == "$5.58M"
    # the scope on the context line, linked to its definition; metric and method in the details
    scope_link = figure.select_one(".claim-context .claim-label-scope").find_parent("a")
    assert scope_link.get_text() == "Final training run"
    assert scope_link["href"] == "registry.html#scope-final-training-run"
    assert scope_link["title"] == "The compute of the run that produced the released model."
    labels = [label.get_text() for label in figure.select("details .claim-label")]
    assert labels == ["metric: Cost", "method: Cloud-rental equivalent"]
    source = figure.select_one("a.claim-source-link")
    assert source["href"] == "https://arxiv.org/abs/2412.19437"
    assert "Table 1" in figure.select_one(".claim-source").get_text()
    assert (
        "our total training costs amount to only $5.576M"
        in figure.select_one("details .claim-quote").get_text()
    )
    context = figure.select_one(".claim-context").get_text()
    assert "As of 2024-12-27" in context and "DeepSeek" in context
    assert "Confidence: confident" in figure.select_one("details .claim-facts").get_text()
    assert figure.select_one(".headerlink")["href"] == "#claim-deepseek-v3-final-run-cost"


@pytest.mark.sphinx("html", testroot="basic")
def test_range_and_relations_in_both_directions(basic):
    capex = card(basic, "index.html", "deepseek-server-capex")
    assert capex.select_one(".claim-value").get_text() == "$1.6B (range $1.3B–$1.6B)"
    relation = capex.select_one(".claim-relation")
    assert relation.get_text().startswith("Contradicts:")
    assert relation.a["href"] == "#claim-deepseek-v3-final-run-cost"
    reverse = card(basic, "index.html", "deepseek-v3-final-run-cost").select_one(".claim-relation")
    assert reverse.get_text() == "Contradicted by: DeepSeek total server capital expenditure"


@pytest.mark.sphinx("html", testroot="basic")
def test_viewpoint_looks_different(basic):
    viewpoint = card(basic, "other.html", "cheap-is-good")
    assert "claim-kind-viewpoint" in viewpoint["class"]
    assert viewpoint.select_one(".claim-held-by").get_text() == "Viewpoint held by DeepSeek"
    assert viewpoint.select_one(".claim-kind-badge").get_text() == "Viewpoint"
    relies = viewpoint.select_one(".claim-relation")
    assert relies.get_text() == "Relies on: DeepSeek-V3 final training run cost"
    assert relies.a["href"] == "index.html#claim-deepseek-v3-final-run-cost"


@pytest.mark.sphinx("html", testroot="basic")
def test_roles_resolve_with_title_value_and_own_text(basic):
    soup = BeautifulSoup(html(basic, "other.html"), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("p a.reference.internal")}
    assert links["$5.58M"] == "index.html#claim-deepseek-v3-final-run-cost"
    assert (
        links["DeepSeek-V3 final training run cost"]
        == "index.html#claim-deepseek-v3-final-run-cost"
    )
    assert links["the estimate"] == "index.html#claim-deepseek-server-capex"


@pytest.mark.sphinx("html", testroot="basic")
def test_inventory_and_claim_index(basic):
    from sphinx.util.inventory import InventoryFile

    raw = (Path(basic.outdir) / "objects.inv").read_bytes()
    header, body = raw.split(b"\n", 4)[:4], raw.split(b"\n", 4)[4]
    assert header[0] == b"# Sphinx inventory version 2"
    lines = zlib.decompress(body).decode().splitlines()
    # priority -1: out of Sphinx's search objects (search.py indexes claims), kept for intersphinx
    claim_line = "deepseek-v3-final-run-cost claim:claim -1 index.html#claim-$"
    assert f"{claim_line} DeepSeek-V3 final training run cost" in lines
    scope_line = "final-training-run claim:scope -1 registry.html#scope-$"
    assert any(line.startswith(scope_line) for line in lines)
    inventory = InventoryFile.loads(raw, uri="https://example.org/")
    assert "claim:claim" in inventory.data
    index = BeautifulSoup(html(basic, "claim-index.html"), "html.parser").get_text()
    assert "DeepSeek-V3 final training run cost" in index and "$5.58M" in index


@pytest.mark.sphinx("html", testroot="basic")
def test_search_index_has_claim_ids_and_words(basic):
    index = (Path(basic.outdir) / "searchindex.js").read_text()
    # found by search index entries linked to its card (see test_search.py), not as an object
    entry = '"deepseek-v3 final training run cost":[[0,"claim-deepseek-v3-final-run-cost",true]]'
    assert entry in index
    for word in ("v3", "run", "democrat", "anyon"):  # words of the id and the statement, stemmed
        assert f'"{word}":' in index
