"""A tiny Sphinx extension of the benchmark's chart case: the CPU time a build spends in
vl-convert, drawing its charts (SVG, each layout) and making their PNGs: the charts' main cost,
measured inside the build it is a share of (a ratio in one run, unlike the difference of two
builds, which varies by more than the charts cost on a shared machine).

When the environment variable CLAIMKB_BENCH_CHART_TIME names a file, the build writes there, as
it finishes, a JSON object: `seconds` (CPU), `svgs` and `pngs` (how many calls). Without the
variable it does nothing. For serial builds: a `-j N` worker's time would not be counted.
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

_spent: dict[str, float] = {"seconds": 0.0, "svgs": 0, "pngs": 0}


def _timed(function: Callable[..., Any], count: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _spent["seconds"] += time.process_time() - start
            _spent[count] += 1

    return timed


def _write(app, exception) -> None:
    target = os.environ.get(VARIABLE)
    if target and exception is None:
        with open(target, "w", encoding="utf-8") as out:
            json.dump(_spent, out)


def setup(app):
    if os.environ.get(VARIABLE):
        # views.chart_drawing imports vl_convert where it calls it: these are the calls it makes
        import vl_convert

        vl_convert.vegalite_to_svg = _timed(vl_convert.vegalite_to_svg, "svgs")
        vl_convert.svg_to_png = _timed(vl_convert.svg_to_png, "pngs")
        app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
