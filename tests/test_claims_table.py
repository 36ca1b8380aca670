"""The `claims` directive: filtered, formatted, linked, sortable tables of claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import build_once, copy_root, html, warnings_of


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("kb", tmp_path_factory.mktemp("tables")))
    assert warnings_of(app) == []
    return app


def tables(app, page: str = "tables.html"):
    return BeautifulSoup(html(app, page), "html.parser").select("table.claimkb-claims")


def titles(table) -> list[str]:
    return [cell.get_text(strip=True) for cell in table.select("tbody td.claimkb-col-title")]


def test_subject_filter_selects_claims_about_the_entity(site):
    assert titles(tables(site)[0]) == [
        "DeepSeek total server capital expenditure",  # 2025-01-31
        "DeepSeek GPUs",  # 2025-01
    ]


def test_filters_combine_and_include_collection_claims(site):
    # metric, scope and method together: the page claim and both claims of the collection
    assert titles(tables(site)[1]) == [
        "DeepSeek-V3 final training run cost",
        "GPT-4 final training run cost",
        "GPT-3 final training run cost",
    ]


def test_source_filter_includes_further_sources(site):
    assert sorted(titles(tables(site)[2])) == [
        "DeepSeek GPUs",  # cites the report under `also`
        "DeepSeek-V3 final training run cost",
        "DeepSeek-V3 weights are published",
    ]


def test_status_and_tag_filters(site):
    assert titles(tables(site)[3]) == ["DeepSeek GPUs"]
    assert titles(tables(site)[4]) == [
        "DeepSeek-V3 final training run cost",
        "GPT-4 final training run cost",
    ]


def test_latest_keeps_the_n_claims_with_the_newest_as_of(site):
    assert titles(tables(site)[6]) == [
        "DeepSeek total server capital expenditure",  # 2025-01-31
        "DeepSeek GPUs",  # 2025-01
        "DeepSeek-V3 final training run cost",  # 2024-12-27
    ]


def test_latest_counts_among_the_claims_the_filters_match(site):
    # metric: cost, newest two: the DeepSeek GPUs (gpu-count) are not counted
    assert titles(tables(site)[7]) == [
        "DeepSeek total server capital expenditure",
        "DeepSeek-V3 final training run cost",
    ]
    # more than match: every match, newest first, a claim without as_of last
    assert titles(tables(site)[8]) == [
        "DeepSeek-V3 final training run cost",
        "DeepSeek-V3 weights are published",
    ]


def test_latest_breaks_ties_by_id():
    from claimkb.core.claim_filters import select
    from claimkb.core.records import Location, Record

    def claim(cid: str, as_of: str) -> Record:
        return Record("claim", cid, {"as_of": as_of, "metric": "cost"}, Location("x.md"))

    records = [claim("b", "2025-01"), claim("c", "2025-02"), claim("a", "2025-01"), claim("d", "")]
    rows = select(records, {"metric": ["cost"], "latest": ["3"]})
    assert [r.id for r in rows] == ["c", "a", "b"]


def test_no_filter_lists_every_shown_claim_once(site):
    assert sorted(titles(tables(site)[5])) == sorted(
        [
            "DeepSeek total server capital expenditure",
            "DeepSeek GPUs",
            "DeepSeek-V3 final training run cost",
            "DeepSeek-V3 weights are published",
            "GPT-4 final training run cost",
            "GPT-3 final training run cost",
        ]
    )


def test_tables_have_stable_ids_and_sortable_headers(site):
    found = tables(site)
    assert [t["id"] for t in found] == [f"claims-table-{n}" for n in range(1, 10)]
    headers = found[0].select("thead th")
    sort_types = {
        h.get_text(strip=True): [c for c in h["class"] if c.startswith("claimkb-sort-")]
        for h in headers
    }
    assert sort_types["Value"] == ["claimkb-sort-number"]
    assert sort_types["As of"] == ["claimkb-sort-number"]
    assert sort_types["Claim"] == ["claimkb-sort-text"]


def test_values_are_formatted_with_raw_numeric_sort_keys(site):
    row = tables(site)[1].select("tbody tr")[0]
    value = row.select_one("td.claimkb-col-value data.claimkb-sort-key")
    assert value.get_text() == "$5.58M"
    assert value["value"] == "5576000"
    as_of = row.select_one("td.claimkb-col-as_of data.claimkb-sort-key")
    assert (as_of.get_text(), as_of["value"]) == ("2024-12-27", "20241227")
    gpt3 = tables(site)[1].select("tbody tr")[2]
    assert gpt3.select_one("td.claimkb-col-as_of data")["value"] == "20200000"


def test_rows_link_to_the_claim_anchor(site):
    links = [a["href"] for a in tables(site)[1].select("tbody td.claimkb-col-title a")]
    assert links == [
        "index.html#claim-deepseek-v3-final-run-cost",
        "costs.html#claim-gpt-4-final-run-cost",
        "costs.html#claim-gpt-3-final-run-cost",
    ]
    soup = BeautifulSoup(html(site, "costs.html"), "html.parser")
    assert soup.select_one("#claim-gpt-4-final-run-cost") is not None


def test_the_table_script_is_shipped_and_loaded(site):
    script = Path(site.outdir) / "_static" / "claimkb-table.js"
    assert "aria-sort" in script.read_text()
    soup = BeautifulSoup(html(site, "tables.html"), "html.parser")
    assert any(
        s.get("src", "").startswith("_static/claimkb-table.js") for s in soup.select("script")
    )


def test_unknown_filter_values_are_located_findings(tmp_path):
    app = build_once(copy_root("kb-unknown", tmp_path))
    found = [w for w in warnings_of(app) if "directive claims" in w]
    # each at the line of its option
    assert found == [
        "index.md:21: WARNING: directive claims: subject: unknown entity 'deepseak' "
        "(hint: did you mean 'deepseek'?) [claim.ref]",
        "index.md:22: WARNING: directive claims: status: unknown status 'curent' "
        "(hint: did you mean 'current'?) [claim.ref]",
        "index.md:30: WARNING: directive claims: latest: '0' is not a whole number greater "
        "than 0 (hint: :latest: 8 shows the 8 claims with the newest as_of) [claim.schema]",
    ]
