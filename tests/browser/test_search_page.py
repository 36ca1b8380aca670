"""The search page in Chromium: the theme's box leads to it, claims answer with their value, pages
follow without the language switcher's words, filters narrow the results, contributor pages
only when asked for, hostile text stays text; the page's number words are the index's.

Screenshots at 1280 and 375 pixels go to `test-artifacts/`.
"""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest

from claimkb.views.search_numbers import number_words
from conftest import ROOTS, build_and_serve, open_tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = "#claimkb-search[data-ready=true]"
RESULTS = "ol.claimkb-results > li.claimkb-result"


def search(tab, query: str, edition: str = "", more: str = "") -> None:
    tab.goto(f"{edition}search.html?q={quote(query)}{more}")
    tab.page.wait_for_selector(READY, timeout=30_000)


def first_results(tab, count: int = 5) -> list[dict]:
    return tab.page.eval_on_selector_all(
        RESULTS,
        """els => els.map(e => ({
            href: e.querySelector('a').getAttribute('href'),
            text: e.innerText,
            claim: e.classList.contains('claimkb-result-claim'),
            value: (e.querySelector('.claimkb-result-value') || {}).innerText || ''}))""",
    )[:count]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_theme_s_search_box_leads_to_figures(ledger_tab, width):
    tab = ledger_tab
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.goto(f"search.html?q={quote('OpenAI revenue 2024')}")
    tab.page.wait_for_selector(READY, timeout=30_000)
    results = first_results(tab, 3)
    assert results[0]["claim"] and results[0]["value"].startswith("$")
    assert any("claim-openai-revenue-2024-projection-nyt" in r["href"] for r in results)
    tab.screenshot(f"search-openai-revenue-2024-{width}")
    if width == 1280:  # the sidebar's box, as a reader uses it
        tab.goto("explainers/token-prices.html")
        box = tab.page.locator(".sidebar-search-container input[name=q]")
        box.fill("GPT-4o mini price")
        box.press("Enter")
        tab.page.wait_for_url("**/search.html?q=*")
        tab.page.wait_for_selector(READY, timeout=30_000)
        assert "gpt-4o-mini" in first_results(tab, 1)[0]["href"]
    assert tab.errors == []


def test_pages_follow_without_the_switcher_s_words(bilingual_tab):
    tab = bilingual_tab
    for edition, query in (("", "meal and restaurant"), ("fr/", "repas et restaurant")):
        search(tab, query, edition)
        text = tab.page.locator("ol.claimkb-results").inner_text()
        assert "English" not in text and "Français" not in text
        pages = [r for r in first_results(tab) if not r["claim"]]
        assert pages and "deepseek-meal-and-restaurant" in pages[0]["href"]
        if edition:
            assert "/fr/" in pages[0]["href"]
    tab.screenshot("search-fr-repas-1280")
    tab.page.set_viewport_size({"width": 375, "height": 800})
    search(tab, "1,6 milliard de dollars", "fr/")
    results = first_results(tab)
    assert "claim-deepseek-server-capex-semianalysis" in results[0]["href"]
    assert "1,6 Md$" in results[0]["value"].replace("\xa0", " ")  # Babel's no-break space
    assert not any("11,6" in r["value"] for r in results)  # whole numbers, not substrings
    tab.screenshot("search-fr-1-6-milliard-375")
    assert tab.errors == []


def test_filters_narrow_and_contributor_pages_wait_to_be_asked_for(ledger_tab):
    tab = ledger_tab
    search(tab, "claim")
    hrefs = [r["href"] for r in first_results(tab, 50)]
    assert not any("guide/" in h or "reference/architecture" in h for h in hrefs)
    facet = tab.page.locator(".claimkb-facet", has_text="contributors")
    assert facet.count() == 1
    facet.click()
    tab.page.wait_for_selector(READY, timeout=30_000)
    hrefs = [r["href"] for r in first_results(tab, 50)]
    assert hrefs and all("guide/" in h or "reference/" in h for h in hrefs)
    search(tab, "DeepSeek")
    total = tab.page.locator(RESULTS).count()
    tab.page.locator(".claimkb-facet-group[aria-label=Metric] .claimkb-facet").first.click()
    tab.page.wait_for_selector(READY, timeout=30_000)
    assert "metric=" in tab.page.url
    assert 0 < tab.page.locator(RESULTS).count() <= total
    assert all(r["claim"] for r in first_results(tab, 50))
    tab.screenshot("search-filtered-1280")
    assert tab.errors == []


@pytest.mark.parametrize(
    ("query", "language", "value"),
    [
        ("$5.576M", "en", 5_576_000),
        ("5,58 M$", "fr", 5_576_000),
        ("1,6 milliard de dollars", "fr", 1.6e9),
        ("1.6 billion", "en", 1.6e9),
        ("$80 billion", "en", 80e9),
        ("5 576 000", "fr", 5_576_000),
        ("0,34", "fr", 0.34),
        ("-$589B", "en", -589e9),
        ("2048", "en", 2048),
    ],
)
def test_the_page_s_number_words_are_the_index_s(ledger_tab, query, language, value):
    ledger_tab.goto("search.html")
    words = ledger_tab.page.evaluate(
        """async ([query, language]) => {
            const m = await import('./_static/claimkb-search-query.js');
            return m.queryWords(query, language).words; }""",
        [query, language],
    )
    assert len(words) == 1 and words[0] in number_words(value), words


def test_hostile_values_stay_text(browser, tmp_path_factory):
    source = tmp_path_factory.mktemp("hostile-search") / "src"
    shutil.copytree(ROOTS / "test-hostile", source)
    conf = source / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nclaimkb_search = "pagefind"\n', "utf-8")
    dialogs = []
    for base in build_and_serve(source, source.parent / "html"):
        tab = open_tab(browser, base)
        tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for query in ("mallory", "script", "onerror", "calc"):
            search(tab, query)
        tab.screenshot("search-hostile")
        assert dialogs == []
        assert [e for e in tab.errors if "favicon.ico" not in e] == []
        tab.page.close()
