"""The landing page of the AI Cost Ledger in Chromium, at desktop and phone widths: its cards, its
figures (each a link to a claim), its width, its weight, its search box and the newest claims."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"desktop": (1280, 800), "phone": (375, 812)}
#: the claims behind the landing page's fixed headline figures (the strip's others are the
#: latest in the ledger: `test_the_strip_shows_the_latest_period_of_each_subject`)
HEADLINE_CLAIMS = [
    "deepseek-v3-final-run-cost",
    "deepseek-server-capex-semianalysis",
    "gpt-4-launch-output-price",
]
QUESTIONS = [
    "What does it cost to train a frontier model?",
    "What does a million tokens cost?",
    "How much are companies spending on data centres?",
    "How much electricity does AI use?",
    "Who pays?",
]
#: text with a number (a digit that does not end a name such as GPT-4 or DeepSeek-V3) in the page's
#: prose and cards, outside a link to a claim (the hidden text of a card's link is the title of the
#: page it links to, not part of this page; the latest figures' lines are the claims' own
#: periods, written from the data)
TYPED_DIGITS = """() => {
  const roots = document.querySelectorAll('article > section > p, .claimkb-front');
  const found = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (/(?<![\\w-])[0-9]/.test(node.textContent) && !parent.closest('a[href*="#claim-"]')
          && !parent.closest('.sd-hide-link-text') && !parent.closest('.claimkb-latest'))
        found.push(node.textContent.trim());
    }
  }
  return found;
}"""


def open_front(tab, width: str) -> None:
    tab.page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    tab.goto("index.html")


def lefts(tab, selector: str) -> set[int]:
    return set(
        tab.page.eval_on_selector_all(
            selector, "cards => cards.map(c => Math.round(c.getBoundingClientRect().left))"
        )
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_front_page_shows_its_cards_and_figures(ledger_tab, width):
    open_front(ledger_tab, width)
    page = ledger_tab.page
    cards = page.locator(".claimkb-front .sd-card")
    assert cards.count() >= 1 + 3 + len(QUESTIONS) + 6
    for index in range(cards.count()):
        assert cards.nth(index).is_visible()
    questions = page.locator(".claimkb-front-questions .sd-card-title")
    assert [questions.nth(i).inner_text() for i in range(len(QUESTIONS))] == QUESTIONS
    for claim_id in HEADLINE_CLAIMS:
        link = page.locator(f".claimkb-front a[href*='#claim-{claim_id}']").first
        assert link.is_visible(), claim_id
        assert re.search(r"[0-9]", link.inner_text()), claim_id
    assert page.evaluate(TYPED_DIGITS) == []
    ledger_tab.screenshot(f"front-{width}")
    assert [e for e in ledger_tab.errors if "/favicon.ico" not in e] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_front_page_fits_the_width_and_collapses_to_one_column(ledger_tab, width):
    open_front(ledger_tab, width)
    page = ledger_tab.page
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width
    columns = len(lefts(ledger_tab, ".claimkb-front-questions .sd-card"))
    assert columns == (1 if width == "phone" else 3)
    recent = page.locator(".claimkb-front-recent ul.claimkb-latest")
    recent.scroll_into_view_if_needed()
    assert page.evaluate(
        "() => { const w = document.querySelector('.claimkb-front-recent');"
        " return w.scrollWidth <= w.clientWidth; }"
    ), "the newest figures scroll sideways"
    ledger_tab.screenshot(f"front-{width}-recent")


def test_front_page_is_light(ledger_tab):
    open_front(ledger_tab, "phone")
    sizes = ledger_tab.page.evaluate(
        "() => [performance.getEntriesByType('navigation')[0].decodedBodySize,"
        " performance.getEntriesByType('resource').reduce((n, r) => n + r.decodedBodySize, 0),"
        " document.querySelectorAll('article img').length]"
    )
    html_bytes, resource_bytes, images = sizes
    assert html_bytes < 150_000, sizes
    assert resource_bytes < 600_000, sizes
    assert images == 0, sizes


def claims_of(real_site_dir) -> dict[str, dict]:
    exported = json.loads((real_site_dir / "claims.json").read_text(encoding="utf-8"))
    return {claim["id"]: claim for claim in exported["claims"]}


def shown_ids(tab, selector: str) -> list[str]:
    return tab.page.eval_on_selector_all(
        f"{selector} a[href*='#claim-']",
        "links => links.map(a => a.getAttribute('href').split('#claim-')[1])",
    )


def test_the_newest_figures_are_eight_subjects_newest_first(ledger_tab, real_site_dir):
    open_front(ledger_tab, "desktop")
    claims = claims_of(real_site_dir)
    ids = shown_ids(ledger_tab, ".claimkb-front-recent")
    assert len(ids) == 8
    stated = [claims[i]["as_of"] for i in ids]
    assert stated == sorted(stated, reverse=True)
    # one line per subject, and not the imported price list of one day
    subjects = [claims[i]["subject"][0]["id"] for i in ids]
    assert len(set(subjects)) == 8
    assert not any(claims[i]["source"]["id"] == "genai-prices" for i in ids)


def end_of(claim: dict) -> str:
    """The month a figure's period ends (`2025` ends in `2025-12`), else its as_of's."""
    period = claim["period"] or ""
    end = (period.split("/")[-1] if period else claim["as_of"]) or ""
    return end[:7] if len(end) > 4 else f"{end}-12"


def test_the_strip_shows_the_latest_period_of_each_subject(ledger_tab, real_site_dir):
    """Never 2024 when 2026 is in the ledger: each figure of the strip has the latest period of
    its subject, metric and scope among the figures a reader can compare it with."""
    open_front(ledger_tab, "desktop")
    claims = claims_of(real_site_dir)
    strip = (
        ".claimkb-front:not(.claimkb-front-questions):not(.claimkb-front-browse) .claimkb-latest"
    )
    ids = shown_ids(ledger_tab, strip)
    assert len(ids) >= 6
    for shown in ids:
        claim = claims[shown]
        same = [
            other
            for other in claims.values()
            if other["metric"]
            and other["scope"]
            and claim["metric"]
            and claim["scope"]
            and other["metric"]["id"] == claim["metric"]["id"]
            and other["scope"]["id"] == claim["scope"]["id"]
            and {s["id"] for s in other["subject"]} & {s["id"] for s in claim["subject"]}
            and other["kind"] == "figure"
            and (other["period"] or other["source"]["id"] != "genai-prices")
        ]
        latest = max(end_of(other) for other in same)
        assert end_of(claim) >= latest, (shown, latest)


def wait_for_results(tab) -> int:
    tab.page.wait_for_url("**/search.html?q=*")
    tab.page.wait_for_selector("#claimkb-search[data-ready=true]")
    return tab.page.locator("ol.claimkb-results > li.claimkb-result").count()


@pytest.mark.parametrize("width", WIDTHS)
def test_front_search_box_submits_to_results(ledger_tab, width):
    open_front(ledger_tab, width)
    box = ledger_tab.page.locator(".claimkb-front-search input[name=q]")
    assert box.is_visible()
    box.fill("DeepSeek")
    ledger_tab.page.locator(".claimkb-front-search button[type=submit]").click()
    assert wait_for_results(ledger_tab) > 0
    assert "search.html?q=DeepSeek" in ledger_tab.page.url
    ledger_tab.screenshot(f"front-search-{width}")


def test_every_search_example_finds_something(ledger_tab):
    open_front(ledger_tab, "desktop")
    examples = ledger_tab.page.eval_on_selector_all(
        ".claimkb-front-examples a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(examples) == 3
    for href in examples:
        assert href.startswith("search.html?q=")
        ledger_tab.goto(href)
        assert wait_for_results(ledger_tab) > 0, href
