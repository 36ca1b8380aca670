"""The real site in Chromium, as a reader finds their way: the navigation (readers' sections apart
from contributors', one page per name), the timeline's one filter across its pages, a data set's
table whose rows are the claims' homes, and "last updated" on every page; at 1280 and 375 px,
with screenshots in test-artifacts/."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
READER_SECTIONS = ["Explainers", "Data", "Knowledge base"]
CONTRIBUTOR_PAGES = ("Schema", "Finding codes", "Benchmark", "Architecture", "Contributing")


def sized(tab, width: str) -> None:
    w, h = WIDTHS[width]
    tab.page.set_viewport_size({"width": w, "height": h})


def no_sideways_scroll(tab) -> None:
    width = tab.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= tab.page.viewport_size["width"], width


def test_navigation_keeps_readers_and_contributors_apart(ledger_tab):
    tab = ledger_tab
    tab.goto("index.html")
    captions = [c.strip() for c in tab.page.locator(".sidebar-tree p.caption").all_text_contents()]
    assert captions == [*READER_SECTIONS, "For contributors"]
    trees = tab.page.locator(".sidebar-tree > ul")
    readers = " ".join(trees.nth(i).inner_text() for i in range(len(READER_SECTIONS)))
    for page in CONTRIBUTOR_PAGES:
        assert page not in readers, page
    names = [n.strip() for n in tab.page.locator(".sidebar-tree a").all_inner_texts()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert "Sources" in names and "Entities" not in names
    tab.screenshot("navigation-desktop")
    sized(tab, "phone")
    tab.goto("index.html")
    tab.page.locator(".mobile-header label.nav-overlay-icon").click()  # the menu button
    tab.page.locator(".sidebar-drawer p.caption").first.wait_for(state="visible")
    tab.page.wait_for_timeout(400)  # the drawer slides in
    tab.screenshot("navigation-phone")
    assert tab.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_filters_every_year_and_follows_to_older_years(ledger_tab, width):
    tab = ledger_tab
    sized(tab, width)
    tab.goto("kb/timeline.html")
    form = tab.page.locator("form.claimkb-timeline-filter")
    assert form.is_visible()
    years = tab.page.locator("section.claimkb-timeline-year h2").all_inner_texts()
    numbers = [int(y.rstrip("¶").strip()) for y in years if y.rstrip("¶").strip().isdigit()]
    assert numbers == sorted(numbers, reverse=True)  # newest first
    form.locator("select[name=e]").select_option("openai")
    visible = tab.page.locator("section.claimkb-timeline-year tbody tr:not([hidden])")
    count = visible.count()
    assert count > 0
    for index in range(count):
        assert "e-openai" in visible.nth(index).get_attribute("class")
    assert f"{count} rows shown" in form.locator("output").inner_text()
    assert "e=openai" in tab.page.url
    no_sideways_scroll(tab)
    tab.screenshot(f"timeline-openai-{width}")
    # an older year is on its own page: the filter goes with it
    older = form.locator("select[name=y] option[data-href]").first
    year = older.get_attribute("value")
    form.locator("select[name=y]").select_option(year)
    tab.page.wait_for_url(f"**/timeline/{year}.html?e=openai#year-{year}")
    tab.page.wait_for_load_state("load")
    assert tab.page.locator("form.claimkb-timeline-filter select[name=e]").input_value() == "openai"
    rows = tab.page.locator("section.claimkb-timeline-year tbody tr:not([hidden])")
    for index in range(rows.count()):
        assert "e-openai" in rows.nth(index).get_attribute("class")
    tab.screenshot(f"timeline-{year}-openai-{width}")
    assert tab.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_data_set_row_is_the_claims_home(ledger_tab, width):
    tab = ledger_tab
    sized(tab, width)
    tab.goto("data/token-prices-dataset.html#claim-genai-prices-ada-input")
    row = tab.page.locator("#claim-genai-prices-ada-input")
    assert row.evaluate("el => el.tagName") == "TR"
    assert row.evaluate("el => el.matches(':target')")
    # the theme scrolls to the anchor smoothly: the row ends up on screen
    tab.page.wait_for_function(
        "() => { const r = document.querySelector('#claim-genai-prices-ada-input')"
        ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }",
        timeout=10_000,
    )
    assert "$0.4" in row.inner_text()
    no_sideways_scroll(tab)
    tab.screenshot(f"data-set-row-{width}")
    assert tab.errors == []


def test_every_page_says_when_it_was_last_updated(ledger_tab):
    tab = ledger_tab
    for page in (
        "index.html",
        "explainers/token-prices.html",
        "kb/timeline.html",
        "kb/entity/openai.html",
    ):
        tab.goto(page)
        footer = tab.page.locator(".bottom-of-page").inner_text()
        assert "Last updated on" in footer, (page, footer)
