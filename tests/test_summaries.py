"""Pages that lead with the answer: key figures, pivot tables, compact cards, a collection as one
table, tables that say once what every row agrees on, and entity pages that open with their key
figures (real builds of `tests/roots/test-summaries`)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from claimkb.core.records import Location, Record
from claimkb.core.summaries import group_of, span_kind, year_of
from helpers import build_once, copy_root, html, warnings_of


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("summaries", tmp_path_factory.mktemp("summaries")))
    assert warnings_of(app) == []
    return app


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup(html(app, name), "html.parser").select_one("[role=main]")


def rows(table) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)]
        for row in table.select("tr")
    ]


# --- key figures ---------------------------------------------------------------------------------
def test_key_figures_lead_the_page_with_the_latest_figure_of_each_named_claim(site):
    main = page(site, "index.html")
    table = main.select_one("table.claimkb-key-figures")
    first_section = main.select_one("section section")
    # before the first section, right after the introduction
    assert table.find_parent("section") is not None and first_section not in table.parents
    assert table.find_next("section") is first_section
    assert table.caption.get_text(strip=True).startswith("Key figures")
    assert rows(table) == [
        ["Figure", "Value", "When", "Who says so"],
        [
            "Alpha Cloud guidance for 2026",
            "between $170B and $180B",
            "2026 (forecast)",
            "Alpha Cloud",
        ],
        ["Beta Search capex for fiscal 2025", "$88B", "Jul 2024 – Jun 2025", "Beta Search"],
        # named at launch price, shown at its latest: the August 2024 price superseded it
        [
            "Model A output price in August 2024",
            "$10 per million tokens",
            "as of 2024-08-06",
            "Test Lab",
        ],
        ["Model B output price", "$0.4 per million tokens", "as of 2025-08-07", "Test Lab"],
    ]
    link = table.select_one("td.claimkb-col-figure a")
    assert link["href"] == "#claim-alpha-2026-guidance"


def test_an_entity_page_opens_with_its_key_figures_in_the_order_readers_ask(site):
    main = page(site, "kb/entity/lab.html")
    sections = [s["id"] for s in main.select("section > section")]
    assert sections[0] == "key-figures"
    table = main.select_one("#key-figures table.claimkb-key-figures")
    figures = [row[0] for row in rows(table)[1:]]
    # metrics by their declared order: revenue (10), valuation (20), then GPU count (no order);
    # within revenue the result before the forecast of a later year
    assert figures == [
        "Revenue: Annual revenue",
        "Revenue: Annual revenue",
        "Valuation: Post-money valuation",
        "GPU count: Fleet",
    ]
    assert [row[2] for row in rows(table)[1:3]] == ["2025", "2026 (forecast)"]
    # the tables of claims about it follow in the same order, with one filter for the page
    about = [s.h3.get_text(strip=True).rstrip("¶") for s in main.select("#claims-about > section")]
    assert about == [
        "Revenue: Annual revenue",
        "Valuation: Post-money valuation",
        "GPU count: Fleet",
    ]
    assert len(main.select(".claimkb-page-filter")) == 1


def test_a_forecast_gives_way_to_the_result_of_its_period():
    def figure(rid, period, as_of, method, **more):
        data = {
            "kind": "figure",
            "subject": ["alpha"],
            "metric": "cost",
            "scope": "capex",
            "value": 1,
            "period": period,
            "as_of": as_of,
            "method": method,
            **more,
        }
        return Record("claim", rid, data, Location("x.yaml", 1))

    from claimkb.core.registry import Registry
    from claimkb.core.schema import load_schemas
    from claimkb.core.summaries import latest_figures
    from conftest import REPO

    registry = Registry(load_schemas(REPO / "schema"))
    plan = figure("plan-2025", "2025", "2025-02-01", "guidance")
    result = figure("result-2025", "2025", "2026-02-01", "guidance")
    later_plan = figure("plan-2026", "2026", "2026-02-01", "guidance")
    assert group_of(plan).forecast and not group_of(result).forecast
    assert span_kind(plan) == "year" and year_of(plan) == 2025
    found = latest_figures([plan, result, later_plan], {}, registry)
    assert [r.id for r in found] == ["result-2025", "plan-2026"]
    found = latest_figures([plan, result], {}, registry)
    assert [r.id for r in found] == ["result-2025"]  # the plan for a reported year is not news
    assert [r.id for r in latest_figures([plan], {}, registry)] == ["plan-2025"]
    quarter = figure("q3", "2025-07/2025-09", "2025-10-29", "guidance")
    assert span_kind(quarter) == "quarter" and year_of(quarter) is None
    assert group_of(quarter) != group_of(result)


# --- pivot tables --------------------------------------------------------------------------------
def test_a_pivot_puts_subjects_by_years_and_keeps_guidance_apart(site):
    table = page(site, "index.html").select("table.claimkb-pivot")[0]
    assert rows(table) == [
        ["Cost", "2024", "2025", "2026"],
        ["Alpha Cloud Purchases of property and equipment", "$50B", "$90B", ""],
        ["Alpha Cloud Purchases of property and equipment forecast", "", "$75B given Feb 2025",
         "between $170B and $180B given Feb 2026"],
        ["Beta Search Capex including finance leases", "", "$88B Jul 2024 – Jun 2025", ""],
    ]  # fmt: skip
    cell = table.select("td.claimkb-pivot-cell")[1]
    assert cell.a["href"] == "#claim-alpha-2025-capex"
    others = table.find_next("details", class_="claimkb-pivot-others")
    assert "(1)" in others.summary.get_text()
    assert others.a["href"] == "#claim-alpha-2025-q3-capex"


def test_a_pivot_of_prices_shows_the_latest_of_each_year_and_the_one_before(site):
    table = page(site, "index.html").select("table.claimkb-pivot")[1]
    model_a = rows(table)[1]
    assert model_a[:3] == ["Model A", "$60 Mar 2023", "$10 Aug 2024 $15 May 2024"]
    earlier = table.select("tr")[1].select(".claimkb-pivot-earlier .claimkb-pivot-value")
    assert [e.get_text() for e in earlier] == ["$15"]


# --- compact cards -------------------------------------------------------------------------------
def test_a_card_shows_value_title_context_and_statement_and_keeps_the_rest_one_click_away(site):
    card = page(site, "index.html").select_one("#claim-alpha-2024-capex")
    title = card.select_one(".claim-title")
    assert title.select_one(".claim-value").get_text() == "$50B"
    assert title.select_one(".claim-title-text").get_text() == "Alpha Cloud capex for 2024"
    context = card.select_one(".claim-context").get_text(" ", strip=True)
    assert context == "Purchases of property and equipment · For 2024, as of 2025-02-01 · " \
        "Alpha Cloud · Alpha Cloud"  # fmt: skip
    assert card.select_one(".claim-context a.claim-source-short")["href"] == (
        "https://example.org/alpha-10k"
    )
    assert "What Alpha paid" in card.get_text()
    details = card.select_one("details.claim-details")
    assert details is not None and not details.has_attr("open")
    assert details.summary.get_text() == "Quote, source and details"
    inside = details.get_text(" ", strip=True)
    for words in (
        "Purchases of property and equipment were $50.0 billion.",
        "Cash-flow statement",
        "method: Company disclosure",
        "Confidence: confident",
        "Status: current",
        "2024 dollars",
        "Claim id: alpha-2024-capex",
    ):
        assert words in inside
    # nothing of it outside the details
    outside = "".join(str(c) for c in card.children if c is not details)
    assert "Claim id" not in outside and "Confidence" not in outside


def test_each_card_says_how_to_cite_it(site):
    cite = page(site, "index.html").select_one("#claim-alpha-2024-capex details .claim-cite")
    assert cite.select_one("a.claim-share")["href"] == "c/alpha-2024-capex.html"
    # the day it is read is the reader's: the page says so, the script writes it in (with the
    # title and the site's name, from the card and the page's preview tags)
    assert cite.get_text(" ", strip=True) == (
        "Cite this: permalink (accessed on the day you read this )."
    )
    assert '<meta property="og:site_name" content="Summaries"' in html(site, "index.html")


# --- a collection as one table -------------------------------------------------------------------
def test_a_collection_shown_as_a_table_makes_each_row_its_claims_home(site):
    main = page(site, "index.html")
    table = main.select_one("table.claimkb-collection-rows")
    assert "claimkb-claims" in table["class"]  # sortable and filterable as every table
    headers = [th.get_text(strip=True) for th in table.thead.select("th")]
    assert headers == ["Claim", "Value", "Scope", "When", "Claimed by", "Source"]
    row = table.select_one("tr#claim-model-a-price-2023")
    assert row is not None and main.select_one(".claim-card#claim-model-a-price-2023") is None
    assert row.select_one("td.claimkb-col-value").get_text(strip=True) == "$60 per million tokens"
    details = row.select_one("details.claim-details")
    assert "The launch price." in details.get_text()
    assert "Output costs $60 per million tokens." in details.get_text()
    assert "superseded" in row.select_one("td.claimkb-col-title").get_text()
    # links to the claim land on its row
    prices = main.select("table.claimkb-pivot")[1]
    assert prices.select_one("a[href='#claim-model-a-price-2023']") is not None


# --- tables that fit -----------------------------------------------------------------------------
def test_a_column_every_row_agrees_on_is_said_once_above_the_table(site):
    main = page(site, "kb/entity/lab.html")
    revenue = main.select_one("section#about-revenue--annual-revenue")
    table = revenue.select_one("table.claimkb-claims")
    headers = [th.get_text(strip=True) for th in table.thead.select("th")]
    assert "Claimed by" not in headers and "Source" not in headers and "Method" in headers
    common = revenue.select_one(".claimkb-table-common").get_text(" ", strip=True)
    assert common == "Claimed by: Test Lab · Source: Test Lab · Status: current"


def test_the_scripts_words_are_in_the_page(site):
    text = html(site, "index.html")
    assert 'window.CLAIMKB_WORDS = {"citation": "Download (CSL-JSON)"' in text
