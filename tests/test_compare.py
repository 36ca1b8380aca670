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


def test_not_comparable_pair_shows_both_claims_side_by_side(site):
    block = blocks(site)[0]
    items = block.select(".claimkb-compare-item")
    assert [i.select_one(".claimkb-compare-title").get_text(strip=True) for i in items] == [
        "DeepSeek-V3 final training run cost",
        "DeepSeek total server capital expenditure",
    ]
    assert [i.select_one(".claimkb-compare-value").get_text(strip=True) for i in items] == [
        "$5.58M",
        "$1.6B",
    ]
    first = items[0]

    line = first.select_one("p.claimkb-compare-facts")
    # each fact is labelled for screen readers (the label hidden on screen), facts joined by " · "
    labels = [label.get_text() for label in line.select(".claimkb-compare-label")]
    assert labels and all(label.endswith(": ") for label in labels)
    facts = dict(part.split(": ", 1) for part in line.get_text().split(" · "))

    def fact(name: str) -> str:
        return facts[name].strip()

    assert fact("Scope") == "Final training run"
    assert fact("Method") == "Cloud-rental equivalent"
    assert fact("Claimed by") == "DeepSeek"
    assert fact("As of") == "2024-12-27"
    assert "DeepSeek-V3 Technical Report" in fact("Source")
    # light: no tooltips on the facts' links
    assert line.select("a[title]") == []
    # one line of facts, not a table per side
    assert first.select("dl, table") == []
    title_link = first.select_one(".claimkb-compare-title a")["href"]
    assert title_link == "index.html#claim-deepseek-v3-final-run-cost"


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
    instead = blocks(site)[0].select_one(".claimkb-compare-instead").get_text(" ", strip=True)
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
