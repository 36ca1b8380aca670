"""A tiny Sphinx extension of the benchmark's chart case: the time a build spends on its charts,
measured inside the build it is a share of (a ratio in one run, unlike the difference of two
builds, which varies by more than the charts cost on a shared machine).

It times the charts' own work, each part where the build enters it: the models (`build_chart`,
from a metric's page and from a `claim-chart` block), their HTML (`ChartModel.render`) and their
files (`write_files`: the drawings, PNG, data, package and embed page). A part entered from
within another is counted once. The table a chart shows under it is taken out (its model,
`chart_table`, and its HTML, `TableModel.render`): a build without charts shows the same table
in the chart's place. Of the charts' time, it also gives vl-convert's calls alone (Vega's SVG,
the PNG), their largest cost.

When the environment variable CLAIMKB_BENCH_CHART_TIME names a file, the build writes there, as
it finishes, a JSON object: `charts` and `charts_wall` (CPU and wall seconds of the charts'
work), `seconds` (CPU seconds of vl-convert's calls), and how many times each part was entered:
`models`, `html`, `files`, `svgs`, `pngs`. Without the variable it does nothing. For serial
builds: a `-j N` worker's time would not be counted.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

VARIABLE = "CLAIMKB_BENCH_CHART_TIME"
#: the name to list in a project's `extensions`
EXTENSION = __name__

_spent: dict[str, float] = {
    "charts": 0.0, "charts_wall": 0.0, "seconds": 0.0,
    "models": 0, "html": 0, "files": 0, "svgs": 0, "pngs": 0,
}  # fmt: skip
#: how deep the build is in the charts' work: a part entered from another is not counted twice
_depth = [0]


def _clocks() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _vl_convert_call(function: Callable[..., Any], count: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _spent["seconds"] += time.process_time() - start
            _spent[count] += 1

    return timed


def _chart_work(function: Callable[..., Any], count: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        _spent[count] += 1
        _depth[0] += 1
        cpu, wall = _clocks()
        try:
            return function(*args, **kwargs)
        finally:
            _depth[0] -= 1
            if not _depth[0]:
                now_cpu, now_wall = _clocks()
                _spent["charts"] += now_cpu - cpu
                _spent["charts_wall"] += now_wall - wall

    return timed


def _not_chart_work(function: Callable[..., Any]) -> Callable[..., Any]:
    """Work a build without charts does as well, taken out where the charts' work calls it."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        if not _depth[0]:
            return function(*args, **kwargs)
        cpu, wall = _clocks()
        try:
            return function(*args, **kwargs)
        finally:
            now_cpu, now_wall = _clocks()
            _spent["charts"] -= now_cpu - cpu
            _spent["charts_wall"] -= now_wall - wall

    return timed


def _write(app, exception) -> None:
    target = os.environ.get(VARIABLE)
    if target and exception is None:
        with open(target, "w", encoding="utf-8") as out:
            json.dump(_spent, out)


def setup(app):
    if os.environ.get(VARIABLE):
        # each name is replaced where the build looks it up: vl_convert's functions in the module
        # (`views.chart_drawing` imports it where it calls it), `build_chart` in the two modules
        # that call it, `chart_table` in its own, `write_files` in the one that calls it
        import vl_convert

        from ..sphinx_ext import chart_directive
        from ..views import chart_build, charts, record_pages
        from ..views.chart_model import ChartModel
        from ..views.claims_table import TableModel

        vl_convert.vegalite_to_svg = _vl_convert_call(vl_convert.vegalite_to_svg, "svgs")
        vl_convert.svg_to_png = _vl_convert_call(vl_convert.svg_to_png, "pngs")
        for module in (charts, record_pages):
            module.build_chart = _chart_work(module.build_chart, "models")  # type: ignore[attr-defined]
        ChartModel.render = _chart_work(ChartModel.render, "html")  # type: ignore[method-assign]
        chart_directive.write_files = _chart_work(chart_directive.write_files, "files")  # type: ignore[attr-defined]
        chart_build.chart_table = _not_chart_work(chart_build.chart_table)  # type: ignore[attr-defined]
        TableModel.render = _not_chart_work(TableModel.render)  # type: ignore[method-assign]
        app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
