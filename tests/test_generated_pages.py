"""Generated pages: one per entity, per metric and scope, per source; sources, disputes, timeline;
charts with deterministic bytes; incremental and parallel builds equal to clean serial ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claimkb.core.collection_records import load_collection
from claimkb.core.schema import load_schemas
from claimkb.views.chart_axes import log_ticks, nice_ticks, use_log_scale
from conftest import REPO, ROOTS
from helpers import build_once, copy_root, edit, html, sphinx_build, warnings_of


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("kb", tmp_path_factory.mktemp("pages")))
    assert warnings_of(app) == []
    return app


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup(html(app, page), "html.parser")


def registry_ids(rtype: str) -> list[str]:
    records, findings = load_collection(
        ROOTS / "test-kb" / "claims" / "registry.yaml", load_schemas(REPO / "schema")
    )
    assert findings == []
    return [r.id for r in records if r.type == rtype]


def titles(table) -> list[str]:
    return [cell.get_text(strip=True) for cell in table.select("tbody td.claimkb-col-title")]


def test_every_entity_and_source_has_a_page(site):
    for rid in registry_ids("entity"):
        page = soup(site, f"kb/entity/{rid}.html")
        assert page.select_one(f"section#entity-{rid}") is not None
    for rid in registry_ids("source"):
        assert soup(site, f"kb/source/{rid}.html").select_one(f"section#source-{rid}") is not None


def test_every_metric_scope_pair_in_use_has_a_page(site):
    # pairs used by page claims (found before reading) and by collection claims
    pages = sorted(
        p.relative_to(Path(site.outdir) / "kb" / "metric").as_posix()
        for p in (Path(site.outdir) / "kb" / "metric").rglob("*.html")
    )
    assert pages == [
        "cost/company-infrastructure.html",
        "cost/final-training-run.html",
        "gpu-count/company-infrastructure.html",
    ]
    listing = soup(site, "kb/metrics.html")
    assert [
        (group.select_one("h2").get_text(strip=True).rstrip("¶"), link.get_text(), link["href"])
        for group in listing.select("section section")
        for link in group.select("ul.claimkb-page-list a")
    ] == [
        ("Cost", "Company infrastructure", "metric/cost/company-infrastructure.html"),
        ("Cost", "Final training run", "metric/cost/final-training-run.html"),
        ("GPU count", "Company infrastructure", "metric/gpu-count/company-infrastructure.html"),
    ]
    # orphans linked from the listings, not toctree entries: the navigation lists the listings
    assert listing.select("li.toctree-l1 a[href*='metric/']") == []


def test_entity_links_in_cards_go_to_entity_pages(site):
    card = soup(site, "index.html").select_one("#claim-deepseek-server-capex")
    links = {a.get_text(): a["href"] for a in card.select("a.reference.internal")}
    assert links["SemiAnalysis"] == "kb/entity/semianalysis.html#entity-semianalysis"
    assert links["High-Flyer"] == "kb/entity/high-flyer.html#entity-high-flyer"


def test_entity_page_groups_claims_by_metric_and_scope_newest_first(site):
    page = soup(site, "kb/entity/deepseek.html")
    about = page.select_one("section#claims-about")
    groups = {
        s.select_one("h3").get_text(strip=True).rstrip("¶"): titles(s.select_one("table"))
        for s in about.select("section")
    }
    assert groups == {
        "Cost: Company infrastructure": ["DeepSeek total server capital expenditure"],
        "GPU count: Company infrastructure": ["DeepSeek GPUs"],
    }
    made = soup(site, "kb/entity/semianalysis.html").select_one("section#claims-made table")
    assert titles(made) == ["DeepSeek total server capital expenditure", "DeepSeek GPUs"]


def test_entity_page_lists_related_entities(site):
    related = soup(site, "kb/entity/deepseek.html").select_one("section#related")
    items = [li.get_text(" ", strip=True) for li in related.select("li")]
    assert items == [
        "Part of: High-Flyer",
        "Includes: DeepSeek-V3",
        "Named with it in claims: High-Flyer",
    ]
    # facts are grouped apart from figures
    facts = soup(site, "kb/entity/deepseek-v3.html").select_one("section#about-other table")
    assert titles(facts) == ["DeepSeek-V3 weights are published"]


def test_pair_page_has_chart_and_every_value(site):
    page = soup(site, "kb/metric/cost/final-training-run.html")
    figure = page.select_one("#chart figure.claimkb-chart")
    wide, narrow = (image["src"] for image in figure.select("img.claimkb-chart-static"))
    assert wide.endswith("/chart.svg") and narrow.endswith("/chart-narrow.svg")
    folder = Path(site.outdir) / "_charts" / "kb" / "metric" / "cost" / "final-training-run"
    assert (folder / "chart.svg").read_text().startswith("<svg")
    wide = BeautifulSoup((folder / "chart.svg").read_text(), "html.parser")
    # one series per subject, each named on the chart
    names = sorted(t.get_text() for t in wide.select("text[data-series]"))
    assert names == ["DeepSeek-V3", "GPT-4", "OpenAI"]
    assert titles(page.select_one("table.claimkb-claims")) == [
        "DeepSeek-V3 final training run cost",
        "GPT-4 final training run cost",
        "GPT-3 final training run cost",
    ]


def test_sources_page_is_one_sortable_row_per_source(site):
    page = soup(site, "kb/sources.html")
    table = page.select_one("table.claimkb-sources-table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Source", "Publisher", "Kind", "Published", "Claims citing it"]
    rows = {
        tr.select("td")[0].get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
        for tr in table.select("tbody tr")
    }
    assert rows["DeepSeek-V3 Technical Report"][2:] == ["paper", "2024-12-27", "3"]
    assert rows["A report nobody cites"][-1] == "0"
    link = table.select_one("tbody a")["href"]
    assert link.startswith("source/") and "#source-" in link
    # the counts sort as numbers
    assert "claimkb-sort-number" in table.select("thead th")[-1]["class"]
    source_page = soup(site, "kb/source/epoch-training-costs.html")
    assert titles(source_page.select_one("table")) == [
        "GPT-4 final training run cost",
        "GPT-3 final training run cost",
    ]
    # light rows: no tooltips, no column saying again which source it is
    assert source_page.select_one("table").select("a[title]") == []
    assert source_page.select("table td.claimkb-col-source") == []


def test_disputes_page_shows_contradicting_claims_side_by_side(site):
    page = soup(site, "kb/disputes.html")
    assert "more than 5% apart" in page.select_one(".claimkb-dispute-rule").get_text()
    # the pair the ledger says contradict measure different things: not called a contradiction
    assert (
        page.select_one("section#contradictions")
        .get_text(" ", strip=True)
        .endswith("No claim contradicts another.")
    )
    block = page.select_one("section#not-contradictions #dispute-1")
    assert [t.get_text(strip=True) for t in block.select(".claimkb-compare-title")] == [
        "DeepSeek total server capital expenditure",
        "DeepSeek-V3 final training run cost",
    ]
    heading = page.select_one("section#not-contradictions .claimkb-dispute-heading")
    assert "measures something different from" in heading.get_text()
    assert "claimkb-dispute-different" in heading["class"]
    assert "Different scope" in block.select_one(".claimkb-compare-verdict").get_text()
    assert titles(page.select_one("section#disputed table")) == ["DeepSeek GPUs"]


def test_timeline_is_newest_first_with_one_filter(site):
    page = soup(site, "kb/timeline.html")
    years = [s["id"] for s in page.select("section[id^=year-]")]
    assert years == ["year-2025", "year-2024", "year-2020", "year-undated"]
    rows = page.select("section#year-2024 tbody tr")
    assert [r.select("td")[1].get_text(strip=True) for r in rows] == [
        "DeepSeek-V3 final training run cost",  # 2024-12-27
        "GPT-4 final training run cost",  # 2024-06
    ]
    # one filter for the whole page (hidden until the script shows it), not one per table
    assert len(page.select("form.claimkb-timeline-filter")) == 1
    assert page.select("input.claimkb-filter") == []
    entities = [
        o["value"] for o in page.select("form.claimkb-timeline-filter select[name=e] option")
    ]
    assert "deepseek" in entities and "openai" in entities
    # a row is its subjects' and their parents' (a model's row is its maker's) and its metric's
    classes = rows[0]["class"]
    assert {"e-deepseek-v3", "e-deepseek", "m-cost"} <= set(classes)
    # every year has its own page too, with the same filter
    year_page = soup(site, "kb/timeline/2024.html")
    assert [s["id"] for s in year_page.select("section[id^=year-]")] == ["year-2024"]
    assert len(year_page.select("form.claimkb-timeline-filter")) == 1


def test_generated_pages_are_searchable(site):
    index = (Path(site.outdir) / "searchindex.js").read_text()
    assert '"kb/entity/deepseek"' in index
    assert "Cost: Final training run" in index


def test_chart_bytes_are_identical_across_builds(site, tmp_path):
    again = build_once(copy_root("kb", tmp_path))
    charts = Path(site.outdir) / "_charts"
    files = sorted(path for path in charts.rglob("*") if path.is_file())
    for path in files:
        assert (
            path.read_bytes() == (Path(again.outdir) / path.relative_to(site.outdir)).read_bytes()
        )
    assert len([path for path in files if path.name == "chart.svg"]) == 1  # one pair has 3 figures


def test_chart_uses_a_log_scale_when_values_span_orders_of_magnitude():
    assert use_log_scale([4.3e6, 1.6e9])
    assert not use_log_scale([5.5e6, 7.8e7])
    assert not use_log_scale([0, 1e9])  # nothing at or below zero on a log scale
    # decades on the log scale, round steps from zero on the linear one
    assert log_ticks(4.3, 1600)[2] == [1.0, 10.0, 100.0, 1000.0, 10000.0]
    assert log_ticks(4.3, 60)[2] == [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
    assert nice_ticks(4, 9) == (0, 10, [0, 2, 4, 6, 8, 10])


def pages_html(app) -> dict[str, bytes]:
    out = Path(app.outdir)
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.suffix in (".html", ".svg")
    }


def test_parallel_build_equals_serial(tmp_path):
    serial = sphinx_build(copy_root("kb", tmp_path / "serial"))
    parallel = sphinx_build(copy_root("kb", tmp_path / "parallel"), jobs=2)
    assert warnings_of(parallel) == []
    assert pages_html(parallel) == pages_html(serial)


def test_editing_a_claim_updates_generated_pages_and_tables(tmp_path):
    src = copy_root("kb", tmp_path / "edited")
    first = build_once(src)
    stubs = {p: p.stat().st_mtime_ns for p in (src / "kb").rglob("*.md")}
    images = Path(first.outdir) / "_charts"
    charts = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in images.rglob("*.svg")}
    edit(src / "index.md", ":value: 1.6e9", ":value: 2.1e9")
    edit(src / "index.md", ":title: DeepSeek GPUs", ":title: DeepSeek GPU fleet")
    app = build_once(src)
    assert warnings_of(app) == []
    # stubs untouched: no page appeared or disappeared
    assert {p: p.stat().st_mtime_ns for p in (src / "kb").rglob("*.md")} == stubs
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in images.rglob("*.svg")}
    # the one chart (final training runs) does not show the edited figures: not drawn again
    assert after == charts
    for page in (
        "kb/entity/deepseek.html",
        "tables.html",
        "kb/metric/cost/company-infrastructure.html",
        "kb/timeline.html",
        "kb/entity/semianalysis.html",
    ):
        text = html(app, page)
        assert "$2.1B" in text, page
        assert "$1.6B" not in text, page
    for page in ("kb/entity/deepseek.html", "tables.html", "kb/timeline.html", "kb/disputes.html"):
        text = html(app, page)
        assert "DeepSeek GPU fleet" in text, page
        assert "DeepSeek GPUs<" not in text, page
    clean = build_once(copy_root("kb", tmp_path / "clean"))
    edit_clean = Path(clean.srcdir) / "index.md"
    edit(edit_clean, ":value: 1.6e9", ":value: 2.1e9")
    edit(edit_clean, ":title: DeepSeek GPUs", ":title: DeepSeek GPU fleet")
    assert pages_html(app) == pages_html(build_once(Path(clean.srcdir), freshenv=True))


STATEMENT = "DeepSeek puts the **final training run** at"
#: fields no table or generated page shows: the statement, the locator, the tags, the confidence
CARD_ONLY_EDITS = (
    (STATEMENT, "DeepSeek puts its **final training run** at"),
    (
        ":confidence: confident\n:tags: training",
        ":confidence: likely\n:locator: Table 1\n:tags: training, compute",
    ),
)


def test_editing_what_only_the_card_shows_rewrites_no_list_of_claims(tmp_path):
    """A statement, locator, tags or confidence edit rewrites the pages with the claim's card,
    not the generated pages and tables, which do not show them; the result still equals a clean
    build."""
    src = copy_root("kb", tmp_path / "edited")
    out = Path(build_once(src).outdir)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    for old, new in CARD_ONLY_EDITS:
        edit(src / "index.md", old, new)
    app = build_once(src)
    assert warnings_of(app) == []
    rewritten = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if p.stat().st_mtime_ns != before.get(p)
    )
    assert "index.html" in rewritten
    assert [page for page in rewritten if page.startswith("kb/") or page == "tables.html"] == []
    clean = copy_root("kb", tmp_path / "clean")
    for old, new in CARD_ONLY_EDITS:
        edit(clean / "index.md", old, new)
    assert pages_html(app) == pages_html(build_once(clean))


def test_editing_a_listed_field_still_rewrites_the_lists(tmp_path):
    src = copy_root("kb", tmp_path)
    out = Path(build_once(src).outdir)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    edit(src / "index.md", ":as_of: 2024-12-27", ":as_of: 2024-12-28")  # the "As of" column
    build_once(src)
    rewritten = {
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if p.stat().st_mtime_ns != before.get(p)
    }
    assert {"tables.html", "kb/timeline.html", "kb/entity/deepseek-v3.html"} <= rewritten


def test_a_new_pair_gets_its_page_in_the_same_build_and_a_gone_one_loses_it(tmp_path):
    src = copy_root("kb", tmp_path)
    build_once(src)
    edit(
        src / "index.md",
        ":metric: gpu-count\n:value: 50_000\n:scope: company-infrastructure",
        ":metric: gpu-count\n:value: 50_000\n:scope: final-training-run",
    )
    app = build_once(src)
    assert warnings_of(app) == []
    new = soup(app, "kb/metric/gpu-count/final-training-run.html")
    assert titles(new.select_one("table.claimkb-claims")) == ["DeepSeek GPUs"]
    assert not (src / "kb" / "metric" / "gpu-count" / "company-infrastructure.md").exists()
    listing = [a["href"] for a in soup(app, "kb/metrics.html").select(".claimkb-page-list a")]
    assert "metric/gpu-count/company-infrastructure.html" not in listing
    assert "metric/gpu-count/final-training-run.html" in listing


def test_registry_edits_add_and_rename_entity_pages_incrementally(tmp_path):
    src = copy_root("kb", tmp_path)
    build_once(src)
    edit(
        src / "claims" / "registry.yaml", "    name: SemiAnalysis\n", "    name: SemiAnalysis LLC\n"
    )
    edit(
        src / "claims" / "registry.yaml",
        "  - id: epoch-ai\n",
        "  - id: mistral\n    name: Mistral AI\n    type: lab\n  - id: epoch-ai\n",
    )
    app = build_once(src)
    assert warnings_of(app) == []
    assert (
        soup(app, "kb/entity/mistral.html")
        .select_one("section#entity-mistral h1")
        .get_text(strip=True)
        .startswith("Mistral AI")
    )
    renamed = soup(app, "kb/entity/semianalysis.html").select_one("h1").get_text(strip=True)
    assert renamed.startswith("SemiAnalysis LLC")
    card = soup(app, "index.html").select_one("#claim-deepseek-server-capex")
    assert "SemiAnalysis LLC" in card.get_text()
    labs = [a.get_text() for a in soup(app, "kb/entities.html").select(".claimkb-page-list a")]
    assert "Mistral AI" in labs and "SemiAnalysis LLC" in labs
