"""Search terms: every claim's id, title, values as people write them and entity names reach
Sphinx's search index, linked to the claim's card, without cluttering the general index.

(That the first hit lands on the card in a browser is checked in `tests/browser/`.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

from claimkb.views.search_terms import number_forms
from helpers import build_once, copy_root, html


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"Search\.setIndex\((.*)\)", text.strip(), re.S).group(1))


@pytest.fixture
def index(app) -> dict:
    app.build()
    return search_index(Path(app.outdir))


def targets(index: dict, term: str) -> set[tuple[str, str, bool]]:
    """(page, anchor, main) of the index entry `term`."""
    docnames = index["docnames"]
    return {
        (docnames[doc], anchor, main) for doc, anchor, main in index["indexentries"].get(term, [])
    }


def first_entry_hit(index: dict, query: str) -> tuple[str, str] | None:
    """What Sphinx's searchtools.js (9.0) ranks first among index entries for `query`.

    An entry matches when it contains the query and the query is at least half its length; it
    scores 100 x len(query) / len(entry); main entries come before the others.
    """
    query = query.lower().strip()
    hits = []
    for entry, found in index["indexentries"].items():
        if query in entry and len(query) >= len(entry) / 2:
            score = round(100 * len(query) / len(entry))
            hits += [(main, score, index["docnames"][doc], anchor) for doc, anchor, main in found]
    if not hits:
        return None
    best = max(hits, key=lambda hit: hit[:2])
    return best[2], best[3]


FINAL_RUN = ("index", "claim-deepseek-v3-final-run-cost")
LOSS = ("market", "claim-nvidia-one-day-loss")


@pytest.mark.sphinx("html", testroot="exports")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("deepseek-v3-final-run-cost", FINAL_RUN),  # id
        ("DeepSeek-V3 final training run cost", FINAL_RUN),  # title
        ("final training run cost", FINAL_RUN),  # words of the title
        ("5.576", FINAL_RUN),  # as the source writes it: $5.576M
        ("$5.576M", FINAL_RUN),
        ("$5.58M", FINAL_RUN),  # as the card shows it
        ("5.6M", FINAL_RUN),  # as headlines round it
        ("5.576 million", FINAL_RUN),
        ("5,576,000", FINAL_RUN),
        ("Hangzhou DeepSeek", FINAL_RUN),  # alias of its subject and claimant
        ("-$589B", LOSS),
        ("589 billion", LOSS),
        ("record one-day loss", LOSS),  # words of a clause of its title
        ("NVIDIA", LOSS),  # its subject: the claim before the entity's own entry
        ("2.5 million", None),
    ],
)
def test_search_ranks_the_claim_first(index, query, expected):
    assert first_entry_hit(index, query) == expected


@pytest.mark.sphinx("html", testroot="exports")
def test_registry_records_are_indexed_after_claims(index):
    assert ("market", "entity-nvidia", False) in targets(index, "nvidia")
    assert ("market", "entity-deepseek", False) in targets(index, "hangzhou deepseek")
    assert ("market", "claim-nvidia-one-day-loss", True) in targets(index, "nvidia")


@pytest.mark.sphinx("html", testroot="exports")
def test_search_terms_stay_out_of_the_general_index_and_objects_keep_their_names(app, index):
    assert "5.576" not in html(app, "genindex.html")
    # search objects would link to "#claim-<title>": claims are found by index entries instead
    assert index["objects"] == {}
    # ...and keep their names for intersphinx
    with (Path(app.outdir) / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(
            stream, "https://ledger.example", lambda base, uri: f"{base}/{uri}"
        )
    found = inventory["claim:claim"]["deepseek-v3-final-run-cost"]
    assert found.uri == "https://ledger.example/index.html#claim-deepseek-v3-final-run-cost"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (5_576_000, "USD", {"$5.576M", "$5.58M", "$5.6M", "$5.576 million", "$5,576,000"}),
        (1.6e9, "USD", {"$1.6B", "$1.6 billion", "$1,600,000,000", "$1600000000"}),
        (589e9, "USD", {"$589B", "$590B", "$589 billion"}),
        (-589e9, "USD", {"-$589B", "-$589 billion"}),
        (50_000, "GPUs", {"50K", "50,000 GPUs", "50 thousand"}),
        (2.5, "USD", {"$2.5"}),
    ],
)
def test_number_forms(value, unit, expected):
    forms = number_forms(value, unit)
    assert expected <= forms
    assert not any("e+" in form for form in forms)


def test_entries_survive_an_incremental_build(tmp_path):
    """Sphinx forgets the index entries of pages it does not rewrite (sphinx-doc/sphinx#12599)."""
    src = copy_root("exports", tmp_path)
    first = build_once(src, builddir=tmp_path / "build")
    page = Path(first.outdir) / "market.html"
    written = page.stat().st_mtime_ns
    index_md = src / "index.md"
    index_md.write_text(index_md.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    second = build_once(src, builddir=tmp_path / "build")
    assert "One more line" in html(second, "index.html")
    assert page.stat().st_mtime_ns == written  # market.md was not rewritten...
    index = search_index(Path(second.outdir))
    assert first_entry_hit(index, "-$589B") == LOSS  # ...and its claim is still found
    assert first_entry_hit(index, "5.576") == FINAL_RUN
