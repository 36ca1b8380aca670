"""The query set (`tests/search_queries.yaml`) on the real site, English and French, in Chromium.

Each query is typed into `search.html?q=` of its edition; the results' links say which claim or
page came first and in the top three. The rates are printed (run with `-s` to see them) and held
to the issue's goals: top-3 at least 90%, top-1 at least 75%. Every claim result shows its value
when the claim has one.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERIES = yaml.safe_load((REPO / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
#: the issue's goals
TOP_3, TOP_1 = 0.90, 0.75
#: how a result's link names its target: the claim's card, or the page
RESULTS_SCRIPT = """els => els.map(e => {
  const a = e.querySelector('a.claimkb-result-title');
  const value = e.querySelector('.claimkb-result-value');
  return {href: a.getAttribute('href'), title: a.textContent,
          claim: e.classList.contains('claimkb-result-claim'),
          value: value ? value.textContent : ''};
})"""


def target(href: str, base: str) -> str:
    """`claim:ID` for a card's link, `page:DOCNAME` for a page's."""
    path = href.removeprefix(base).removeprefix("fr/")
    if "#claim-" in path:
        return "claim:" + path.split("#claim-", 1)[1]
    return "page:" + path.split("#", 1)[0].removesuffix(".html")


def run_query(tab, base: str, query: dict) -> list[dict]:
    edition = "fr/" if query["lang"] == "fr" else ""
    tab.goto(f"{edition}search.html?q={quote(query['query'])}")
    tab.page.wait_for_selector("#claimkb-search[data-ready]", timeout=30_000)
    assert tab.page.get_attribute("#claimkb-search", "data-ready") == "true", tab.errors
    results = tab.page.eval_on_selector_all("li.claimkb-result", RESULTS_SCRIPT)
    for result in results:
        result["target"] = target(result["href"], base)
    return results


def score(queries: list[dict], found: dict[str, list[dict]]) -> dict:
    rows, first, three = [], 0, 0
    for query in queries:
        targets = [r["target"] for r in found[query["lang"] + ":" + query["query"]]]
        top1 = bool(targets) and targets[0] in query["expect"]
        top3 = any(t in query["expect"] for t in targets[:3])
        first, three = first + top1, three + top3
        rows.append({**query, "top1": top1, "top3": top3, "got": targets[:3]})
    count = len(queries)
    return {"top1": first / count, "top3": three / count, "count": count, "rows": rows}


def test_query_set(bilingual_tab, bilingual_site, real_site_dir):
    found = {}
    for query in QUERIES["queries"]:
        found[query["lang"] + ":" + query["query"]] = run_query(
            bilingual_tab, bilingual_site, query
        )
    result = score(QUERIES["queries"], found)
    for row in result["rows"]:
        mark = "ok" if (row["top1"] if row["within"] == 1 else row["top3"]) else "MISS"
        print(f"{mark:4} [{row['lang']}] {row['query']!r}: {row['got']}")
    print(f"top-1 {result['top1']:.0%}, top-3 {result['top3']:.0%} of {result['count']} queries")
    artifact = Path(REPO / "test-artifacts")
    artifact.mkdir(exist_ok=True)
    (artifact / "search-queries.json").write_text(json.dumps(result, indent=1), "utf-8")
    # every claim result shows its value (a claim without a figure has none to show)
    claims = [r for results in found.values() for r in results if r["claim"]]
    valued = json.loads((real_site_dir / "claims.json").read_text("utf-8"))
    has_value = {c["id"] for c in valued["claims"] if c.get("value") is not None}
    blank = [r["target"] for r in claims if r["target"][6:] in has_value and not r["value"]]
    assert not blank, f"claim results without their value: {blank}"
    assert result["top3"] >= TOP_3, f"top-3 rate {result['top3']:.0%} < {TOP_3:.0%}"
    assert result["top1"] >= TOP_1, f"top-1 rate {result['top1']:.0%} < {TOP_1:.0%}"
    assert not bilingual_tab.errors, bilingual_tab.errors
