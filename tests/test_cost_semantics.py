"""Cost semantics on real builds of `tests/roots/test-semantics`: periods and forecasts on cards,
tables, charts, the timeline and exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claimkb.core.formatting import format_number
from claimkb.core.formulas import FormulaError, formula_ids, parse
from claimkb.core.periods import PeriodError, is_forecast, parse_period, period_words, placed
from claimkb.core.units import UnitError, in_unit, parse_unit, quantity
from helpers import build_once, copy_root, html, warnings_of


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("semantics", tmp_path_factory.mktemp("semantics")))
    assert warnings_of(app) == []
    return app


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup(html(app, page), "html.parser")


def card(app, claim_id: str):
    found = soup(app, "index.html").select_one(f"#claim-{claim_id}")
    assert found is not None
    return found


def exported(app) -> tuple[dict, dict]:
    out = Path(app.outdir)
    data = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    rows = csv.DictReader(io.StringIO((out / "claims.csv").read_text(encoding="utf-8")))
    return {c["id"]: c for c in data["claims"]}, {r["id"]: r for r in rows}


# --- periods -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-02-28", "2023-02-28", "2023-02-28"),
        ("2023-07/2024-06", "2023-07-01", "2024-06-30"),
        ("2024-10-01/2024-12", "2024-10-01", "2024-12-31"),
    ],
)
def test_a_period_covers_every_day_it_names(text, start, end):
    span = parse_period(text)
    assert (span.start.isoformat(), span.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    "text", ["2023-02-29", "2024-13", "2024-00", "2024-06/2023-07", "2024/", "24", "", None, 2024]
)
def test_a_period_outside_the_calendar_is_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_period_words_and_forecasts():
    assert period_words("2023-07/2024-06") == "Jul 2023 – Jun 2024"
    assert period_words("2024-12-27") == "27 Dec 2024"
    assert is_forecast({"period": "2027", "as_of": "2024-06-03"})
    assert not is_forecast({"period": "2023-07/2024-06", "as_of": "2024-07-30"})
    assert not is_forecast({"period": "2024-02-30", "as_of": "2020"})  # invalid: no verdict
    assert placed({"period": "2024", "as_of": "2025"}).when.isoformat() == "2024-07-01"
    assert placed({"as_of": "2025-01"}).by_period is False
    assert placed({"as_of": "nonsense"}) is None


def test_the_card_says_what_time_the_figure_is_about(site):
    context = card(site, "microsoft-fy2024-capex").select_one(".claim-context").get_text(" ")
    assert "For Jul 2023 – Jun 2024, as of 2024-07-30" in context
    context = card(site, "deepseek-v3-final-run-cost").select_one(".claim-context").get_text(" ")
    assert "As of 2024-12-27" in context and "For " not in context


def test_a_forecast_is_shown_as_one(site):
    found = card(site, "largest-run-2027")
    assert found.select_one(".claim-forecast-badge").get_text() == "forecast"
    assert "Forecast for 2027, as of 2024-06-03" in found.select_one(".claim-context").get_text(" ")
    assert card(site, "microsoft-fy2024-capex").select_one(".claim-forecast-badge") is None


def test_the_chart_places_figures_at_their_period_and_marks_the_others(site):
    svg = (Path(site.outdir) / "_images" / "claimkb-chart-cost--final-training-run.svg").read_text()
    assert "lower bound only (at least)" in svg  # the forecast is a bound: its triangle wins
    assert "no period: placed when stated" in svg
    page = soup(site, "kb/metric/cost/final-training-run.html")
    assert "a diamond is a forecast" in page.select_one(".claimkb-chart-note").get_text()


def test_the_timeline_orders_by_period_and_marks_the_fallback(site):
    page = soup(site, "kb/timeline.html")
    years = [s["id"] for s in page.select("section.claimkb-timeline-year")]
    assert years == ["year-2027", "year-2024", "year-2023"]  # newest first
    cells = [row.select_one("td").get_text(strip=True) for row in page.select("tbody tr")]
    assert cells == ["2027 (forecast)", *["2024-12-27 (stated)"] * 6, "Jul 2023 – Jun 2024"]


def test_exports_carry_the_period_and_the_forecast(site):
    claims, rows = exported(site)
    assert claims["microsoft-fy2024-capex"]["period"] == "2023-07/2024-06"
    assert claims["largest-run-2027"]["forecast"] is True
    assert claims["deepseek-v3-final-run-cost"]["period"] is None
    assert rows["microsoft-fy2024-capex"]["period"] == "2023-07/2024-06"
    assert rows["largest-run-2027"]["forecast"] == "true"
    ld = soup(site, "index.html").select_one('script[type="application/ld+json"]').string
    assert '"temporalCoverage": "2023-07/2024-06"' in ld


# --- units ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "unit",
    [
        "USD",
        "GPU_hour",
        "USD / GPU_hour",
        "GPU",
        "token",
        "USD / (1e6 * token)",
        "TWh",
        "percent",
        "GPUs",
        "GPU-hours",
        "H100_equivalent",
        "day",
        "dimensionless",
    ],
)
def test_the_units_of_the_issue_are_read_by_pint(unit):
    assert parse_unit(unit).dimensionality is not None


@pytest.mark.parametrize(
    "unit", ["USD per bananas", "1/0", "(((", "USD / ", "__import__('os')", "", "x" * 101, 5]
)
def test_a_unit_pint_cannot_read_is_an_error_not_a_crash(unit):
    with pytest.raises(UnitError):
        parse_unit(unit)


def test_units_compose():
    cost = quantity(2_788_000, "GPU_hour") * quantity(2, "USD / GPU_hour")
    assert in_unit(cost, parse_unit("USD")) == pytest.approx(5_576_000)
    assert in_unit(quantity(1, "USD / token"), parse_unit("USD / (1e6 * token)")) == 1e6


def test_money_per_unit_is_written_as_money():
    assert format_number(2, "USD per GPU-hour") == "$2 per GPU-hour"
    assert format_number(5_576_000, "USD") == "$5.58M"
    assert format_number(50_000, "GPUs") == "50,000 GPUs"


# --- checked arithmetic ----------------------------------------------------------------------
def test_the_card_shows_its_checked_arithmetic(site):
    found = card(site, "deepseek-v3-final-run-cost")
    line = found.select_one(".claim-formula")
    assert line.get_text() == "= 2,788,000 GPU-hours × $2 per GPU-hour ✓ checked"
    links = [a["href"] for a in line.select("a")]
    assert links == ["#claim-deepseek-v3-gpu-hours", "#claim-deepseek-v3-price"]
    derived = found.select_one(".claim-relation").get_text()
    assert derived.startswith("Derived from: ") and "Assumed price per GPU-hour" in derived


def test_exports_carry_the_formula(site):
    claims, rows = exported(site)
    assert (
        claims["deepseek-v3-final-run-cost"]["formula"]
        == "deepseek-v3-gpu-hours * deepseek-v3-price"
    )
    assert claims["deepseek-v3-final-run-cost"]["derived_from"] == [
        "deepseek-v3-gpu-hours",
        "deepseek-v3-price",
    ]
    assert claims["deepseek-v3-price"]["metric"]["unit"] == "USD per GPU-hour"
    assert claims["deepseek-v3-price"]["metric"]["pint_unit"] == "USD / GPU_hour"
    assert (
        rows["deepseek-v3-final-run-cost"]["formula"] == "deepseek-v3-gpu-hours * deepseek-v3-price"
    )


@pytest.mark.parametrize(
    ("formula", "ids"),
    [
        ("a-b * c", ["a-b", "c"]),
        ("sum(x, y-1, 2e6) / (z - 1)", ["x", "y-1", "z"]),
        ("__import__('os')", []),
        (None, []),
    ],
)
def test_formula_ids(formula, ids):
    assert formula_ids(formula) == ids


@pytest.mark.parametrize(
    "formula",
    [
        "a ** 2",
        "a.b",
        "f(x)",
        "sum()",
        "sum(a, key=b)",
        "lambda: 1",
        "[a]",
        "a if b else c",
        "1 < 2",
        "'text'",
        "(" * 300,
        "a" * 2000,
    ],
)
def test_formulas_outside_the_whitelist_are_refused(formula):
    with pytest.raises(FormulaError):
        parse(formula)


# --- hostile values in the new fields ---------------------------------------------------------
HOSTILE_CLAIM = """
```{{claim}} hostile-{n}
:kind: figure
:title: Hostile {n}
:subject: deepseek-v3
:metric: {metric}
:value: {value}
:scope: final-training-run
:method: cloud-rental-equivalent
:as_of: {as_of}
:claimant: deepseek
:source: deepseek-v3-report
:confidence: likely
{extra}
```
"""
HOSTILE_FIELDS = [
    ("cost", 1, "2024", ":formula: <img src=x onerror=alert(1)>"),
    (
        "cost",
        1,
        "2024",
        ":formula: deepseek-v3-gpu-hours / (deepseek-v3-price - deepseek-v3-price)",
    ),
    ("cost", 1, "2024", ":formula: " + "(" * 150 + "1" + ")" * 150),
    ("cost", 1, "2024", ":formula: sum(deepseek-v3-gpu-hours, deepseek-v3-price)"),
    ("cost", 1e308, "2024", ":formula: deepseek-v3-final-run-cost * 1e308 * 1e308"),
    ("cost", 0, "2024", ":formula: deepseek-v3-final-run-cost"),
    ("cost", 1, "2024", ":formula: largest-run-2027 * hostile-7"),
    ("cost", 1, "2024", ":formula: hostile-7 * 1\n:period: 0000/9999-12-31"),
    ("cost", 1, "9999-12-31", ":period: 9999-12-31/9999-12"),
    ("cost", 1, "2024", ":period: <script>alert(1)</script>"),
    ("cost", 1, "2024", ":tolerance: -5"),
    ("cost", 1, "2024", ":price_year: 1900"),  # no CPI-U that year: shown as stated only
    ("cost", 1, "1850", ""),
    ("gpu-hours", -1e-300, "2024", ":formula: 0 * deepseek-v3-gpu-hours"),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = copy_root("semantics", tmp_path_factory.mktemp("hostile-semantics"))
    claims = [
        HOSTILE_CLAIM.format(n=n, metric=m, value=v, as_of=a, extra=e)
        for n, (m, v, a, e) in enumerate(HOSTILE_FIELDS)
    ]
    (root / "hostile.md").write_text("---\norphan: true\n---\n# Hostile\n" + "".join(claims))
    return build_once(root)


def test_hostile_periods_formulas_and_tolerances_are_located_findings(hostile):
    warnings = warnings_of(hostile)
    assert warnings, "each hostile value is a finding"
    for line in warnings:
        assert line.startswith(("hostile.md:", "index.md:")) and "[claim." in line, line
        assert "Traceback" not in line and "Exception" not in line, line
    text = "\n".join(warnings)
    assert "the formula divides by zero" in text
    assert "the formulas form a loop: hostile-7 → hostile-7" in text
    assert "the formula gives GPU_hour" in text or "cannot be computed" in text


def test_hostile_values_never_become_markup(hostile):
    page = BeautifulSoup(html(hostile, "hostile.html"), "html.parser")
    assert page.find("img", src="x") is None and page.find("script", string="alert(1)") is None
    assert len(page.select(".claim-card")) == len(HOSTILE_FIELDS)
    assert json.loads((Path(hostile.outdir) / "claims.json").read_text(encoding="utf-8"))["count"]


# --- open bounds -------------------------------------------------------------------------------
def test_a_bound_only_figure_is_written_as_one(site):
    assert card(site, "largest-run-2027").select_one(".claim-value").get_text() == "at least $1B"
    assert card(site, "small-run-up-to").select_one(".claim-value").get_text() == "up to $10M"
    cells = [
        c.get_text(strip=True) for c in soup(site, "index.html").select("td.claimkb-col-value")
    ]
    assert "at least $1B" in cells and "up to $10M" in cells


def test_compare_says_what_bounds_allow(site):
    verdicts = [
        v.get_text(" ", strip=True)
        for v in soup(site, "index.html").select(".claimkb-compare-verdict")
    ]
    overlap, below, above = verdicts[-3:]
    assert "neither can be said to be larger, and no ratio is drawn" in overlap
    assert (
        "Comparable" in below and "neither can be said to be larger" in below
    )  # $5.58M vs up to $10M
    assert "is larger than" in above and "at least 179×" in above  # at least $1B vs $5.58M


def test_bounds_are_exported_and_charted(site):
    claims, rows = exported(site)
    assert claims["largest-run-2027"]["value"] is None and claims["largest-run-2027"]["low"] == 1e9
    assert claims["largest-run-2027"]["value_text"] == "at least $1B"
    assert rows["small-run-up-to"]["value_text"] == "up to $10M"
    svg = (Path(site.outdir) / "_images" / "claimkb-chart-cost--final-training-run.svg").read_text()
    assert "lower bound only (at least)" in svg and "upper bound only (at most)" in svg


def test_a_figure_needs_a_value_or_a_bound():
    from claimkb.core.bounds import check_figure_numbers, conclusion
    from claimkb.core.records import Location, Record

    bare = Record("claim", "bare", {"kind": "figure"}, Location("x.md", 3, (("kind", 4),)))
    [finding] = check_figure_numbers([bare])
    assert finding.text().startswith("claim bare: value: missing required field")
    assert conclusion({"low": 10}, {"value": 5}) == ("larger", 2)
    assert conclusion({"high": 10}, {"value": 5}) == ("unknown", None)
    assert conclusion({"value": 0}, {"value": 5}) == ("unknown", None)


@pytest.mark.parametrize(
    ("data", "mark"),
    [
        ({"value": 5, "period": "2027", "as_of": "2024-06"}, "forecast"),
        ({"value": 5, "period": "2024", "as_of": "2025"}, "period"),
        ({"value": 5, "as_of": "2025"}, "stated"),
        ({"low": 5, "as_of": "2025"}, "at-least"),
        ({"high": 5, "as_of": "2025"}, "at-most"),
    ],
)
def test_each_point_has_its_mark(data, mark):
    from claimkb.core.records import Location, Record
    from claimkb.views.chart_points import chart_point

    assert chart_point(Record("claim", "x", data, Location("x.md"))).mark == mark


def test_no_point_without_a_number_or_a_date_a_chart_can_show():
    from claimkb.core.records import Location, Record
    from claimkb.views.chart_points import chart_point

    for data in (
        {"as_of": "2025"},
        {"value": 1},
        {"value": 1, "as_of": "9999"},
        {"low": 1, "high": 2, "as_of": "2025"},
    ):
        assert chart_point(Record("claim", "x", data, Location("x.md"))) is None


# --- constant dollars --------------------------------------------------------------------------
def test_money_is_shown_in_constant_dollars_of_the_base_year(site):
    found = card(site, "microsoft-fy2024-capex")
    # the fiscal year Jul 2023 – Jun 2024 has more days in 2023: its middle is in 2023
    assert found.select_one(".claim-constant").get_text() == "≈ $58.9B in 2025 dollars (US CPI-U)"
    facts = found.select_one(".claim-facts").get_text(" ")
    assert "2023 dollars (nominal: the year of its period)" in facts
    assert card(site, "deepseek-v3-price").select_one(".claim-constant") is not None
    assert card(site, "deepseek-v3-gpu-hours").select_one(".claim-constant") is None


def test_the_cpi_is_the_bundled_bls_series():
    from claimkb.core.money import convert, cpi_of, latest_full_year

    assert cpi_of(2024) == pytest.approx(313.689)  # BLS CPI-U annual average, CUUR0000SA0
    assert cpi_of(1900) is None and cpi_of(3000) is None
    assert latest_full_year() >= 2025
    assert convert(100, 2017, 2024) == pytest.approx(100 * 313.689 / 245.12)


def test_the_cpi_read_from_the_bundled_database_is_the_cpi_package_s():
    """claimkb reads `cpi.db` with sqlite3 instead of importing `cpi` (a second of start-up):
    every year's annual average and the latest year are the ones `cpi` itself gives."""
    import warnings

    from claimkb.core.money import annual_cpi, cpi_of, latest_full_year

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its warning that the bundled data is getting old
        import cpi

    assert latest_full_year() == cpi.LATEST_YEAR
    years = range(1913, cpi.LATEST_YEAR + 1)
    assert {year: cpi_of(year) for year in years} == {year: cpi.get(year) for year in years}
    assert sorted(annual_cpi()) == list(years)


@pytest.mark.parametrize("database", ["missing", "not a database"])
def test_without_the_cpi_database_nothing_is_converted(monkeypatch, tmp_path, database):
    from claimkb.core import money

    broken = tmp_path / "cpi.db"
    broken.write_text("not SQLite", encoding="utf-8")
    monkeypatch.setattr(money, "cpi_database", lambda: None if database == "missing" else broken)
    money.annual_cpi.cache_clear()
    try:
        assert money.latest_full_year() is None and money.cpi_of(2024) is None
        assert money.convert(100, 2017, 2024) is None
    finally:
        money.annual_cpi.cache_clear()


def test_exports_carry_stated_and_constant_dollars(site):
    claims, rows = exported(site)
    capex = claims["microsoft-fy2024-capex"]
    assert capex["dollars"] == {"year": 2023, "basis": "period"}
    assert capex["constant"]["base_year"] == 2025 and capex["constant"]["index"] == "CUUR0000SA0"
    assert capex["constant"]["value"] == pytest.approx(55.7e9 * 321.943 / 304.702)
    assert claims["deepseek-v3-gpu-hours"]["constant"] is None
    assert rows["microsoft-fy2024-capex"]["constant_base_year"] == "2025"


def test_money_charts_say_their_dollars(site):
    svg = (Path(site.outdir) / "_images" / "claimkb-chart-cost--final-training-run.svg").read_text()
    assert "Cost (2025 dollars, US CPI-U)" in svg


# --- one figure, one claim ---------------------------------------------------------------------
def test_a_claim_shown_elsewhere_has_its_card_a_link_home_and_no_second_id(site):
    page = soup(site, "elsewhere.html")
    [shown] = page.select(".claim-card")
    assert "claim-card-shown" in shown["class"] and not shown.get("id")
    assert page.select("#claim-deepseek-v3-final-run-cost") == []
    assert shown.select_one(".claim-value").get_text() == "$5.58M"
    home = shown.select_one(".claim-home")
    assert home.get_text().startswith(
        "Shown here from its home: DeepSeek-V3 final training run cost"
    )
    assert home.select_one("a")["href"] == "index.html#claim-deepseek-v3-final-run-cost"
    claims, _ = exported(site)
    assert (
        claims["deepseek-v3-final-run-cost"]["page"] == "index"
    )  # its home, not the page showing it


def test_an_operand_edited_elsewhere_rewrites_the_card_that_computes_with_it(tmp_path):
    root = copy_root("semantics", tmp_path)
    (root / "cost.md").write_text(
        "---\norphan: true\n---\n# Twice the run\n\n```{claim} two-runs\n:kind: figure\n"
        ":title: Two runs\n:subject: deepseek-v3\n:metric: cost\n:value: 11152000\n"
        ":scope: final-training-run\n:method: company-disclosure\n:as_of: 2024-12-27\n"
        ":claimant: deepseek\n:source: deepseek-v3-report\n:confidence: likely\n"
        ":formula: 2 * deepseek-v3-gpu-hours * deepseek-v3-price\n```\n"
    )
    first = build_once(root)
    assert warnings_of(first) == []
    line = BeautifulSoup(html(first, "cost.html"), "html.parser").select_one(".claim-formula")
    assert line.get_text() == "= 2 × 2,788,000 GPU-hours × $2 per GPU-hour ✓ checked"
    index = root / "index.md"
    index.write_text(index.read_text().replace(":value: 2\n", ":value: 3\n"))
    second = build_once(root)
    line = BeautifulSoup(html(second, "cost.html"), "html.parser").select_one(".claim-formula")
    assert "$3 per GPU-hour ✗ not checked: value 11,152,000 USD but the formula" in line.get_text()


# --- snapshots of what readers see ----------------------------------------------------------
SNAPSHOTS = {
    "formula-card": ("index", "div.claim-card#claim-deepseek-v3-final-run-cost"),
    "forecast-bound-card": ("index", "div.claim-card#claim-largest-run-2027"),
    "fiscal-year-card": ("index", "div.claim-card#claim-microsoft-fy2024-capex"),
    "shown-card": ("elsewhere", "div.claim-card-shown"),
    "bounds-compare": ("index", "div.claimkb-compare"),
    "timeline": ("kb/timeline", "div.claimkb-table-wrapper"),
}


@pytest.mark.parametrize("name", SNAPSHOTS)
def test_html_as_written(site, name, file_regression):
    page, selector = SNAPSHOTS[name]
    found = BeautifulSoup(html(site, f"{page}.html"), "html.parser").select(selector)
    assert found
    text = "\n".join(element.prettify() for element in found)
    file_regression.check(text, basename=name, extension=".html")


def test_a_bound_and_a_value_of_different_years_are_converted_before_the_conclusion(tmp_path):
    root = copy_root("semantics", tmp_path)
    index = root / "index.md"
    text = index.read_text().replace(
        ":low: 1000000000\n:scope: final-training-run\n:method: cloud-rental-equivalent\n"
        ":as_of: 2024-12-27",
        ":low: 1000000000\n:scope: final-training-run\n:method: cloud-rental-equivalent\n"
        ":as_of: 2024-12-27\n:price_year: 2017",
    )
    index.write_text(text)
    app = build_once(root)
    assert warnings_of(app) == []
    verdicts = BeautifulSoup(html(app, "index.html"), "html.parser").select(
        ".claimkb-compare-verdict"
    )
    last = verdicts[-1].get_text(" ", strip=True)
    assert "Their dollars are of different years (2024 and 2017), so both are converted" in last
    assert "(at least $1B; at least $1.31B in 2025 dollars) is larger than" in last, last
    assert "at least 230×" in last  # 1e9 × 321.943 / 245.12 over 5,576,000 × 321.943 / 313.689
