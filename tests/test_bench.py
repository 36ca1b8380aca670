"""The benchmark's generator and report (never its timings: those live in `make bench`)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claimkb.bench import epoch_case as epoch
from claimkb.bench.edit_cases import copy_real_site, edit_rows, synthetic_case
from claimkb.bench.edits import EDIT_KINDS, real_site_edits
from claimkb.bench.generate import VARIANTS, edit_one_claim, knowledge_base, write_project
from claimkb.bench.page import results_markdown
from claimkb.bench.run import summary
from claimkb.bench.search_case import Received, compressed_size, file_kind, search_rows
from claimkb.cli import main
from helpers import build_once, warnings_of


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def generate(tmp_path: Path, pages: int, per_page: int, variant: str, seed: int = 0) -> Path:
    root = tmp_path / f"{variant}-{pages}x{per_page}-{seed}"
    return write_project(knowledge_base(pages, per_page, seed), variant, root)


@pytest.mark.parametrize("variant", VARIANTS)
def test_same_seed_same_files(tmp_path, variant):
    first = files_of(generate(tmp_path / "a", 3, 4, variant).parent)
    second = files_of(generate(tmp_path / "b", 3, 4, variant).parent)
    other_seed = files_of(generate(tmp_path / "c", 3, 4, variant, seed=1).parent)
    assert first == second
    assert len(first) == len(other_seed) and first != other_seed


def test_kinds_are_mixed_as_in_real_content(tmp_path):
    kb = knowledge_base(20, 25)
    kinds = Counter(claim.data["kind"] for page in kb.claims for claim in page)
    assert kinds == {"figure": 350, "fact": 100, "viewpoint": 50}
    written = (generate(tmp_path, 20, 25, "claimkb") / "pages").glob("*.md")
    in_pages = Counter(
        line.split()[1]
        for path in written
        for line in path.read_text().splitlines()
        if line.startswith(":kind: ")
    )
    assert in_pages == kinds


def test_viewpoints_rely_on_figures_of_other_pages():
    kb = knowledge_base(5, 10)
    viewpoints = [c for page in kb.claims for c in page if c.data["kind"] == "viewpoint"]
    assert viewpoints
    for claim in viewpoints:
        target = kb.claim(claim.relies_on[0])
        assert target.data["kind"] == "figure" and target.page != claim.page


def test_claimkb_variant_builds_without_warnings_and_links_across_pages(tmp_path):
    app = build_once(generate(tmp_path, 3, 4, "claimkb"))
    assert warnings_of(app) == []
    kb = knowledge_base(3, 4)
    page = BeautifulSoup((Path(app.outdir) / "pages" / "p001.html").read_text(), "html.parser")
    assert len(page.select(".claim-card")) == 4
    words, target, figure = kb.prose[1][0]
    links = {a.get_text(): a["href"] for a in page.select("a.reference.internal")}
    home = f"p{kb.claim(target).page:03d}.html#claim-{target}"
    assert links[kb.claim(target).data["title"]] == home
    values = page.select(f'a[href$="#claim-{figure}"] .claim-value-ref')
    assert values, f"no {{claim-value}} link to {figure}"


def test_baseline_variant_builds_without_warnings(tmp_path):
    app = build_once(generate(tmp_path, 3, 4, "baseline"))
    assert warnings_of(app) == []
    page = BeautifulSoup((Path(app.outdir) / "pages" / "p001.html").read_text(), "html.parser")
    assert len(page.select(".admonition.claim")) == 4


@pytest.mark.slow
def test_needs_variant_builds_without_warnings(tmp_path):
    pytest.importorskip("sphinx_needs")
    docs = generate(tmp_path, 3, 4, "needs")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-W",
            "-b",
            "html",
            str(docs),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0 and build.stderr == ""
    html = (tmp_path / "out" / "pages" / "p001.html").read_text()
    assert html.count("need_container") == 4


def test_edit_rebuild_rewrites_few_pages_and_equals_a_clean_build(tmp_path):
    kb = knowledge_base(6, 5)
    docs = generate(tmp_path, 6, 5, "claimkb")
    first = build_once(docs)
    pages = sorted((Path(first.outdir) / "pages").glob("*.html"))
    before = {p: p.stat().st_mtime_ns for p in pages}
    edit_one_claim(kb, docs)
    edited = build_once(docs)
    assert warnings_of(edited) == []
    rewritten = {p.name for p in pages if p.stat().st_mtime_ns != before[p]}
    assert "p003.html" in rewritten and len(rewritten) < len(pages)
    clean_docs = generate(tmp_path / "clean", 6, 5, "claimkb")
    edit_one_claim(kb, clean_docs)
    clean = build_once(clean_docs)
    for page in pages:
        assert page.read_bytes() == (Path(clean.outdir) / "pages" / page.name).read_bytes(), (
            page.name
        )


def test_views_variant_builds_generated_pages_and_views(tmp_path):
    app = build_once(generate(tmp_path, 3, 4, "views"))
    assert warnings_of(app) == []
    out = Path(app.outdir)
    kb = knowledge_base(3, 4)
    assert {p.name for p in (out / "kb").glob("*.html")} >= {"entities.html", "timeline.html"}
    entity_pages = list((out / "kb").rglob("entity-000*.html"))
    assert entity_pages, sorted(p.name for p in (out / "kb").rglob("*.html"))
    page = BeautifulSoup((out / "pages" / "p001.html").read_text(), "html.parser")
    card = kb.prose[1][-1][1]
    assert page.select("table"), "no claims table"
    assert page.select(f'.claim-card a[href$="#claim-{card}"]'), "no card of a claim elsewhere"
    entities = (Path(app.srcdir).parent / "claims" / "entities.yaml").read_text()
    assert "parent: entity-" in entities


@pytest.mark.slow
def test_edit_cases_count_the_pages_each_rebuild_writes(tmp_path):
    messages = []
    case = synthetic_case(3, 4, 1, tmp_path, messages.append)
    assert [edit["kind"] for edit in case["edits"]] == list(EDIT_KINDS)
    pages = case["pages"]
    # 3 pages, the index, the registry page, generated pages
    assert pages == case["full"]["pages_written"] == case["full"]["pages_total"] > 5
    for edit in case["edits"]:
        assert 0 < edit["pages_written"] <= edit["pages_total"], edit
        assert pages <= edit["pages_total"] <= pages + 2, edit  # a new pair of metric and scope
        assert edit["seconds"] > 0 and edit["runs"] == 1
    # the files are as they were: a rebuild after the case has nothing to do
    docs = tmp_path / "edits-3x4" / "docs"
    assert (docs / "pages" / "p001.md").read_text() == generate(
        tmp_path / "fresh", 3, 4, "views"
    ).joinpath("pages", "p001.md").read_text()
    rows = edit_rows({"synthetic": case})
    assert [row["ratio"] for row in rows] == [f"{k} edit: rebuild / full build" for k in EDIT_KINDS]
    assert all(row["goal"] is None and row["value"] > 0 for row in rows)


def test_real_site_still_holds_what_its_edits_change(tmp_path):
    docs = copy_real_site(tmp_path)
    assert "claimkb.bench.written" in (docs / "conf.py").read_text()
    edits = real_site_edits(tmp_path)
    assert [edit.kind for edit in edits] == list(EDIT_KINDS)
    for edit in edits:
        edit.apply()
    page = (docs / "explainers" / "deepseek-meal-and-restaurant.md").read_text()
    assert ":value: 2788001\n" in page and ":value: 2788000\n" not in page
    assert (
        "deepseek-r1-hugging-face-downloads"
        not in (docs / "explainers" / "open-weights.md").read_text()
    )
    assert "name: DeepSeek (renamed)" in (tmp_path / "claims" / "entities.yaml").read_text()
    assert edits[0].what == "deepseek-v3-gpu-hours: value 2788000 → 2788001"


def small_full_view(path: Path) -> Path:
    """Three models in the columns the Epoch case reads; the second is the first again."""
    columns = [*epoch.FULL_VIEW_COLUMNS, *epoch.LOAD_COLUMNS.values()]
    rows = [
        ["Model A", "Lab One", "2020-01-15", "Industry", "1e9", "3e21", "2e10"],
        ["Model A", "Lab One", "2020-01-16", "Industry", "", "", ""],
        ["Model B", "Lab One, Other Lab", "2021-06-01", "Industry", "7e9", "n/a", ""],
        ["Model C", "University X", "2022-03-03", "Academia", "", "", "5e6"],
    ]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


@pytest.mark.slow
def test_epoch_case_imports_builds_and_measures(tmp_path):
    full_view = small_full_view(tmp_path / "full_view.csv")
    result = epoch.epoch_case(tmp_path, lambda message: None, full_view=full_view)
    assert result["models"] == 3  # the second "Model A" is left out
    assert result["claims"] == 5  # the numeric cells: 3 + 1 + 1
    assert result["entities"] == 1 + 3 + 2  # epoch-ai, the models, their first organizations
    assert result["pages"] >= 2 + result["entities"] and result["generated_pages"] > 0
    assert result["generated_page_kb"] > 0 and result["searchindex_bytes"] == 0  # Pagefind's
    search = result["search"]
    assert search["index_seconds"] > 0 and search["bundle_bytes"] > 0
    assert 0 < search["index_share"] < 1 and search["indexed_claims"] == 5
    real = {"parallel": {"seconds": 10.0, "pages_written": 100}}
    rows = {row["ratio"]: row for row in epoch.epoch_rows(result, real)}
    assert rows["strict -j 2 build (s)"]["value"] == result["build"]["seconds"]
    per_page = result["build"]["seconds"] / result["pages"] / 0.1
    assert rows["time per page: Epoch / real site (-j 2)"]["value"] == round(per_page, 3)
    assert rows["average generated page (KB)"]["goal"] == 80
    collection = (tmp_path / "epoch" / "claims" / "epoch-model-costs.yaml").read_text()
    assert "metric: cost" not in collection and "price_year" not in collection
    assert collection.count("metric: parameters") == 2
    assert "title: Model C, training dataset size (Epoch AI)" in collection


def test_epoch_case_validates_because_it_declares_its_units(tmp_path, capsys):
    """As a maintainer writes them, the database's metrics are in units pint does not know
    (parameter, FLOP, datapoint): the project declares them, and without that it fails."""
    root = tmp_path / "epoch"
    epoch.write_project(root)
    epoch.write_inputs(small_full_view(tmp_path / "full_view.csv"), root / "data", None)
    epoch.import_collection(root)
    registry = root / "claims" / "registry.yaml"
    assert main(["validate", "--root", str(root)]) == 0
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text[: text.index("units:")] + text[text.index("scopes:") :])
    capsys.readouterr()
    assert main(["validate", "--root", str(root), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert sorted((f["code"], f["text"].split(":")[0]) for f in findings) == [
        ("unit", "metric parameters"),
        ("unit", "metric training-compute"),
        ("unit", "metric training-dataset-size"),
    ]


@pytest.mark.slow
def test_epoch_case_timeout_and_absent_file_are_reported_not_raised(tmp_path, monkeypatch):
    full_view = small_full_view(tmp_path / "full_view.csv")
    monkeypatch.setattr(epoch, "TIMEOUT_SECONDS", 0.5)
    result = epoch.epoch_case(tmp_path, lambda message: None, full_view=full_view)
    assert result["timed_out"] == 0.5 and "build" not in result
    [row] = epoch.epoch_rows(result, None)
    assert row["value"] is None and row["note"] == "timed out after 0 s"
    absent = epoch.epoch_case(tmp_path, lambda message: None, full_view=tmp_path / "absent.csv")
    assert "absent.csv is absent" in absent["skipped"]
    assert epoch.epoch_rows(absent, None) == []


def test_ratios_and_results_page(tmp_path):
    def measured(seconds, cpu, rss):
        return {"seconds": seconds, "cpu": cpu, "max_rss_mb": rss, "runs": 3}

    results = {
        "200x25": {
            "claimkb": {"full": measured(10.0, 8.0, 150.0), "edit": measured(1.0, 0.8, 140.0)},
            "baseline": {"full": measured(8.0, 4.0, 100.0)},
        }
    }
    rows = {row["ratio"]: row for row in summary(results)}
    assert rows["full build: ours / baseline"] == {
        "size": "200x25",
        "ratio": "full build: ours / baseline",
        "value": 1.25,
        "cpu": 2.0,
        "goal": 1.25,
    }
    assert rows["one-claim edit rebuild / full build"]["value"] == 0.1
    assert rows["peak memory: ours / baseline"]["value"] == 1.5
    assert "full build: ours / sphinx-needs" not in rows  # not measured: no row
    document = {
        "command": "make bench",
        "complete": True,
        "date": "2026-11-28 22:00 UTC",
        "machine": {
            "cores": 2,
            "ram_gb": 8.0,
            "python": "3.11.7",
            "platform": "Linux",
            "versions": {"sphinx": "9.0.4"},
        },
        "ratios": summary(results),
        "results": results,
        "profile": None,
    }
    soup = render_page(tmp_path, document)
    cells = [
        [td.get_text() for td in tr.select("td")] for tr in soup.select("table")[0].select("tr")
    ]
    assert ["200x25", "full build: ours / baseline", "1.25", "2.00", "≤ 1.25", "yes"] in cells
    assert "2 cores, 8.0 GB RAM, Python 3.11.7" in soup.get_text()
    assert "make bench" in soup.get_text()
    assert "Partial results" not in results_markdown(document)
    assert "Partial results" in results_markdown({**document, "complete": False})


def render_page(tmp_path: Path, document: dict) -> BeautifulSoup:
    root = tmp_path / "page"
    root.mkdir(parents=True)
    (root / "conf.py").write_text("extensions = ['myst_parser', 'claimkb.bench.page']\n")
    (root / "benchmark-results.json").write_text(json.dumps(document))
    (root / "index.md").write_text(
        "# Bench\n\n```{benchmark-results} benchmark-results.json\n```\n"
    )
    app = build_once(root)
    assert warnings_of(app) == []
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")


def rows_of(soup: BeautifulSoup) -> list[list[str]]:
    return [[td.get_text() for td in tr.select("td")] for tr in soup.select("tr")]


def test_results_page_shows_edits_and_epoch_case_with_their_goals(tmp_path):
    def measured(seconds, pages):
        return {"seconds": seconds, "cpu": seconds, "max_rss_mb": 300.0, "runs": 1,
                "pages_written": pages}  # fmt: skip

    real = {
        "project": "real site",
        "full": measured(30.0, 442),
        "pages": 442,
        "edits": [
            {"kind": "value", "what": "x: value 1 → 2 | 3", **measured(27.0, 430)},
            {"kind": "title", "what": "y: title A → B", **measured(2.0, 12)},
        ],
        "parallel": measured(20.0, 442),
    }
    built = {"models": 1879, "entities": 1855, "claims": 3279, "import_seconds": 20.0,
             "validate_seconds": 2.0, "build": measured(400.0, 2000), "pages": 2000,
             "generated_pages": 1990, "generated_page_kb": 95.5,
             "output_bytes": 200 * 2**20, "searchindex_bytes": 3 * 2**20}  # fmt: skip
    edits = {"real site": real}
    document = {
        "command": "make bench",
        "complete": True,
        "machine": {
            "cores": 2,
            "ram_gb": 8.0,
            "python": "3.11.7",
            "platform": "Linux",
            "versions": {"sphinx": "9.0.4"},
        },  # fmt: skip
        "ratios": edit_rows(edits) + epoch.epoch_rows(built, real),
        "results": {},
        "profile": None,
        "edits": edits,
        "epoch": built,
    }
    cells = rows_of(render_page(tmp_path, document))
    assert ["real site", "value edit: rebuild / full build", "0.90", "0.90", "≤ 0.1", "no"] in cells
    assert [
        "real site",
        "title edit: rebuild / full build",
        "0.07",
        "0.07",
        "≤ 0.1",
        "yes",
    ] in cells
    assert [
        "real site",
        "value",
        "x: value 1 → 2 | 3",
        "27.0",
        "27.0",
        "0.90",
        "430 / 442",
    ] in cells
    assert ["Epoch: 1879 models", "average generated page (KB)", "95.50", "", "≤ 80", "no"] in cells
    assert ["Epoch: 1879 models", "strict -j 2 build (s)", "400.00", "", "≤ 600", "yes"] in cells
    assert ["search index, searchindex.js (MB)", "3.00"] in cells
    # with Pagefind's index: its time, size and what a reader downloads, against the goals
    search = {"index_seconds": 8.0, "index_share": 0.02, "bundle_bytes": 30 * 2**20,
              "first_result_kb_max": 310.4, "compressed_kb_max": 210.0, "first_result_s_max": 2.1,
              "search_s_max": 0.62}  # fmt: skip
    queries = {"top1": 0.8, "top3": 0.95, "queries": 58, "first_result_kb_max": 180.0,
               "first_result_s_max": 0.5}  # fmt: skip
    with_search = {**built, "search": search}
    document.update(epoch=with_search, ratios=search_rows(queries, with_search), search=queries)
    cells = rows_of(render_page(tmp_path / "search", document))
    assert ["search index, share of the build", "2.0%"] in cells
    assert ["downloaded before the first result, largest (KB)", "310"] in cells
    assert ["the same, text gzipped by the host, largest (KB)", "210"] in cells
    # as served and as a host that gzips text sends them: both, against the same goal
    assert ["Epoch: 1879 models", "KB before the first result (largest)", "310.40", "", "≤ 300",
            "no"] in cells  # fmt: skip
    assert ["Epoch: 1879 models", "KB before the first result, text gzipped by the host (largest)",
            "210.00", "", "≤ 300", "yes"] in cells  # fmt: skip
    assert ["Epoch: 1879 models", "search index: share of the build", "0.02", "", "≤ 0.1",
            "yes"] in cells  # fmt: skip
    assert ["real site: 58 queries", "query set: top-1 rate", "0.80", "", "≥ 0.75", "yes"] in cells
    document.update(epoch=built)
    timed_out = {**built, "timed_out": 1200, "pages_when_stopped": 300}
    del timed_out["build"]
    document.update(epoch=timed_out, ratios=epoch.epoch_rows(timed_out, real))
    cells = rows_of(render_page(tmp_path / "again", document))
    assert ["Epoch: 1879 models", "strict -j 2 build (s)", "timed out after 1200 s", "", "≤ 600",
            "no"] in cells  # fmt: skip
    assert ["strict -j 2 build", "timed out after 1200 s"] in cells


def test_only_runs_the_parts_named_and_says_so(tmp_path, capsys):
    from claimkb.bench.__main__ import PARTS, Recorder, parse_args

    args = parse_args(["--only", "real-site-edits,epoch", "--output", str(tmp_path / "r.json")])
    assert args.only == ["real-site-edits", "epoch"]
    assert Recorder(args).document["command"] == (
        "python -m claimkb.bench --runs 3 --only real-site-edits,epoch"
    )
    assert Recorder(parse_args([])).document["command"] == "make bench"
    assert parse_args([]).only == list(PARTS)
    with pytest.raises(SystemExit):
        parse_args(["--only", "sizes,everything"])
    assert (
        "--only: parts are sizes, synthetic-edits, real-site-edits, epoch, search"
        in capsys.readouterr().err
    )


def test_results_page_shows_the_charts_share_with_its_goal(tmp_path):
    from claimkb.bench.chart_case import chart_rows

    def measured(seconds, cpu):
        return {"seconds": seconds, "cpu": cpu, "max_rss_mb": 300.0, "runs": 1}

    case = {"project": "real site", "with": measured(40.0, 36.0), "without": measured(37.0, 33.0),
            "charts": 43, "points": 900, "bytes": 12 * 2**20, "cpu_share": round(3 / 36, 3),
            "wall_share": round(3 / 40, 3), "charts_share": 0.095, "charts_wall_share": 0.083,
            "drawing_share": 0.121}  # fmt: skip
    document = {
        "command": "python -m claimkb.bench --runs 1 --only charts",
        "complete": True,
        "machine": {
            "cores": 2,
            "ram_gb": 8.0,
            "python": "3.11.7",
            "platform": "Linux",
            "versions": {"sphinx": "9.0.4"},
        },  # fmt: skip
        "ratios": chart_rows(case),
        "results": {},
        "profile": None,
        "charts": case,
    }
    cells = rows_of(render_page(tmp_path, document))
    assert [
        "real site",
        "charts (43): share of a full build",
        "0.07",
        "0.08",
        "≤ 0.1",
        "yes",
    ] in cells
    assert ["share of the build, wall / CPU", "0.075 / 0.083"] in cells
    # measured inside the build, in CPU time only: met or not by its CPU share
    row = "vl-convert’s drawings and PNGs: share of the same build"  # as the page writes ’
    assert ["real site", row, "", "0.12", "≤ 0.1", "no"] in cells
    assert ["vl-convert’s drawings and PNGs, share of the same build’s CPU", "0.121"] in cells
    row = "charts’ own work, inside the build: share of it"
    assert ["real site", row, "0.08", "0.10", "≤ 0.1", "yes"] in cells
    fact = (
        "charts’ own work inside the build (models, HTML, files, drawings), share of it, wall / CPU"
    )
    assert [fact, "0.083 / 0.095"] in cells


def test_search_bytes_are_counted_by_kind_and_as_a_gzipping_host_sends_them(tmp_path):
    page = tmp_path / "search.html"
    page.write_text("<p>results</p>" * 500, encoding="utf-8")
    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    served = Received("/search.html", 7000 + 200, 7000, 0.0)  # body and headers, uncompressed
    packed = compressed_size(tmp_path, served)
    assert 200 < packed < 1000  # the headers, and the page gzipped
    fragment = Received("/pagefind/fragment/en_1.pf_fragment", 900, 800, 0.0)
    assert compressed_size(tmp_path, fragment) == 900  # Pagefind's files are gzipped already
    kinds = [file_kind(p) for p in ("/search.html", "/pagefind/index/en_1.pf_index",
             "/pagefind/wasm.en.pagefind", "/pagefind/pagefind.js", "/_static/claimkb-search.js",
             "/_static/styles/furo.css", "/fr/")]  # fmt: skip
    assert kinds == ["page", "pagefind index", "pagefind wasm", "pagefind runtime",
                     "search page js", "css", "page"]  # fmt: skip


@pytest.mark.slow
def test_a_build_measures_the_time_its_charts_and_vl_convert_take(tmp_path):
    """`chart_time` in a project's extensions, and its variable set: the build writes the CPU time
    of its charts' work and, within it, of vl-convert's calls: one SVG (the wide layout) and one
    PNG a chart (`tests/roots/test-charts`)."""
    from claimkb.bench.chart_time import EXTENSION, VARIABLE
    from claimkb.bench.process import sphinx_build
    from helpers import copy_root

    root = copy_root("charts", tmp_path)
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nextensions.append({EXTENSION!r})\n")
    report = tmp_path / "chart-time.json"
    sample = sphinx_build(root, tmp_path / "out", environment={VARIABLE: str(report)})
    spent = json.loads(report.read_text(encoding="utf-8"))
    charts = json.loads((tmp_path / "out" / "charts.json").read_text(encoding="utf-8"))["charts"]
    assert spent["svgs"] == spent["pngs"] == len(charts) > 0, spent  # Vega draws the wide layout
    assert 0 < spent["seconds"] < spent["charts"] < sample.cpu
    assert 0 < spent["charts_wall"] < sample.seconds
    # every chart's model, HTML and files were timed (a table of two figures is a model too)
    assert spent["models"] >= spent["html"] >= spent["files"] == len(charts), spent
    # without the variable, nothing is timed or written
    sphinx_build(root, tmp_path / "again")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "again",
        "chart-time.json",
        "charts",
        "out",
    ]
