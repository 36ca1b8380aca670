"""A chart's phone layout, written as SVG from its model.

Vega draws a chart's wide layout: the page on a computer, the SVG and PNG a reader downloads,
the embed page. The phone layout shows the same points, series names and ticks in 268 pixels,
and every pixel of it is already decided by the model (`chart_labels`: the domains, the ticks,
where each name goes), so it is written here, in Vega's own conventions (the same symbols,
colours, fonts and axis geometry, the same classes for the page's script and styles). Vega took
35 to 40 ms of CPU to draw one, 1.4 s of a build of the real site, whose charts must stay within
a tenth of it (issue #23); this takes well under a millisecond.

What it writes is what `chart_drawing.readable` makes of Vega's drawing for a phone: each point
with its series and index (`data-series`, `data-i`; the page's script takes its words from the
wide drawing's twin), each line and name with its series, no words of its own for screen
readers (the figure is named by the page).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

from .chart_labels import Layout, x_pixels, y_pixels
from .chart_model import ChartModel, Panel
from .chart_spec import (
    DOMAIN,
    FONT,
    GAPS,
    GRID,
    LINE,
    MUTED,
    PADDING,
    POINT_STROKE,
    RULE,
    SPACING,
    TEXT,
    colour_key,
    joined_lines,
    point_rows,
    series_colours,
    wrap,
)

#: Vega's symbols of `size` 64 (`chart_spec.POINT_SIZE`: an 8-pixel square), by shape, as Vega
#: writes their paths
SYMBOLS = {
    "circle": "M4,0A4,4,0,1,1,-4,0A4,4,0,1,1,4,0",
    "square": "M-4,-4h8v8h-8Z",
    "diamond": "M-4,0L0,-4L4,0L0,4Z",
    "triangle-up": "M0,-3.46L-4,3.46L4,3.46Z",
    "triangle-down": "M0,3.46L-4,-3.46L4,-3.46Z",
    "cross": "M-4,-1.6L-4,1.6L-1.6,1.6L-1.6,4L1.6,4L1.6,1.6L4,1.6L4,-1.6L1.6,-1.6L1.6,-4L-1.6,-4"
    "L-1.6,-1.6Z",
}
#: an axis' ticks, the gap to their labels, and the room its title keeps from the labels
TICK = 5
LABEL_GAP = 2
TITLE_GAP = 4
#: the widths of Liberation Sans' characters (Arial's metrics), as a share of the font's size;
#: any other character is taken as wide as a capital letter
WIDTHS = {
    **dict.fromkeys("0123456789$€£¥_", 0.556), **dict.fromkeys(",.:;'!|ijl ", 0.278),
    **dict.fromkeys("ftI\u00a0()[]-/", 0.333), "\u202f": 0.2, "%": 0.889, "m": 0.833,
    "w": 0.722, "r": 0.333, **dict.fromkeys("abcdeghknopqsuvxyz", 0.556),
}  # fmt: skip
#: where Vega puts a text's baseline, as a share of its size below the anchor, by baseline
BASELINES = {"top": 0.79, "middle": 0.3, "bottom": -0.21, "alphabetic": 0.0}
ANCHORS = {"left": "start", "right": "end", "center": "middle"}


@dataclass(frozen=True)
class _Frame:
    """What every panel of the drawing shares."""

    model: ChartModel
    layout: Layout
    colours: dict[str, str]
    #: a plot's height in pixels
    height: int

    def x(self, when: str) -> float:
        return x_pixels(when, self.model.x_domain, self.layout.width)


def text_width(text: str, size: float) -> float:
    return sum(WIDTHS.get(character, 0.667) for character in text) * size


def phone_svg(model: ChartModel, layout: Layout) -> str:
    """The chart drawn in `layout` (the narrow one): the SVG a page shows on a phone."""
    plot_height = layout.height if len(model.panels) == 1 else layout.panel_height
    frame = _Frame(model, layout, series_colours(model), plot_height)
    titles = [wrap(panel.axis.title, plot_height, layout.font) for panel in model.panels]
    left = PADDING + max(
        (len(lines) * layout.font + TITLE_GAP + _widest_tick(panel, layout) + TICK + LABEL_GAP
         for panel, lines in zip(model.panels, titles, strict=True)),
        default=0,  # no panel: every figure is one the chart says it does not draw
    )  # fmt: skip
    parts: list[str] = []
    # half a line above the plot, where its highest tick text rises
    top: float = PADDING + layout.font / 2
    offset = 0
    for index, panel in enumerate(model.panels):
        if panel.title:
            top += layout.font + 5
            # from the drawing's left edge, as Vega anchors a view's title at its axis' start
            parts.append(_text(panel.title, PADDING - left, top - 5 - layout.font * 0.21,
                               layout.font + 1, TEXT, weight="bold"))  # fmt: skip
        last = index == len(model.panels) - 1
        parts.append(f'<g transform="translate(0,{_n(top)})">')
        parts += _panel(frame, index, titles[index], offset, last)
        parts.append("</g>")
        offset += len(panel.points)
        top += plot_height + TICK + LABEL_GAP + layout.font + (layout.font + 3 if last else 0)
        top += SPACING if not last else 4
    if model.colour_key:
        top += layout.font
        legend, room = _colour_key(model, layout, top)
        parts += legend
        top += room
    width = math.ceil(left + layout.width + PADDING + layout.font)
    height = math.ceil(top + PADDING)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" class="marks claimkb-chart-svg claimkb-chart-{layout.name}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="white"/>'
        f'<g fill="none" stroke-miterlimit="10" font-family="{FONT}" '
        f'transform="translate({_n(left)},0)">{"".join(parts)}</g></svg>'
    )


def _widest_tick(panel: Panel, layout: Layout) -> float:
    return max((text_width(text, layout.font) for _value, text in panel.axis.ticks), default=0)


def _panel(frame: _Frame, index: int, title: list[str], offset: int, last: bool) -> Iterator[str]:
    """A panel's grid, axes and marks, from its plot's top left corner."""
    model, layout, height = frame.model, frame.layout, frame.height
    panel = model.panels[index]
    width = layout.width
    years = dict(model.year_ticks)[layout.name]
    xs = [frame.x(f"{year}-01-01") for year in years]
    ys = [(y_pixels(value, panel.axis, height), text) for value, text in panel.axis.ticks]
    yield '<g class="mark-rule role-axis-grid">'
    yield from (_line(x, 0, x, height, GRID) for x in xs)
    yield from (_line(0, y, width, y, GRID) for y, _text in ys)
    yield '</g><g class="mark-rule role-axis-tick">'
    yield from (_line(x, height, x, height + TICK, DOMAIN) for x in xs)
    yield from (_line(0, y, -TICK, y, DOMAIN) for y, _text in ys)
    yield '</g><g class="mark-text role-axis-label">'
    baseline = height + TICK + LABEL_GAP + layout.font * 0.79
    yield from (_text(str(year), x, baseline, layout.font, TEXT, anchor="middle")
                for x, year in zip(xs, years, strict=True))  # fmt: skip
    yield from (_text(text, -TICK - LABEL_GAP, y + layout.font * 0.3, layout.font, TEXT,
                      anchor="end") for y, text in ys)  # fmt: skip
    yield '</g><g class="mark-rule role-axis-domain">'
    yield _line(0, height, width, height, DOMAIN) + _line(0, 0, 0, height, DOMAIN)
    yield '</g><g class="mark-text role-axis-title">'
    widest = _widest_tick(panel, layout)
    for number, line in enumerate(title):
        # turned a quarter left, from the top (the title's end, as the specification anchors it)
        x = -(TICK + LABEL_GAP + widest + TITLE_GAP) - (len(title) - 1 - number) * layout.font
        x -= layout.font * 0.21
        yield (f'<text text-anchor="end" transform="translate({_n(x)},0) rotate(-90)" '
               f'font-size="{layout.font}px" fill="{TEXT}">{escape(line)}</text>')  # fmt: skip
    if last and model.word("source"):
        below = height + TICK + LABEL_GAP + layout.font * 2 + 3
        yield _text(model.word("source"), 0, below, layout.font, MUTED, anchor="start")
    yield "</g>"
    yield from _marks(frame, index, offset)


def _marks(frame: _Frame, index: int, offset: int) -> Iterator[str]:
    """Ranges, lines, points and names, in the order Vega draws the specification's layers."""
    model, layout, colours = frame.model, frame.layout, frame.colours
    panel = model.panels[index]
    x_of = frame.x

    def y_of(value: float) -> float:
        return y_pixels(value, panel.axis, frame.height)

    names = {s.key: s.name for s in model.series}
    rows = point_rows(panel.points, colours, names)
    for row in rows:
        if row["low"] is not None and row["high"] is not None:
            yield (f'<line x1="{_n(x_of(row["x"]))}" y1="{_n(y_of(row["low"]))}" '
                   f'x2="{_n(x_of(row["x"]))}" y2="{_n(y_of(row["high"]))}" '
                   f'stroke="{row["stroke"]}" stroke-width="{RULE[0]}" '
                   f'opacity="{RULE[1]}"/>')  # fmt: skip
    lines: dict[str, list[dict[str, Any]]] = {}
    for row in joined_lines(rows):
        lines.setdefault(row["line"], []).append(row)
    for joined in lines.values():
        joined.sort(key=lambda row: row["order"])
        path = "L".join(f"{_n(x_of(row['x']))},{_n(y_of(row['y']))}" for row in joined)
        yield (f'<path{_series(joined[0]["series"])} d="M{path}" stroke="{joined[0]["stroke"]}" '
               f'stroke-width="{LINE[0]}" opacity="{LINE[1]}"/>')  # fmt: skip
    for number, row in enumerate(rows):
        yield (f'<path{_series(row["series"])} data-i="{offset + number}" '
               f'transform="translate({_n(x_of(row["x"]))},{_n(y_of(row["y"]))})" '
               f'd="{SYMBOLS.get(row["shape"], SYMBOLS["circle"])}" fill="{row["fill"]}" '
               f'stroke="{row["stroke"]}" stroke-width="{POINT_STROKE}"/>')  # fmt: skip
    for label in model.labels:
        if label.layout != layout.name or label.panel != index:
            continue
        dx = GAPS[label.align] if label.align != "center" else 0
        dy = GAPS[label.baseline] if label.baseline != "middle" else 0
        y = y_of(label.y) + dy + layout.font * BASELINES[label.baseline]
        yield _text(label.text, x_of(label.x) + dx, y, layout.font, colours[label.series],
                    anchor=ANCHORS[label.align], weight="bold", series=label.series)  # fmt: skip


def _colour_key(model: ChartModel, layout: Layout, top: float) -> tuple[list[str], float]:
    """The colour key (`chart_spec.colour_key`), under the plot, two makers a row."""
    entries = colour_key(model)
    line = layout.font + 4
    parts = [_text(model.word("maker"), 0, top + layout.font, layout.font, TEXT, weight="bold")]
    column = layout.width / 2
    for number, (name, colour) in enumerate(entries):
        x = (number % 2) * column
        y = top + line * (1 + number // 2) + layout.font * 0.5
        parts.append(f'<circle cx="{_n(x + 5)}" cy="{_n(y)}" r="4" fill="{colour}"/>')
        parts.append(_text(_cut(name, column - 20, layout.font), x + 14, y + layout.font * 0.3,
                           layout.font, TEXT))  # fmt: skip
    return parts, line * (1 + math.ceil(len(entries) / 2)) + 4


def _cut(text: str, room: float, size: float) -> str:
    """`text`, cut with an ellipsis to fit `room` pixels (as Vega's `labelLimit` does)."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{colour}" stroke-width="1"/>')  # fmt: skip


def _text(
    text: str, x: float, y: float, size: int, colour: str, *, anchor: str = "start",
    weight: str = "", series: str = "",
) -> str:  # fmt: skip
    bold = f' font-weight="{weight}"' if weight else ""
    return (f'<text{_series(series) if series else ""} text-anchor="{anchor}" '
            f'transform="translate({_n(x)},{_n(y)})" font-size="{size}px"{bold} '
            f'fill="{colour}">{escape(text)}</text>')  # fmt: skip


def _series(key: str) -> str:
    return f' data-series="{escape(key)}"'


def _n(number: float) -> str:
    """A coordinate to two decimals, as `chart_drawing` shortens Vega's."""
    return f"{number:.2f}".rstrip("0").rstrip(".") or "0"
