"""The benchmark's generator and report (never its timings: those live in `make bench`)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claimkb.bench.generate import VARIANTS, edit_one_claim, knowledge_base, write_project
from claimkb.bench.page import results_markdown
from claimkb.bench.run import summary
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
    root = tmp_path / "page"
    root.mkdir()
    (root / "conf.py").write_text("extensions = ['myst_parser', 'claimkb.bench.page']\n")
    (root / "benchmark-results.json").write_text(json.dumps(document))
    (root / "index.md").write_text(
        "# Bench\n\n```{benchmark-results} benchmark-results.json\n```\n"
    )
    app = build_once(root)
    assert warnings_of(app) == []
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    cells = [
        [td.get_text() for td in tr.select("td")] for tr in soup.select("table")[0].select("tr")
    ]
    assert ["200x25", "full build: ours / baseline", "1.25", "2.00", "≤ 1.25", "yes"] in cells
    assert "2 cores, 8.0 GB RAM, Python 3.11.7" in soup.get_text()
    assert "make bench" in soup.get_text()
    assert "Partial results" not in results_markdown(document)
    assert "Partial results" in results_markdown({**document, "complete": False})
