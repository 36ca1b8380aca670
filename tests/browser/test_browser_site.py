"""The built site in Chromium: search, claim links, claims tables, comparisons and charts."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Sphinx's search page (tests/roots/test-browser) or the Pagefind one (the AI Cost Ledger)
FIRST_RESULT = (
    "#search-results ul.search > li:first-child > a, "
    "ol.claimkb-results > li:first-child > a.claimkb-result-title"
)


def search(tab, query: str) -> None:
    """Types a query in the theme's search box, as a reader does, and waits for the results."""
    tab.goto("index.html")
    box = tab.page.locator("input[name=q]").first
    box.fill(query)
    box.press("Enter")
    tab.page.wait_for_url("**/search.html?q=*")
    tab.page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return (s !== null && s.textContent.trim().length > 0)"
        " || document.querySelector('#claimkb-search[data-ready=true]') !== null; }",
        timeout=60_000,
    )


def wait_in_viewport(tab, selector: str) -> None:
    """Waits until the element's top is on screen (the theme scrolls to an anchor smoothly)."""
    tab.page.wait_for_function(
        "selector => { const r = document.querySelector(selector).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight && r.height > 0; }",
        arg=selector,
        timeout=10_000,
    )


def assert_lands_on_card(tab, claim_id: str) -> None:
    anchor = f"claim-{claim_id}"
    assert tab.page.url.endswith(f"#{anchor}"), tab.page.url
    card = tab.page.locator(f"#{anchor}")
    assert card.is_visible()
    assert "claim-card" in card.get_attribute("class")
    wait_in_viewport(tab, f"#{anchor}")
    assert tab.page.eval_on_selector(f"#{anchor}", "el => el.matches(':target')")


@pytest.mark.parametrize(
    ("query", "claim_id"),
    [
        ("High-Flyer Quant", "high-flyer-fire-flyer"),  # an alias of the entity it is about
        ("5.576", "deepseek-v3-final-run-cost"),  # $5.576M, shown as $5.58M
        ("$1.6B", "deepseek-server-capex"),
        ("deepseek-server-capex", "deepseek-server-capex"),  # its id
    ],
)
def test_search_lands_on_the_card_first(tab, query, claim_id):
    search(tab, query)
    first = tab.page.locator(FIRST_RESULT)
    assert first.get_attribute("href").endswith(f"#claim-{claim_id}")
    tab.screenshot(f"search-{query}")
    first.click()
    tab.page.wait_for_load_state("load")
    assert_lands_on_card(tab, claim_id)
    tab.screenshot(f"search-{query}-card")
    assert tab.errors == []


def test_claim_link_follows_to_its_anchor(tab):
    tab.goto("costs.html")
    link = tab.page.locator("article a.reference.internal[href$='#claim-deepseek-server-capex']")
    link = link.first
    assert link.inner_text() == "DeepSeek total server capital expenditure"
    link.click()
    tab.page.wait_for_url("**/index.html#claim-deepseek-server-capex")
    assert_lands_on_card(tab, "deepseek-server-capex")
    tab.screenshot("claim-link-target")
    assert tab.errors == []


def column_values(tab, column: str) -> list[str]:
    return tab.page.eval_on_selector_all(
        f"table.claimkb-claims tbody tr:not([hidden]) td.claimkb-col-{column}",
        "cells => cells.map(c => c.textContent.trim())",
    )


def test_claims_table_sorts_and_filters(tab):
    tab.goto("tables.html")
    table = "table.claimkb-claims"
    values = tab.page.eval_on_selector_all(
        f"{table} tbody td.claimkb-col-value data.claimkb-sort-key",
        "keys => keys.map(k => parseFloat(k.value))",
    )
    assert len(values) == 3
    button = tab.page.locator(f"{table} th.claimkb-col-value button.claimkb-sort-button")
    button.click()
    ascending = column_values(tab, "value")
    assert ascending == ["$5.58M", "$78M", "$1.6B (range $1.3B–$1.6B)"]
    header = tab.page.locator(f"{table} th.claimkb-col-value")
    assert header.get_attribute("aria-sort") == "ascending"
    button.click()
    assert column_values(tab, "value") == list(reversed(ascending))
    assert header.get_attribute("aria-sort") == "descending"

    # three rows need no filter box (a longer table gets one: tests/browser/test_browser_pages.py)
    assert tab.page.locator("input.claimkb-filter").count() == 0
    assert tab.errors == []


def test_comparison_says_what_differs_and_draws_no_ratio(tab):
    tab.goto("costs.html")
    blocks = tab.page.locator(".claimkb-compare")
    assert blocks.count() == 2
    apart = blocks.nth(0)
    verdict = apart.locator(".claimkb-compare-verdict").inner_text()
    assert verdict.startswith("Not comparable: they measure different things.")
    assert "scope" in verdict and "method" in verdict
    assert apart.locator(".claimkb-compare-ratio").count() == 0
    alike = blocks.nth(1).locator(".claimkb-compare-ratio")
    assert alike.count() == 1 and "GPT-4 final training run cost" in alike.inner_text()
    apart.scroll_into_view_if_needed()
    tab.screenshot("comparison")
    assert tab.errors == []


def test_metric_scope_page_of_two_figures_shows_them_as_a_table(tab):
    """Two figures are a table, not a chart (tests/browser/test_charts_browser.py opens the
    charts of pages with more)."""
    tab.goto("kb/metric/cost/final-training-run.html")
    rows = tab.page.locator("article table tbody tr")
    assert rows.count() == 2
    assert rows.first.is_visible()
    assert tab.page.locator("article svg.claimkb-chart-svg").count() == 0
    tab.screenshot("metric-scope-table")
    assert tab.errors == []


# The search cases, on the AI Cost Ledger itself: the claim's card is the first hit.
LEDGER_SEARCHES = [
    ("deepseek-v3-final-run-cost", "deepseek-v3-final-run-cost"),  # id
    # words of its title (all final-training-run costs answer "final training run cost", the
    # latest first: the subject's name says which)
    ("DeepSeek final training run cost", "deepseek-v3-final-run-cost"),
    ("Cantor", "cantor-more-compute-not-less"),  # alias of its claimant, Cantor Fitzgerald
    ("5.576", "deepseek-v3-final-run-cost"),  # as DeepSeek wrote it: $5.576M
    ("$1.6B", "deepseek-server-capex-semianalysis"),
]


@pytest.mark.parametrize(("query", "claim_id"), LEDGER_SEARCHES)
def test_ledger_search_lands_on_the_card_first(ledger_tab, query, claim_id):
    search(ledger_tab, query)
    first = ledger_tab.page.locator(FIRST_RESULT)
    assert first.get_attribute("href").endswith(f"#claim-{claim_id}")
    first.click()
    ledger_tab.page.wait_for_load_state("load")
    assert_lands_on_card(ledger_tab, claim_id)
    ledger_tab.screenshot(f"ledger-search-{query}")
    # the site has no icon yet, so Chromium asks for /favicon.ico and logs its 404
    assert [e for e in ledger_tab.errors if "/favicon.ico" not in e] == []
