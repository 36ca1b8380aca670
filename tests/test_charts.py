"""Charts on real builds of `tests/roots/test-charts`: every figure drawn or named with why not,
one series per subject, panels per length of period, plain axes, constant dollars that never drop
a point, the `claim-chart` directive and its filters, the files a reader takes away, and their
bytes (same input, same bytes; `-j 2` equals serial; a chart that goes away takes its files)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import REPO
from helpers import build_once, copy_root, edit, sphinx_build, warnings_of

pytestmark = pytest.mark.slow
CHARTS = ("charts--capex-by-year", "charts--valuations")
PAIRS = ("kb/metric/capex/capex-total", "kb/metric/token-price/output-price",
         "kb/metric/valuation/post-money")  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("charts", tmp_path_factory.mktemp("charts")))
    assert warnings_of(app) == []
    return app


def out(app) -> Path:
    return Path(app.outdir)


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((out(app) / page).read_text(encoding="utf-8"), "html.parser")


def manifest(app) -> dict:
    return json.loads((out(app) / "charts.json").read_text(encoding="utf-8"))


def rows(app, chart: str) -> list[dict[str, str]]:
    text = (out(app) / "_charts" / chart / "data.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def svg(app, chart: str, layout: str = "") -> str:
    name = f"chart-{layout}.svg" if layout else "chart.svg"
    return (out(app) / "_charts" / chart / name).read_text(encoding="utf-8")


def axis_titles(svg_text: str) -> str:
    """The drawing's axis titles as a reader reads them: each title's wrapped lines joined."""
    groups = re.findall(r'role-axis-title".*?</g>', svg_text, re.S)
    lines = [re.findall(r">([^<>]+)</(?:tspan|text)>", group) for group in groups]
    return "\n".join(" ".join(parts) for parts in lines)


def block(app, page: str, element_id: str):
    return soup(app, page).select_one(f"#{element_id}.claimkb-chart-block")


def drawn_claims(svg_text: str) -> list[str]:
    """The claims a drawing's points link to, in the order drawn."""
    return re.findall(r'xlink:href="[^"]*#claim-([^"]+)"><path data-series', svg_text)


# --- every figure drawn, or said why not ------------------------------------------------------
def test_every_table_row_is_a_point_or_a_stated_exception(site):
    """For every chart: its table's claims are exactly its data's; each is a point of the
    drawing or a row saying why not, and the chart says so under its title."""
    for entry in manifest(site)["charts"]:
        chart = entry["chart"]
        page, anchor = entry["page"].split("#")
        table = block(site, page, anchor).select_one("table.claimkb-claims")
        listed = [a["href"].split("#claim-")[1] for a in table.select("td.claimkb-col-title a")]
        data = rows(site, chart)
        assert [row["claim_id"] for row in data] == listed, chart
        drawn = [row["claim_id"] for row in data if row["drawn"] == "true"]
        assert sorted(drawn_claims(svg(site, chart))) == sorted(drawn), chart
        assert entry["points"] == len(drawn) and entry["figures"] == len(listed)
        not_drawn = [row for row in data if row["drawn"] == "false"]
        assert all(row["not_drawn_because"] for row in not_drawn), chart
        assert entry["not_drawn"] == len(not_drawn)
        for reason in {row["not_drawn_because"] for row in not_drawn}:
            assert reason in svg(site, chart).replace("\n", " "), (chart, reason)


def test_a_chart_s_table_keeps_its_links_without_their_tooltips(site):
    """Each row's subject, method, claimant and source stay links; none repeats its page's
    description as a tooltip (a quarter of a chart table's weight)."""
    for entry in manifest(site)["charts"]:
        page, anchor = entry["page"].split("#")
        table = block(site, page, anchor).select_one("table.claimkb-claims")
        cells = table.select("td.claimkb-col-subject, td.claimkb-col-claimant")
        cells += table.select("td.claimkb-col-method, td.claimkb-col-source")
        links = [a for cell in cells for a in cell.select("a")]
        assert links and all(a.get("href") for a in links), entry["chart"]
        assert table.select("a[title]") == [], entry["chart"]


def test_newest_figures_are_drawn_in_the_latest_published_dollars(site):
    data = {row["claim_id"]: row for row in rows(site, "charts--valuations")}
    assert all(row["drawn"] == "true" for row in data.values())  # 2026's too
    assert data["lab-b-valuation-2026"]["drawn_value"] == "965000000000"
    assert "CPI-U for 2026 not yet published" in data["lab-b-valuation-2026"]["dollars_basis"]
    assert "2026 figures in 2025 dollars: CPI for 2026 not yet published" in svg(
        site, "charts--valuations"
    )


def test_one_length_of_period_per_axis(site):
    """Years and quarters in panels of their own; a lone half-year is listed, not drawn."""
    drawing = svg(site, "charts--capex-by-year")
    assert "Figures over a year" in drawing and "Figures over a quarter" in drawing
    data = {row["claim_id"]: row for row in rows(site, "charts--capex-by-year")}
    assert data["acme-2025-h1-capex"]["drawn"] == "false"
    assert "another length of time" in data["acme-2025-h1-capex"]["not_drawn_because"]
    assert data["initech-2025-capex"]["not_drawn_because"] == "retracted"
    assert "Not drawn: 1 figure(s), retracted" in drawing


def test_series_are_subjects_named_on_the_chart(site):
    for layout in ("", "narrow"):
        drawing = svg(site, "charts--valuations", layout)
        names = re.findall(r'<text data-series="([^"]+)"[^>]*>([^<]+)</text>', drawing)
        assert sorted(names) == [("lab-a", "Lab A"), ("lab-b", "Lab B")], layout
    titles = re.findall(r"<title>([^<]+)</title>", svg(site, "charts--valuations"))
    assert (
        "Lab B: $965B · 28 May 2026 · said by The Reporter (News report) · "
        "source: A story in The Reporter"
    ) in titles


def test_marks_say_forecasts_ranges_bounds_and_methods_once(site):
    drawing = svg(site, "charts--capex-by-year")
    assert "Hollow: a forecast · bar: the range given · triangle up: at least." in drawing
    assert "Methods: circle, Company disclosure; square, News report; diamond," in drawing
    assert 'fill="white"' in drawing  # the guidance
    assert "triangle" not in svg(site, "charts--valuations").replace("\n", " ").lower()


def test_axes_are_in_readers_units(site):
    prices = svg(site, "kb/metric/token-price/output-price")
    assert "$ per million tokens (2025 dollars, US CPI-U), log scale" in axis_titles(prices)
    ticks = re.findall(r"role-axis-label.*?</g>", prices, re.S)
    texts = [t for group in ticks for t in re.findall(r">([^<>]+)</text>", group)]
    assert texts and all("*" not in t and "1e" not in t for t in texts)
    assert {"0.1", "1", "10", "100"} <= set(texts)
    assert {"2023", "2024", "2025"} <= set(texts)  # every year labelled, the first too
    assert "$ billions (2025 dollars, US CPI-U)" in axis_titles(svg(site, "charts--valuations"))


def test_no_text_under_ten_pixels(site):
    for chart in (*CHARTS, *PAIRS):
        for layout in ("", "narrow"):
            sizes = {
                float(s) for s in re.findall(r'font-size="([0-9.]+)px"', svg(site, chart, layout))
            }
            assert sizes and min(sizes) >= 10, (chart, layout, sizes)


# --- the directive ----------------------------------------------------------------------------
def test_one_or_two_figures_are_a_table(site):
    energy = block(site, "charts.html", "chart-energy")
    assert "claimkb-chart-table-only" in energy["class"]
    assert energy.select_one("figure") is None and len(energy.select("tbody tr")) == 2
    assert not (out(site) / "_charts" / "charts--energy").exists()
    assert "charts--energy" not in {c["chart"] for c in manifest(site)["charts"]}


def test_a_period_range_selects_figures_placed_within_it(site):
    early = block(site, "charts.html", "chart-early-prices")
    titles = [a.get_text() for a in early.select("td.claimkb-col-title a")]
    assert titles == ["Model A1's output price after its cut", "Model A1's output price at launch"]


def test_the_chart_links_its_files_and_its_state(site):
    figure = block(site, "charts.html", "chart-valuations").select_one("figure.claimkb-chart")
    links = {a.get_text(): a["href"] for a in figure.select(".claimkb-chart-files a")}
    folder = "_charts/charts--valuations/"
    assert links["Data (CSV)"] == folder + "data.csv"
    assert links["Metadata (JSON)"] == folder + "datapackage.json"
    assert links["Image (SVG)"] == folder + "chart.svg"
    assert links["Image (PNG)"] == folder + "chart.png"
    assert links["Embed"] == folder + "embed.html"
    assert links["Link to this chart"] == "#chart-valuations"
    png = (out(site) / folder / "chart.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    embed = (out(site) / folder / "embed.html").read_text(encoding="utf-8")
    assert "<svg" in embed and "charts.html#chart-valuations" in embed


def test_a_page_shows_its_drawings_as_images_whose_links_lead_to_the_cards(site):
    """The page holds each drawing as an image of the chart's folder, at its drawn size (the
    page's script puts the SVG itself in its place); every point's link in the drawing leads,
    from that folder, to its claim's card: in the page once inlined, in the file downloaded and
    in the embed page alike."""
    for entry in manifest(site)["charts"]:
        chart = entry["chart"]
        page, anchor = entry["page"].split("#")
        figure = block(site, page, anchor).select_one("figure.claimkb-chart")
        assert figure.select("svg") == [], chart  # no drawing weighs on the page
        images = figure.select("img.claimkb-chart-static")
        sources = [(out(site) / page).parent / image["src"] for image in images]
        expected = [
            out(site) / "_charts" / chart / name for name in ("chart.svg", "chart-narrow.svg")
        ]
        assert [p.resolve() for p in sources] == [p.resolve() for p in expected], chart
        for image, layout in zip(images, ("", "narrow"), strict=True):
            size = re.match(
                r'<svg[^>]*? width="([0-9.]+)" height="([0-9.]+)"', svg(site, chart, layout)
            )
            assert size and (image["width"], image["height"]) == size.groups(), chart
            assert image["alt"] == entry["title"]
        links = re.findall(r'xlink:href="([^"]+)"', svg(site, chart))
        assert len(links) == entry["points"], chart
        for link in links:
            target, _, card = link.partition("#")
            home = (out(site) / "_charts" / chart / target).resolve()
            assert home.is_file() and f'id="{card}"' in home.read_text(encoding="utf-8"), link


def test_files_are_valid_against_their_schemas(site):
    schemas = REPO / "schema"
    charts_schema = json.loads((schemas / "charts.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(manifest(site), charts_schema)
    package_schema = json.loads(
        (schemas / "chart-datapackage.schema.json").read_text(encoding="utf-8")
    )
    for entry in manifest(site)["charts"]:
        package = json.loads((out(site) / entry["files"]["datapackage"]).read_text("utf-8"))
        jsonschema.validate(package, package_schema)
        fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
        assert list(rows(site, entry["chart"])[0]) == fields
        for name in entry["files"].values():
            assert (out(site) / name).is_file(), name


# --- same input, same bytes -------------------------------------------------------------------
def chart_files(app) -> dict[str, bytes]:
    root = out(app)
    found = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "_charts").rglob("*")
             if p.is_file()}  # fmt: skip
    found["charts.json"] = (root / "charts.json").read_bytes()
    return found


def test_same_input_same_bytes_and_parallel_equals_serial(site, tmp_path):
    again = build_once(copy_root("charts", tmp_path / "serial"))
    assert chart_files(again) == chart_files(site)
    parallel = sphinx_build(copy_root("charts", tmp_path / "parallel"), jobs=2)
    assert chart_files(parallel) == chart_files(site)


def test_a_drawing_kept_from_other_drawing_code_is_drawn_again(tmp_path, monkeypatch):
    """A page rewritten by a build of other code (a new vl-convert, a changed specification)
    does not take its chart from the files the old code drew."""
    from claimkb.views import chart_drawing

    source = copy_root("charts", tmp_path / "site")
    first = build_once(source)
    drawn = svg(first, "charts--valuations")
    monkeypatch.setattr(chart_drawing, "drawer_digest", lambda: "other drawing code")
    monkeypatch.setattr(chart_drawing, "_drawings", {})
    (source / "charts.md").write_text(
        (source / "charts.md").read_text(encoding="utf-8") + "\nOne more line.\n",
        encoding="utf-8",
    )
    again = svg(build_once(source), "charts--valuations")
    marker = re.compile(r"<!-- claimkb chart ([0-9a-f]+) -->")
    assert marker.search(again).group(1) != marker.search(drawn).group(1)


def test_vega_draws_the_wide_layout_and_the_phone_one_shows_the_same(tmp_path, monkeypatch):
    """Vega draws each chart once, wide; its phone layout, written from the same model, has the
    same points of the same series in the same order, and the same value ticks."""
    import vl_convert

    from claimkb.views import chart_drawing

    drawn: list[str] = []
    draw = vl_convert.vegalite_to_svg

    def counted(specification, **options) -> str:
        drawn.append(specification)
        return draw(specification, **options)

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", counted)
    monkeypatch.setattr(chart_drawing, "_drawings", {})
    app = build_once(copy_root("charts", tmp_path))
    charts = manifest(app)["charts"]
    assert len(drawn) == len(charts) == len(CHARTS) + len(PAIRS)

    def points(drawing: str) -> list[tuple[str, str]]:
        return re.findall(r'<path data-series="([^"]+)" data-i="([0-9]+)"', drawing)

    def value_ticks(drawing: str) -> list[str]:
        groups = re.findall(r'role-axis-label".*?</g>', drawing, re.S)
        texts = [t for group in groups for t in re.findall(r">([^<>]+)</text>", group)]
        return sorted(t for t in texts if not re.fullmatch(r"(19|20)[0-9]{2}", t))

    for entry in charts:
        wide, phone = svg(app, entry["chart"]), svg(app, entry["chart"], "narrow")
        assert points(phone) == points(wide), entry["chart"]
        assert [int(i) for _s, i in points(phone)] == list(range(entry["points"]))
        assert value_ticks(phone) == value_ticks(wide), entry["chart"]
        assert "claimkb-chart-narrow" in phone and "aria-label" not in phone


def test_a_chart_that_goes_away_takes_its_files(tmp_path):
    """Its figures become two: its files go, and the incremental build equals a clean one."""
    gone = (":metric: valuation\n:scope: post-money", ":metric: energy-per-query")
    source = copy_root("charts", tmp_path / "incremental")
    first = build_once(source)
    assert (out(first) / "_charts" / "charts--valuations").is_dir()
    edit(source / "charts.md", *gone)
    again = build_once(source)
    assert warnings_of(again) == []
    assert not (out(again) / "_charts" / "charts--valuations").exists()
    clean_source = copy_root("charts", tmp_path / "clean")
    edit(clean_source / "charts.md", *gone)
    assert chart_files(again) == chart_files(build_once(clean_source))


# --- the French edition -----------------------------------------------------------------------
def test_the_french_edition_draws_french_charts(tmp_path):
    app = build_once(copy_root("charts", tmp_path), confoverrides={"language": "fr"})
    drawing = svg(app, "charts--valuations")
    assert "milliards de $ (dollars de 2025, US CPI-U)" in axis_titles(drawing)
    assert "1\u202f000" in drawing  # ticks as Babel writes French numbers
    assert "Chiffres de 2026 en dollars de 2025 : le CPI de 2026 n’est pas encore publié" in drawing
    assert "Lab B : 965\u00a0Md$ · 28 mai 2026 · selon The Reporter" in drawing
    figure = block(app, "charts.html", "chart-valuations").select_one("figure")
    links = [a.get_text() for a in figure.select(".claimkb-chart-files a")]
    assert links[:2] == ["Données (CSV)", "Métadonnées (JSON)"]
    assert "Source : le registre des coûts de l’IA" in drawing
    # nothing Vega writes for screen readers in English ("Y-axis titled …", "Title text …")
    for layout in ("", "narrow"):
        labels = re.findall(r'aria-label="([^"]*)"', svg(app, "charts--valuations", layout))
        assert not [t for t in labels if re.search(r"axis|legend|[Tt]itle text", t)], labels


def test_without_charts_every_chart_is_its_table(tmp_path):
    """`claimkb_charts = False`: the same pages, each chart's table alone, nothing drawn."""
    app = build_once(copy_root("charts", tmp_path), confoverrides={"claimkb_charts": False})
    assert warnings_of(app) == []
    assert not (out(app) / "_charts").exists()
    assert manifest(app) == {"version": 1, "charts": []}
    for page in ("charts.html", "kb/metric/valuation/post-money.html"):
        found = soup(app, page)
        assert found.select("figure.claimkb-chart") == [] and found.select("table.claimkb-claims")


# --- the site's search ------------------------------------------------------------------------
def indexed_pages(app) -> dict[str, str]:
    """address -> the text Pagefind indexed of it (its fragments: gzip, a signature, JSON)."""
    found = {}
    for path in sorted((out(app) / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        found[fragment["url"]] = fragment["content"]
    return found


def test_the_search_indexes_a_chart_s_title_and_table_not_its_drawing_or_files(tmp_path):
    app = build_once(copy_root("charts", tmp_path), confoverrides={"claimkb_search": "pagefind"})
    assert warnings_of(app) == []
    pages = indexed_pages(app)
    assert not [url for url in pages if "_charts" in url or url.endswith(".json")]
    text = pages["/charts.html"]
    # the title and what each series counts are the page's text; the table's rows are claims,
    # each a result of its own (sphinx_ext.search_index.CLAIM_LISTINGS)
    assert "Capital expenditure of Acme, Globex and Initech" in text
    assert "What each counts: Acme: Total capex" in text
    assert "Acme's capex guidance for 2026" not in text
    claims = [content for url, content in pages.items() if "#claim-" in url]
    assert any("Acme's capex guidance for 2026" in content for content in claims)
    drawing = svg(app, "charts--valuations")
    assert "Lab B: $965B · 28 May 2026" in drawing  # a point's tooltip, in the drawing only
    # the drawings' words (ticks, tooltips), and what every chart says alike, are not
    for words in ("Lab B: $965B · 28 May 2026", "Download", "Embed", "Hover over", "Methods:",
                  "Not drawn", "CPI for 2026"):  # fmt: skip
        assert words not in text, words
    assert text.count("Capital expenditure of Acme, Globex and Initech") == 1
