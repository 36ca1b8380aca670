"""Pages that lead with the answer, in Chromium at 1280 px and 375 px on the AI Cost Ledger itself:
the key figures come before the first section, no table or chip runs past its column, a card's
details open and close, a link to a claim in a table opens its row, one filter serves an entity
page, and "Cite this" gives the day and a file. Screenshots go to `test-artifacts/`."""

from __future__ import annotations

import json
from datetime import date

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"desktop": (1280, 800), "phone": (375, 812)}
PAGES = {
    "token-prices": "explainers/token-prices.html",
    "price-falls": "explainers/price-falls.html",
    "capex": "explainers/hyperscaler-capex.html",
    "deepseek": "explainers/deepseek-meal-and-restaurant.html",
    "openai": "kb/entity/openai.html",
    "nvidia": "kb/entity/nvidia.html",
}
#: where the key figures stand: before the first section that is not their own, and whether
#: they come first on the page's second screen at most
KEY_FIGURES_PLACE = """() => {
  const table = document.querySelector('article table.claimkb-key-figures');
  if (!table) return null;
  const sections = [...document.querySelectorAll('article section section')]
    .filter(s => !s.contains(table));
  const first = sections[0];
  const before = !first || !!(table.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
  const box = table.getBoundingClientRect();
  return {before, top: box.top + window.scrollY, rows: table.tBodies[0].rows.length,
          visible: box.width > 0 && box.height > 0};
}"""
#: tables wider than the block that holds them, and chips, labels and values that run past the
#: card, row or cell they are in
OVERFLOWS = """(phone) => {
  const found = [];
  const main = document.querySelector('article').getBoundingClientRect();
  for (const wrapper of document.querySelectorAll('article .claimkb-table-wrapper')) {
    const table = wrapper.querySelector('table');
    if (!table) continue;
    const pivotOnPhone = phone && table.classList.contains('claimkb-pivot');
    if (!pivotOnPhone && table.getBoundingClientRect().width > wrapper.clientWidth + 1)
      found.push(`table ${table.id}: ${table.getBoundingClientRect().width} > ${wrapper.clientWidth}`);
  }
  const chips = '.sd-badge, .claim-label, .claim-context a, td.claimkb-col-value, .claim-value';
  for (const chip of document.querySelectorAll(`article ${chips}`)) {
    const box = chip.getBoundingClientRect();
    if (box.width === 0) continue;  // in a closed details block
    const holder = chip.closest('.claim-card, td, th, p') || chip.parentElement;
    const limit = Math.min(holder.getBoundingClientRect().right, main.right);
    if (box.right > limit + 1 || chip.scrollWidth > chip.clientWidth + 1 && chip.clientWidth)
      found.push(`${chip.className}: "${chip.textContent.trim().slice(0, 40)}" ends at ${box.right} > ${limit}`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth)
    found.push(`page: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
  return found;
}"""


def visit(tab, width: str, path: str) -> None:
    tab.page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    tab.goto(path)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_the_key_figures_come_before_the_first_section(ledger_tab, width, name):
    visit(ledger_tab, width, PAGES[name])
    place = ledger_tab.page.evaluate(KEY_FIGURES_PLACE)
    assert place is not None, f"{name}: no key-figures table"
    assert place["before"] and place["visible"] and place["rows"] >= 2, place
    height = WIDTHS[width][1]
    assert place["top"] < 3 * height, (
        f"{name}: the key figures start on screen {place['top'] / height:.1f}"
    )
    ledger_tab.page.evaluate("top => window.scrollTo(0, top - 60)", place["top"])
    ledger_tab.screenshot(f"key-figures-{name}-{width}")
    assert ledger_tab.errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [*PAGES, "data/token-prices-cited.html"])
def test_no_table_or_chip_overflows_its_column(ledger_tab, width, name):
    visit(ledger_tab, width, PAGES.get(name, name))
    assert ledger_tab.page.evaluate(OVERFLOWS, width == "phone") == []
    assert ledger_tab.errors == []


def test_a_pivot_on_a_phone_scrolls_inside_its_own_box(ledger_tab):
    """A pivot keeps its years side by side: on a phone it may scroll sideways in its box, the
    page never does, and each value is whole."""
    visit(ledger_tab, "phone", PAGES["capex"])
    found = ledger_tab.page.evaluate(
        """() => [...document.querySelectorAll('table.claimkb-pivot')].map(t => {
             const box = t.closest('.claimkb-table-wrapper');
             const cut = [...t.querySelectorAll('.claimkb-pivot-value')]
               .filter(v => v.scrollWidth > v.clientWidth + 1).length;
             return {scrolls: getComputedStyle(box).overflowX, cut};
           })"""
    )
    assert found and all(f["scrolls"] == "auto" and f["cut"] == 0 for f in found), found
    assert ledger_tab.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    anchor = ledger_tab.page.locator("table.claimkb-pivot").first
    anchor.scroll_into_view_if_needed()
    ledger_tab.screenshot("pivot-capex-phone")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_cards_details_open_and_close(ledger_tab, width):
    visit(ledger_tab, width, PAGES["token-prices"])
    card = ledger_tab.page.locator("article .claim-card").first
    details = card.locator("details.claim-details")
    quote = details.locator(".claim-quote")
    assert details.get_attribute("open") is None and not quote.is_visible()
    details.locator("summary").click()
    assert details.get_attribute("open") is not None and quote.is_visible()
    card.scroll_into_view_if_needed()
    ledger_tab.screenshot(f"card-details-open-{width}")
    details.locator("summary").click()
    assert details.get_attribute("open") is None and not quote.is_visible()
    ledger_tab.screenshot(f"card-details-closed-{width}")
    assert ledger_tab.errors == []


def test_cite_this_gives_the_permalink_the_day_and_a_file(ledger_tab):
    visit(ledger_tab, "desktop", PAGES["token-prices"])
    card = ledger_tab.page.locator("article .claim-card").first
    card.locator("details.claim-details summary").click()
    cite = card.locator(".claim-cite")
    today = date.today().isoformat()
    text = cite.inner_text()
    assert today in text and "The AI Cost Ledger" in text and "/c/" in text, text
    with ledger_tab.page.expect_download() as download:
        cite.locator("button.claim-cite-download").click()
    item = json.loads(open(download.value.path(), encoding="utf-8").read())[0]  # noqa: SIM115
    assert item["URL"].endswith(".html") and "/c/" in item["URL"]
    assert item["accessed"]["date-parts"][0] == [int(p) for p in today.split("-")]
    assert item["container-title"] == "The AI Cost Ledger"
    ledger_tab.screenshot("cite-this")
    assert ledger_tab.errors == []


def test_a_price_link_lands_on_its_row_with_its_quote(ledger_tab):
    visit(ledger_tab, "desktop", PAGES["token-prices"])
    link = ledger_tab.page.locator("article a[href*='token-prices-cited.html#claim-']").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    ledger_tab.page.wait_for_url(f"**#{target}")
    row = ledger_tab.page.locator(f"tr#{target}")
    assert row.evaluate("el => el.matches(':target')")
    # the lean table's row: the value whole, the source's words under the first cell
    ledger_tab.page.wait_for_function(
        f"() => {{ const r = document.getElementById('{target}').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        timeout=10_000,
    )
    first_cell = row.locator("td").first
    assert first_cell.locator("span").first.is_visible()
    assert "$" in row.inner_text()
    ledger_tab.screenshot("price-row-opened")
    assert ledger_tab.errors == []


def test_the_cited_prices_table_sorts_and_filters(ledger_tab):
    visit(ledger_tab, "desktop", "data/token-prices-cited.html")
    table = "table.claimkb-collection-table"
    rows = ledger_tab.page.locator(f"{table} tbody tr")
    total = rows.count()
    assert total > 50
    ledger_tab.page.locator(f"{table} th.claimkb-col-value button").click()
    column = ledger_tab.page.eval_on_selector_all(
        f"{table} thead th",
        "ths => ths.findIndex(th => th.classList.contains('claimkb-col-value'))",
    )
    values = ledger_tab.page.eval_on_selector_all(
        f"{table} tbody tr td:nth-child({column + 1}) data",
        "d => d.map(x => parseFloat(x.value))",
    )
    assert len(values) > 50 and values == sorted(values)  # a claim without a number has none
    ledger_tab.page.locator("input.claimkb-filter").fill("claude opus")
    shown = ledger_tab.page.locator(f"{table} tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    # every word of the box in every row left (the quote and source under its title included)
    texts = [t.lower() for t in shown.evaluate_all("rows => rows.map(r => r.textContent)")]
    assert all("claude" in t and "opus" in t for t in texts)
    ledger_tab.screenshot("cited-prices-filtered")
    assert ledger_tab.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_an_entity_page_has_one_filter_for_all_its_tables(ledger_tab, width):
    visit(ledger_tab, width, PAGES["openai"])
    boxes = ledger_tab.page.locator("input.claimkb-filter")
    assert boxes.count() == 1
    sections = ledger_tab.page.locator("#claims-about > section")
    total = sections.count()
    boxes.fill("valuation")
    shown = [s for s in sections.all() if s.is_visible()]
    assert 0 < len(shown) < total
    assert any("Valuation" in s.locator("h3").inner_text() for s in shown)
    boxes.scroll_into_view_if_needed()
    ledger_tab.screenshot(f"entity-filter-{width}")
    assert ledger_tab.errors == []


#: the heaviest a page may be, in bytes of HTML: the token-price explainer, the timeline, the
#: claim index and the data page of Epoch AI's training costs; every other page: `MOST`
WEIGHTS = {
    "explainers/token-prices.html": 200_000,
    "kb/timeline.html": 250_000,
    "claim-index.html": 300_000,
    "data/frontier-training-costs.html": 300_000,
}
MOST = 500_000


def test_pages_stay_light_and_the_token_price_page_short(ledger_tab, real_site_dir):
    """The token-price explainer is under 15 desktop screens (1280 x 800) and 200 KB of HTML;
    the timeline under 250 KB, the claim index and the data page under 300 KB, no page over
    500 KB (charts' drawings are files of their own, views/chart_html.py)."""
    sizes = {
        page.relative_to(real_site_dir).as_posix(): page.stat().st_size
        for page in real_site_dir.rglob("*.html")
        if "fr" not in page.relative_to(real_site_dir).parts[:1]
        and "_charts" not in page.relative_to(real_site_dir).parts[:1]
    }
    heavy = {page: size for page, size in sizes.items() if size > WEIGHTS.get(page, MOST)}
    assert heavy == {}, sorted(heavy.items(), key=lambda item: -item[1])
    assert all(page in sizes for page in WEIGHTS), sorted(set(WEIGHTS) - set(sizes))
    visit(ledger_tab, "desktop", PAGES["token-prices"])
    screens = ledger_tab.page.evaluate("document.documentElement.scrollHeight / 800")
    assert screens < 15, screens
