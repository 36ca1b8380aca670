"""The `compare` directive and the comparability rules behind it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from claimkb.core import comparability
from helpers import build_once, copy_root, html, warnings_of


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("kb", tmp_path_factory.mktemp("compare")))
    assert warnings_of(app) == []
    return app


def blocks(app, page: str = "costs.html"):
    return BeautifulSoup(html(app, page), "html.parser").select("div.claimkb-compare")


def test_not_comparable_pair_names_scope_and_method_and_draws_no_ratio(site):
    block = blocks(site)[0]
    verdict = block.select_one(".claimkb-compare-verdict")
    assert "claimkb-not-comparable" in verdict["class"]
    text = verdict.get_text(" ", strip=True)
    assert "Different scope: Final training run vs Company infrastructure" in text
    assert "different method: Cloud-rental equivalent vs Analyst estimate" in text
    assert block.select(".claimkb-compare-ratio") == []
    assert "×" not in block.get_text()


def test_not_comparable_pair_shows_each_figure_on_one_line(site):
    block = blocks(site)[0]
    items = block.select("ul.claimkb-compare-figures > li.claimkb-compare-item")
    # each line: the value first, then the title linking to the card
    assert [i.get_text(" ", strip=True) for i in items] == [
        "$5.58M DeepSeek-V3 final training run cost",
        "$1.6B DeepSeek total server capital expenditure",
    ]
    title_link = items[0].select_one(".claimkb-compare-title a")["href"]
    assert title_link == "index.html#claim-deepseek-v3-final-run-cost"
    # the verdict follows the figures, the details come last
    children = [child.name for child in block.find_all(recursive=False)]
    assert children == ["ul", "p", "details"]


def facts_of(line) -> dict[str, str]:
    """A details line's facts by label: `Lead: Label: value · Label: value`."""
    lead = line.select_one(".claimkb-compare-of").get_text()
    labels = [label.get_text() for label in line.select(".claimkb-compare-label")]
    assert labels and all(label.endswith(": ") for label in labels)
    text = line.get_text()[len(lead) :]
    return {k.strip(): v.strip() for k, v in (part.split(": ", 1) for part in text.split(" · "))}


def test_what_each_figure_counts_is_collapsed_and_what_both_share_is_said_once(site):
    block = blocks(site)[0]
    details = block.select_one("details.claimkb-compare-details")
    assert details is not None and not details.has_attr("open")
    # a comparable pair has nothing to compare instead: the summary says what the details hold
    comparable = blocks(site)[1].select_one("details.claimkb-compare-details")
    assert comparable.summary.get_text() == "What each figure counts, and its source"
    assert comparable.select(".claimkb-compare-instead") == []
    shared = details.select_one("p.claimkb-compare-shared")
    assert shared.select_one(".claimkb-compare-of").get_text() == "In common: "
    # both are costs; scope, method, who, when and source differ
    assert facts_of(shared) == {"Metric": "Cost"}
    first = details.select_one("p.claimkb-compare-facts-deepseek-v3-final-run-cost")
    assert first.select_one(".claimkb-compare-of").get_text() == (
        "DeepSeek-V3 final training run cost: "
    )
    facts = facts_of(first)
    assert facts["Scope"] == "Final training run"
    assert facts["Method"] == "Cloud-rental equivalent"
    assert facts["Claimed by"] == "DeepSeek"
    assert facts["As of"] == "2024-12-27"
    assert "DeepSeek-V3 Technical Report" in facts["Source"]
    # a fact both sides share is not repeated on either side's line
    for fact in facts_of(shared):
        assert fact not in facts
    # light: no tooltips on the facts' links, and no table per side
    assert details.select("a[title]") == []
    assert block.select("dl, table") == []


def test_comparable_pair_gives_the_ratio(site):
    block = blocks(site)[1]
    verdict = block.select_one(".claimkb-compare-verdict")
    assert "claimkb-comparable" in verdict["class"]
    ratio = block.select_one(".claimkb-compare-ratio").get_text(" ", strip=True)
    expected = comparability.ratio_text(78_400_000 / 5_576_000)
    assert expected == "14.1×"
    assert ratio.startswith("GPT-4 final training run cost")
    assert f"is {expected}" in ratio
    assert ratio.endswith("DeepSeek-V3 final training run cost ($5.58M).")


def test_dollars_of_different_years_are_converted_before_the_ratio(site):
    block = blocks(site)[2]
    text = block.select_one(".claimkb-compare-verdict").get_text(" ", strip=True)
    assert "Their dollars are of different years (2023 and 2024), so both are converted to" in text
    assert "dollars with the US CPI-U before the ratio" in text
    ratio = block.select_one(".claimkb-compare-ratio").get_text(" ", strip=True)
    assert "($5.58M; $5.72M in 2025 dollars) is 1.26×" in ratio


def test_unknown_ids_are_located_findings(tmp_path):
    app = build_once(copy_root("kb-unknown", tmp_path))
    found = [w for w in warnings_of(app) if "compare" in w]
    assert found == [
        "index.md:17: WARNING: directive compare: unknown claim 'deepseek-v3-final-run-cots' "
        "(hint: did you mean 'deepseek-v3-final-run-cost'?) [claim.ref]"
    ]
    # one claim left: nothing to compare, nothing drawn
    assert "claimkb-compare" not in html(app, "index.html")


NAMES = {
    "final-training-run": "Final training run",
    "company-infrastructure": "Company infrastructure",
}


def names(rtype: str, rid: str) -> str:
    return NAMES.get(rid, rid)


FIGURE = {
    "kind": "figure",
    "metric": "cost",
    "scope": "final-training-run",
    "method": "cloud-rental-equivalent",
    "value": 5_576_000,
}


def test_differences_uses_registry_names_and_plain_words():
    other = {**FIGURE, "scope": "company-infrastructure", "value": 1.6e9}
    found = comparability.differences(FIGURE, other, names)
    assert comparability.describe(found) == (
        "different scope: Final training run vs Company infrastructure"
    )
    assert not comparability.comparable(FIGURE, other)


def test_same_metric_scope_method_and_price_year_is_comparable():
    assert comparability.comparable(FIGURE, {**FIGURE, "value": 1})
    assert comparability.comparable({**FIGURE, "price_year": 2023}, {**FIGURE, "price_year": 2023})
    # the CPI-U converts between years; where it has no year, no ratio is drawn
    assert comparability.comparable({**FIGURE, "price_year": 2023}, {**FIGURE, "price_year": 2020})
    found = comparability.differences({**FIGURE, "price_year": 1900}, FIGURE, names)
    assert comparability.describe(found).startswith(
        "different price year: 1900 prices (no US CPI-U for 1900 to convert them) vs"
    )


def test_a_claim_without_a_value_is_never_comparable():
    fact = {"kind": "fact", "text": "Weights are published."}
    found = comparability.differences(FIGURE, fact, names)
    assert comparability.describe(found) == "different kind: a figure vs a fact without a value"
    assert comparability.ratio(FIGURE, fact) is None


@pytest.mark.parametrize(
    ("left", "right", "text"),
    [
        (5_576_000, 78_400_000, "14.1×"),
        (1, 287.4, "287×"),
        (2, 2.1, "1.05×"),
        (1, 12_345, "12,345×"),
    ],
)
def test_ratio_is_larger_over_smaller(left, right, text):
    ratio = comparability.ratio({"value": left}, {"value": right})
    assert ratio == pytest.approx(max(left, right) / min(left, right))
    assert comparability.ratio_text(ratio) == text


def test_no_ratio_unless_both_values_are_positive():
    assert comparability.ratio({"value": 0}, {"value": 5}) is None
    assert comparability.ratio({"value": -1}, {"value": 5}) is None


MARKET = """# Market

```{claim} fall-a
:kind: figure
:title: Market value fall, agency A
:subject: deepseek
:metric: cost
:value: -589e9
:scope: company-infrastructure
:method: market-data
:as_of: 2025-01-27
:claimant: deepseek
:source: deepseek-v3-report
:confidence: likely
```

```{claim} fall-b
:kind: figure
:title: Market value fall, agency B
:subject: deepseek
:metric: cost
:value: -593e9
:scope: company-infrastructure
:method: news-report
:as_of: 2025-01-27
:claimant: deepseek
:source: deepseek-v3-report
:confidence: likely
```

```{compare} fall-a fall-b
```
"""
PROVENANCE = """  - id: market-data
    name: Market data
    definition: Computed from exchange prices.
    provenance: true
  - id: news-report
    name: News report
    definition: Reported by journalists.
    provenance: true
"""


def test_values_without_a_ratio_say_how_far_apart_they_are(tmp_path):
    """Two negative values have no ratio: the verdict gives the difference and its share; two
    methods that only say how a figure became known do not keep figures apart."""
    root = copy_root("kb", tmp_path)
    registry = root / "claims" / "registry.yaml"
    registry.write_text(registry.read_text() + PROVENANCE)
    (root / "market.md").write_text(MARKET)
    index = root / "index.md"
    index.write_text(index.read_text().replace("costs\n", "costs\nmarket\n", 1))
    app = build_once(root)
    assert [w for w in warnings_of(app) if "market" in w] == []
    block = blocks(app, "market.html")[0]
    verdict = block.select_one(".claimkb-compare-verdict")
    assert "claimkb-comparable" in verdict["class"]
    text = verdict.get_text(" ", strip=True)
    assert "their methods only say how each became known" in text
    assert block.select_one(".claimkb-compare-apart").get_text(" ", strip=True) == (
        "−$589B and −$593B: $4B apart (under 1%)."
    )


def test_not_comparable_names_what_to_compare_instead(site):
    details = blocks(site)[0].select_one("details.claimkb-compare-details")
    # one click away, and the summary says it is there
    assert details.summary.get_text() == (
        "What each figure counts, its source, and what to compare instead"
    )
    instead = details.select_one("p.claimkb-compare-instead").get_text(" ", strip=True)
    # the nearest comparable claims of the ledger: same metric, scope and method
    assert instead == (
        "Compare instead: DeepSeek-V3 final training run cost with GPT-4 final training run "
        "cost ($78.4M), GPT-3 final training run cost ($4.3M)."
    )


def test_gap_and_tolerance():
    assert comparability.gap({"value": 191e6}, {"value": 199e6}).verdict == "agree"
    assert comparability.gap({"value": 512}, {"value": 648}).verdict == "disagree"
    found = comparability.gap({"value": -589e9}, {"value": -593e9})
    assert (found.verdict, found.difference) == ("agree", 4e9)
    # a bound that the other's number fits is no disagreement; bounds apart are
    assert comparability.gap({"high": 2.9}, {"value": 0.3}).verdict == "overlap"
    assert comparability.gap({"low": 10}, {"value": 3}).verdict == "disagree"
    assert comparability.percent_text(0.004) == "under 1%"
    assert comparability.percent_text(0.266) == "27%"


def test_provenance_methods_compare_across_but_calculations_do_not():
    disclosed = {**FIGURE, "method": "company-disclosure"}
    reported = {**FIGURE, "method": "news-report", "value": 6e6}
    provenance = {"company-disclosure", "news-report"}
    assert comparability.comparable(disclosed, reported, provenance)
    assert not comparability.comparable(disclosed, reported)
    # a calculating method (cloud-rental equivalent) is compared only with itself
    assert not comparability.comparable(FIGURE, reported, provenance)
