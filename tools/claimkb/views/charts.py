"""Charts of comparable values over time, drawn with matplotlib as SVG with deterministic bytes.

One chart holds one metric and one scope; each series is one method (and price year), so that only
values that can be compared share a line. No Sphinx here.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from docutils import nodes

from ..core.formatting import format_number
from ..core.language import current_locale
from .chart_marks import mark_handles, plot_series

#: A chart switches to a log scale when its largest value is this many times its smallest.
LOG_SCALE_SPAN = 100
#: the legend's title: each series is one method (the caller gives it in the build's language)
LEGEND_TITLE = "Method"

_RC = {
    "svg.hashsalt": "claimkb",  # ids in the SVG no longer random
    "svg.fonttype": "none",  # text stays text: smaller, searchable, font-independent bytes
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_METADATA = {"Date": None, "Creator": "claimkb", "Format": None, "Type": None}


@dataclass(frozen=True)
class Point:
    when: date
    value: float
    #: how the point is drawn: see `chart_marks.MARKS`
    mark: str = "period"


@dataclass(frozen=True)
class ChartModel:
    """A chart of one metric over one scope: its series (label -> points), its words, the file
    it is drawn into (under `_images/`) and that file's address from the page showing it."""

    series: tuple[tuple[str, tuple[Point, ...]], ...]
    unit: str
    ylabel: str
    legend: str
    name: str
    uri: str
    element_id: str
    alt: str
    caption: str

    def render(self) -> nodes.raw:
        html = (
            f'<figure class="claimkb-chart" id="{escape(self.element_id)}">'
            f'<img src="{escape(self.uri)}" alt="{escape(self.alt)}" loading="lazy">'
            f"<figcaption>{escape(self.caption)}"
            "</figcaption></figure>"
        )
        return nodes.raw("", html, format="html")

    def write(self, images: Path) -> None:
        """Draw the chart into `images/<name>`, unless the file already holds this very chart."""
        write_chart(images / self.name, {k: list(v) for k, v in self.series}, self.unit,
                    self.ylabel, self.legend)  # fmt: skip


def use_log_scale(values: list[float]) -> bool:
    positive = [v for v in values if v > 0]
    return (
        len(positive) == len(values)
        and bool(values)
        and max(values) >= LOG_SCALE_SPAN * min(values)
    )


def fingerprint(
    series: dict[str, list[Point]], unit: str, ylabel: str, legend: str = LEGEND_TITLE
) -> str:
    """Names the chart's input; stored in the SVG, so an unchanged chart is not drawn again."""
    import matplotlib

    points = {
        label: sorted((p.when.isoformat(), p.value, p.mark) for p in series[label])
        for label in sorted(series)
    }
    drawn = [matplotlib.__version__, _RC, unit, ylabel, points]
    locale = current_locale()
    if locale is not None:  # another language: other words and number forms
        drawn += [str(locale), legend]
    text = json.dumps(drawn, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def write_chart(
    path: Path,
    series: dict[str, list[Point]],
    unit: str,
    ylabel: str,
    legend: str = LEGEND_TITLE,
) -> None:
    """Draw the chart into `path`, unless the file there already holds this very chart."""
    digest = fingerprint(series, unit, ylabel, legend)
    if path.is_file() and f"claimkb chart {digest}".encode() in path.read_bytes():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(chart_svg(series, unit, ylabel, digest, legend))


def chart_svg(
    series: dict[str, list[Point]],
    unit: str,
    ylabel: str,
    digest: str = "",
    legend: str = LEGEND_TITLE,
) -> bytes:
    """The chart of `series` (label -> points) as SVG bytes; same input, same bytes."""
    import matplotlib
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, NullFormatter

    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(7.2, 3.6), layout="constrained", facecolor="white")
        axes = figure.subplots()
        values = [p.value for points in series.values() for p in points]
        cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
        for index, (label, points) in enumerate(sorted(series.items())):
            # points, not lines: successive values are usually about different models
            plot_series(axes, label, points, cycle[index % len(cycle)])
        if use_log_scale(values):
            axes.set_yscale("log")
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, unit)))
        axes.yaxis.set_minor_formatter(NullFormatter())
        locator = AutoDateLocator()
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        axes.set_ylabel(ylabel)
        axes.grid(True, which="major", alpha=0.3)
        handles = axes.get_legend_handles_labels()[0] + mark_handles(series)
        axes.legend(handles=handles, title=legend, loc="best", fontsize="small")
        output = io.BytesIO()
        metadata = {**_METADATA, "Description": f"claimkb chart {digest}" if digest else None}
        figure.savefig(output, format="svg", metadata=metadata)
    return output.getvalue()
