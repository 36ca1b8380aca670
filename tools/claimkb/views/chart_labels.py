"""The layouts a chart is drawn in, and where each series' name is written in them.

The axes' domains are computed here, not by Vega, so every point's place in pixels is known
before drawing: names are placed beside a point of their series where they overlap neither
another name nor the plot's edge, the series with the most figures first. A series whose name
finds no room is still named by its points' tooltips.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from .chart_model import Axis, ChartPoint, Label


@dataclass(frozen=True)
class Layout:
    """One size of a chart: the plot's width and a panel's height, in pixels, and its fonts."""

    name: str
    width: int
    #: a panel's height when the chart has one panel, and when it has several
    height: int
    panel_height: int
    font: int
    title_font: int
    #: how many series names it may write at most
    labels: int
    #: characters per line of its title and notes
    line_chars: int


#: the layout written for phones (`chart_phone`); Vega draws the others
PHONE = "narrow"
#: desktop (the page's column is about 740 pixels) and phone (375 pixels less margins)
LAYOUTS = (
    Layout("wide", 600, 300, 210, 12, 16, 12, 92),
    Layout("narrow", 268, 260, 190, 12, 15, 6, 42),
)
#: the width of a character of the chart's sans-serif font, as a share of its size (generous)
CHAR_WIDTH = 0.62
#: pixels between a point and its name
GAP = 6


#: the share of the time axis added before its first year and after its last
X_MARGIN = 0.03


def x_domain(years: tuple[int, int]) -> tuple[str, str]:
    """The dates at the ends of the time axis: the years of the figures, and a margin."""
    start, end = date(years[0], 1, 1), date(years[1] + 1, 1, 1)
    margin = timedelta(days=round((end - start).days * X_MARGIN))
    return (start - margin).isoformat(), (end + margin).isoformat()


def x_pixels(when: str, domain: tuple[str, str], width: int) -> float:
    start, end = date.fromisoformat(domain[0]), date.fromisoformat(domain[1])
    return (date.fromisoformat(when) - start).days / (end - start).days * width


def y_pixels(value: float, axis: Axis, height: int) -> float:
    low, high = axis.domain
    if axis.log:
        if value <= 0:
            return float(height)
        share = (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))
    else:
        share = (value - low) / (high - low) if high != low else 0.5
    return height - share * height


#: (align, baseline, dx, dy) of a name around its point, tried in this order
PLACES = (
    ("left", "middle", GAP, 0),
    ("right", "middle", -GAP, 0),
    ("center", "bottom", 0, -GAP),
    ("center", "top", 0, GAP),
)


def place_labels(
    layout: Layout,
    panels: list[tuple[list[ChartPoint], Axis]],
    names: dict[str, str],
    priority: list[str],
    domain: tuple[str, str],
) -> list[Label]:
    """The names written in `layout`: in each panel, each series (in `priority` order) near its
    latest point there, where the name fits."""
    height = layout.height if len(panels) == 1 else layout.panel_height
    taken: list[tuple[int, tuple[float, float, float, float]]] = []
    dots = {
        index: [(x_pixels(p.x, domain, layout.width), y_pixels(p.y, axis, height)) for p in points]
        for index, (points, axis) in enumerate(panels)
    }
    labels: list[Label] = []
    for index, (points, axis) in enumerate(panels):
        for key in priority:
            own = [p for p in points if p.series == key]
            if not own or len(labels) >= layout.labels:
                continue
            point = max(own, key=lambda p: (p.x, p.y))
            px = x_pixels(point.x, domain, layout.width)
            py = y_pixels(point.y, axis, height)
            text = names[key]
            width = len(text) * layout.font * CHAR_WIDTH
            for align, baseline, dx, dy in PLACES:
                box = _box(px + dx, py + dy, width, layout.font, align, baseline)
                if _fits(box, layout.width, height, taken, dots[index], index, (px, py)):
                    taken.append((index, box))
                    labels.append(
                        Label(layout.name, key, text, point.x, point.y, align, baseline, index)
                    )
                    break
    return labels


#: a name's box in pixels: left, top, right, bottom
Box = tuple[float, float, float, float]


def _box(x: float, y: float, width: float, font: int, align: str, baseline: str) -> Box:
    left = x if align == "left" else x - width if align == "right" else x - width / 2
    top = y - font / 2 if baseline == "middle" else y - font if baseline == "bottom" else y
    return (left, top, left + width, top + font)


def _fits(
    box: Box,
    width: int,
    height: int,
    taken: list[tuple[int, Box]],
    dots: list[tuple[float, float]],
    panel: int,
    own: tuple[float, float],
) -> bool:
    """Inside the plot, over no other name of its panel and no other point. A name may rise
    half its height above the plot (beside a point on its top edge: the highest figure), into
    the gap above it where nothing is drawn; below, the time axis leaves it no room."""
    left, top, right, bottom = box
    if left < 0 or right > width or top < -(bottom - top) / 2 or bottom > height:
        return False
    for index, (o_left, o_top, o_right, o_bottom) in taken:
        if (
            index == panel
            and left < o_right
            and o_left < right
            and top < o_bottom
            and o_top < bottom
        ):
            return False
    return not any(
        left - 3 < x < right + 3 and top - 3 < y < bottom + 3 for x, y in dots if (x, y) != own
    )
