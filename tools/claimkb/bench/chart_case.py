"""The charts' share of a full build of the real site: strict full builds of a copy of the site
with its charts, and with `-D claimkb_charts=0` (the same pages, each chart's table alone, no
chart modelled, drawn or written), taking turns; the share is the difference of the medians over
the build with charts, in CPU time (the steadier on a shared machine) and in wall time.

Two builds of some 40 s differ by more than the charts cost, so each build with charts also
measures, inside itself, the time of the charts' own work (`chart_time`: models, HTML, files and
drawings, less the table a build without charts shows too) and the CPU time of vl-convert's
calls within it: their shares of that same build are ratios in one run, the steadier figures."""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
from pathlib import Path

from .chart_time import EXTENSION as CHART_TIME_EXTENSION
from .chart_time import VARIABLE as CHART_TIME_VARIABLE
from .edit_cases import copy_real_site
from .process import Sample, sphinx_build
from .run import median

#: the issue's goal: charts at most 10% of a full build of the real site
CHART_GOAL = 0.10
WITHOUT_CHARTS = ("-D", "claimkb_charts=0")


def chart_case(runs: int, workdir: Path, log) -> dict:
    root = workdir / "real-site-charts"
    docs = copy_real_site(root)
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"extensions.append({CHART_TIME_EXTENSION!r})\n")
    samples: dict[str, list[Sample]] = {"with": [], "without": []}
    shares: dict[str, list[float]] = {"charts": [], "charts_wall": [], "drawings": []}
    out = root / "_build"
    counts: dict = {}
    for run in range(runs):
        for variant, options in (("with", ()), ("without", WITHOUT_CHARTS)):
            shutil.rmtree(out, ignore_errors=True)
            log(f"real site: full build {variant} charts, run {run + 1} of {runs}")
            if variant == "without":
                samples[variant].append(sphinx_build(docs, out, strict=True, options=options))
                continue
            sample, spent = _build_timing_drawings(docs, out)
            samples[variant].append(sample)
            shares["charts"].append(spent["charts"] / sample.cpu)
            shares["charts_wall"].append(spent["charts_wall"] / sample.seconds)
            shares["drawings"].append(spent["seconds"] / sample.cpu)
            counts = _counts(out)
    shutil.rmtree(out, ignore_errors=True)
    with_charts, without = median(samples["with"]), median(samples["without"])
    return {
        "project": "real site",
        "with": with_charts,
        "without": without,
        **counts,
        "cpu_share": _share(with_charts["cpu"], without["cpu"]),
        "wall_share": _share(with_charts["seconds"], without["seconds"]),
        "charts_share": round(statistics.median(shares["charts"]), 3),
        "charts_wall_share": round(statistics.median(shares["charts_wall"]), 3),
        "drawing_share": round(statistics.median(shares["drawings"]), 3),
    }


def _build_timing_drawings(docs: Path, out: Path) -> tuple[Sample, dict]:
    """A full build with charts, and the CPU time its charts and vl-convert took (`chart_time`)."""
    with tempfile.TemporaryDirectory(prefix="claimkb-bench-charts-") as scratch:
        report = Path(scratch) / "chart-time.json"
        sample = sphinx_build(
            docs, out, strict=True, environment={CHART_TIME_VARIABLE: str(report)}
        )
        spent = json.loads(report.read_text(encoding="utf-8"))
    return sample, spent


def _share(with_charts: float, without: float) -> float | None:
    return round((with_charts - without) / with_charts, 3) if with_charts else None


def _counts(out: Path) -> dict:
    """How many charts the build drew, and their files' bytes."""
    manifest = out / "charts.json"
    charts = (
        json.loads(manifest.read_text(encoding="utf-8"))["charts"] if manifest.is_file() else []
    )
    folder = out / "_charts"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0
    return {"charts": len(charts), "points": sum(c["points"] for c in charts), "bytes": size}


def chart_rows(case: dict | None) -> list[dict]:
    """The ratio row of the charts' share (as `run.summary` gives them), with its goal."""
    if not case:
        return []
    rows = [
        {
            "size": "real site",
            "ratio": f"charts ({case['charts']}): share of a full build",
            "value": case["wall_share"],
            "cpu": case["cpu_share"],
            "goal": CHART_GOAL,
        }
    ]
    if case.get("charts_share") is not None:  # results of before it was measured lack it
        rows.append(
            {
                "size": "real site",
                "ratio": "charts' own work, inside the build: share of it",
                "value": case.get("charts_wall_share"),
                "cpu": case["charts_share"],
                "goal": CHART_GOAL,
            }
        )
    if case.get("drawing_share") is not None:
        rows.append(
            {
                "size": "real site",
                "ratio": "vl-convert's drawings and PNGs: share of the same build",
                "value": None,
                "cpu": case["drawing_share"],
                "goal": CHART_GOAL,
            }
        )
    return rows
