"""The charts of the AI Cost Ledger in Chromium, at desktop and phone widths: the valuation,
run-rate, capex and token-price charts (their metric-and-scope pages and the explainers'). Every
row of a chart's table is a point of its drawing or a figure the chart says it does not draw;
hovering (desktop) or tapping (phone) a point names its subject and value; no tick reads `1e6`
or `*`; no text is smaller than 10 pixels; the chart/table switch and the permalink keep their
state. Screenshots go to `test-artifacts/`."""

from __future__ import annotations

import csv
import io
import re

import pytest

from conftest import open_tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
#: (page, the chart's anchor)
CHARTS = [
    ("kb/metric/valuation/post-money-valuation.html", "chart"),
    ("kb/metric/revenue/annualized-run-rate.html", "chart"),
    ("kb/metric/cost/capex-property-and-equipment.html", "chart"),
    ("kb/metric/token-price/api-output-list-price.html", "chart"),
    ("explainers/labs-money.html", "chart-post-money-valuations"),
    ("explainers/labs-money.html", "chart-anthropic-run-rate"),
    ("explainers/hyperscaler-capex.html", "chart-capex-by-year"),
    ("explainers/token-prices.html", "chart-output-prices-over-time"),
]
LAYOUT = {"desktop": "wide", "phone": "narrow"}


def open_chart(tab, page: str, anchor: str, width: str):
    w, h = WIDTHS[width]
    if tab.page.viewport_size != {"width": w, "height": h}:
        tab.page.set_viewport_size({"width": w, "height": h})
    tab.goto(page)
    block = tab.page.locator(f"#{anchor}.claimkb-chart-block")
    block.scroll_into_view_if_needed()
    return block


def chart_data(tab, block) -> list[dict[str, str]]:
    """The chart's CSV, fetched as a reader downloads it."""
    href = block.locator(".claimkb-chart-files a[download]").first.get_attribute("href")
    text = tab.page.evaluate("href => fetch(href).then(r => r.text())", href)
    return list(csv.DictReader(io.StringIO(text)))


def name(page: str, anchor: str, width: str) -> str:
    return f"chart-{page.removesuffix('.html').replace('/', '-')}-{anchor}-{width}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("page", "anchor"), CHARTS)
def test_every_row_is_a_point_or_a_stated_exception(ledger_tab, page, anchor, width):
    block = open_chart(ledger_tab, page, anchor, width)
    data = chart_data(ledger_tab, block)
    table = block.locator(".claimkb-chart-table td.claimkb-col-title a")
    listed = [href.split("#claim-")[1] for href in table.evaluate_all("as => as.map(a => a.href)")]
    assert [row["claim_id"] for row in data] == listed
    layout = block.locator(f"svg.claimkb-chart-{LAYOUT[width]}")
    assert layout.is_visible()
    points = layout.locator("[data-i]")
    drawn = [row for row in data if row["drawn"] == "true"]
    assert points.count() == len(drawn)
    wide = block.locator("svg.claimkb-chart-wide a").evaluate_all(
        "links => links.map(a => a.getAttribute('xlink:href') || a.getAttribute('href'))"
    )
    assert sorted(href.split("#claim-")[1] for href in wide) == sorted(r["claim_id"] for r in drawn)
    # said under the title, with why: in the wide drawing; on a phone, by the page above the
    # narrow one (lines wrapped: compared without spaces)
    notes = layout if width == "desktop" else block.locator(".claimkb-chart-phone-head")
    assert notes.is_visible()
    words = re.sub(r"\s+", "", notes.evaluate("e => e.textContent"))
    for row in data:
        if row["drawn"] == "false":
            assert re.sub(r"\s+", "", row["not_drawn_because"]) in words, row["claim_id"]
    ledger_tab.screenshot(name(page, anchor, width))
    assert ledger_tab.errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("page", "anchor"), CHARTS)
def test_a_point_names_its_subject_and_value(ledger_tab, phone_tab, page, anchor, width):
    tab = phone_tab if width == "phone" else ledger_tab
    block = open_chart(tab, page, anchor, width)
    data = {row["claim_id"]: row for row in chart_data(tab, block) if row["drawn"] == "true"}
    layout = block.locator(f"svg.claimkb-chart-{LAYOUT[width]}")
    assert block.locator(".claimkb-chart-hint").is_visible()  # said once the points can be
    point = layout.locator("[data-i]").last
    point.scroll_into_view_if_needed()
    if width == "phone":
        point.tap(force=True)
    else:
        point.hover(force=True)
    tip = block.locator(".claimkb-chart-tip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    index = int(point.get_attribute("data-i"))
    link = block.locator(f'svg.claimkb-chart-wide [data-i="{index}"]').locator("xpath=..")
    claim = (link.get_attribute("xlink:href") or link.get_attribute("href")).split("#claim-")[1]
    assert data[claim]["subject"] in text and data[claim]["value_text"] in text, text
    tab.screenshot(name(page, anchor, width) + "-tooltip")
    assert tab.errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("page", "anchor"), CHARTS)
def test_ticks_are_plain_and_text_is_legible(ledger_tab, page, anchor, width):
    block = open_chart(ledger_tab, page, anchor, width)
    layout = block.locator(f"svg.claimkb-chart-{LAYOUT[width]}")
    ticks = layout.locator(".role-axis-label text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert ticks and not [t for t in ticks if "1e" in t or "*" in t], ticks
    years = [t for t in ticks if re.fullmatch(r"(19|20)[0-9]{2}", t)]
    assert years, ticks
    smallest = layout.evaluate(
        """svg => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize));
          return Math.min(...sizes) * scale;
        }"""
    )
    assert smallest >= 10, smallest
    scroll, inner = ledger_tab.page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll <= inner  # the page does not scroll sideways


def test_the_switch_and_the_permalink_keep_the_state(ledger_tab):
    page, anchor = "explainers/hyperscaler-capex.html", "chart-capex-by-year"
    block = open_chart(ledger_tab, page, anchor, "desktop")
    block.locator(".claimkb-chart-tabs button", has_text="Table").click()
    assert block.locator(".claimkb-chart-table").is_visible()
    assert not block.locator("figure.claimkb-chart").is_visible()
    assert ledger_tab.page.url.endswith(f"#{anchor}?view=table")
    block.locator(".claimkb-chart-tabs button", has_text="Chart").click()
    label = block.locator("svg.claimkb-chart-wide text[data-series]").first
    series = label.get_attribute("data-series")
    label.click()
    assert ledger_tab.page.url.endswith(f"#{anchor}?series={series}")
    faded = block.locator(f'svg.claimkb-chart-wide [data-i]:not([data-series="{series}"])').first
    faded.evaluate(  # once its fading is done
        "e => new Promise(done => { const wait = () => getComputedStyle(e).opacity < 0.2"
        " ? done() : requestAnimationFrame(wait); wait(); })"
    )
    # the permalink opens the chart as it was left
    ledger_tab.goto(f"{page}#{anchor}?view=table")
    assert block.locator(".claimkb-chart-table").is_visible()
    assert not block.locator("figure.claimkb-chart").is_visible()
    ledger_tab.screenshot("chart-permalink-table")
    assert ledger_tab.errors == []


def test_the_embed_code_points_at_the_chart_alone(ledger_tab):
    block = open_chart(
        ledger_tab, "explainers/token-prices.html", "chart-output-prices-over-time", "desktop"
    )
    block.locator(".claimkb-chart-embed").click()
    code = block.locator(".claimkb-chart-embed-code textarea").input_value()
    found = re.search(r'<iframe src="([^"]+)"', code)
    assert found and found.group(1).endswith(
        "/_charts/explainers/token-prices--output-prices-over-time/embed.html"
    )
    ledger_tab.page.goto(found.group(1))
    assert ledger_tab.page.locator("svg.claimkb-chart-svg").is_visible()


def test_without_script_a_chart_is_its_drawing_as_an_image_and_its_table(without_script, real_site):
    """No script: the drawing is the image of the chart's folder, loaded and labelled by the
    chart's title, and the table lists the figures (views/chart_html.py)."""
    tab = open_tab(without_script, real_site)
    tab.page.goto(real_site + "explainers/token-prices.html")  # not tab.goto: no script to wait for
    block = tab.page.locator("#chart-output-prices-over-time.claimkb-chart-block")
    image = block.locator(".claimkb-chart-layout-wide img.claimkb-chart-static")
    image.scroll_into_view_if_needed()
    assert image.is_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") > 600
    title = "Output price per million tokens of the labs' flagship and budget models"
    assert image.get_attribute("alt") == title
    assert block.locator("svg").count() == 0
    assert not block.locator(".claimkb-chart-hint").is_visible()  # no point to hover or tap
    assert block.locator(".claimkb-chart-table tbody tr").first.is_visible()
    tab.screenshot("chart-without-script")
    tab.page.close()
