"""A chart model as a Vega-Lite specification (JSON), in its wide layout (the phone layout is
written from the same model by `chart_phone`, with the helpers it shares from here).

Everything a reader sees is decided by the model: the domains and ticks of both axes (so that
names could be placed before drawing), tick texts in the build's language, colours and shapes
(scales off: values are drawn as given) and each point's description (its tooltip, `aria-label`
and `<title>`); each point's link to its card is added to the drawing (`chart_drawing`).
Vega-Lite only draws.

The specification is written as plain JSON rather than with Altair's objects: Altair validated,
copied and hashed its schema objects for every encoding and layer, some 70 milliseconds a chart
(six seconds, a tenth of a build of the real site); the JSON is the same grammar, and the Vega-
Lite release that reads it is the one vl-convert bundles (`VEGA_LITE`).
"""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime
from typing import Any

from .chart_labels import LAYOUTS, Layout
from .chart_model import ChartModel, ChartPoint, Panel

#: the Vega-Lite release of vl-convert-python 1.9.0.post1 that draws the specifications
VEGA_LITE = "6.4"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
#: colours of series, by `ChartSeries.colour` (-1: grey); see `chart_build.PALETTE`
GREY = "#7f7f7f"
TEXT = "#333333"
MUTED = "#555555"
GRID = "#e4e4e4"
#: the axes' lines and ticks
DOMAIN = "#999999"
#: the drawing's margin, and the room between panels, in pixels
PADDING = 8
SPACING = 24
#: how the marks are drawn (the phone layout, `chart_phone`, draws them alike): a range's bar,
#: a series' line and a point's outline, (width, opacity); a point's area in square pixels
RULE = (2, 0.6)
LINE = (1.5, 0.55)
POINT_STROKE = 1.8
POINT_SIZE = 64
#: room the value axis takes left of the plot, for the lines of the title and notes
AXIS_ROOM = 70
#: the width of a character of a line of words, as a share of the font's size: generous,
#: for the wider fonts of some systems (DejaVu Sans)
WRAP_WIDTH = 0.6
TITLE_WIDTH = 0.68
#: fonts with the same widths as the one vl-convert measures text with (Liberation Sans is
#: metrically Arial's and Helvetica's), so a page's text takes the room the drawing gave it
FONT = "Liberation Sans, Arimo, Arial, Helvetica, sans-serif"


class Datasets:
    """The rows of a specification's layers, named: they join it as its `datasets`."""

    def __init__(self) -> None:
        self.values: dict[str, list[dict[str, Any]]] = {}

    def named(self, rows: list[dict[str, Any]]) -> dict[str, str]:
        name = f"data-{len(self.values)}"
        self.values[name] = rows
        return {"name": name}


def series_colours(model: ChartModel) -> dict[str, str]:
    """Each series' colour, by its key."""
    from .chart_build import PALETTE

    return {s.key: PALETTE[s.colour] if s.colour >= 0 else GREY for s in model.series}


def spec(model: ChartModel, layout: Layout) -> dict[str, Any]:
    """The Vega-Lite specification of `model` drawn in `layout` (a dict, JSON-ready)."""
    colours = series_colours(model)
    ticks = dict(model.year_ticks)[layout.name]
    height = layout.height if len(model.panels) == 1 else layout.panel_height
    data = Datasets()
    views = [
        _panel(data, model, layout, index, panel, colours, ticks, height)
        for index, panel in enumerate(model.panels)
    ]
    total = layout.width + AXIS_ROOM
    notes = (model.subtitle, *model.notes, *(words for _, words in model.legend))
    title = {
        "text": wrap(model.title, total, layout.title_font, TITLE_WIDTH),
        "subtitle": [line for text in notes for line in wrap(text, total, layout.font)],
        "anchor": "start",
        "fontSize": layout.title_font,
        "subtitleFontSize": layout.font,
        "subtitleColor": MUTED,
        "color": TEXT,
        "offset": 10,
    }
    chart = views[0] if len(views) == 1 else {"vconcat": views, "spacing": SPACING}
    axis = {
        "labelFontSize": layout.font, "titleFontSize": layout.font, "labelColor": TEXT,
        "titleColor": TEXT, "titleFontWeight": "normal", "gridColor": GRID,
        "domainColor": DOMAIN, "tickColor": DOMAIN,
        # Vega describes axes and legends to screen readers in English ("Y-axis titled …"), on
        # French pages too: the figure is named by its title and its caption in the page's
        # language (`chart_html`), each point keeps its own description (and `chart_drawing`
        # drops Vega's "Title text …", which Vega-Lite cannot turn off)
        "aria": False,
    }  # fmt: skip
    return {
        "$schema": SCHEMA,
        **chart,
        "title": title,
        "padding": PADDING,
        "background": "white",
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": axis,
            "legend": {"aria": False},
        },
        "datasets": data.values,
    }


def _panel(
    data: Datasets, model: ChartModel, layout: Layout, index: int, panel: Panel,
    colours: dict[str, str], ticks: tuple[int, ...], height: int,
) -> dict[str, Any]:  # fmt: skip
    x, y = _axes(model, index, panel, ticks, layout, height)
    names = {s.key: s.name for s in model.series}
    rows = point_rows(panel.points, colours, names)
    layers = []
    ranges = [row for row in rows if row["low"] is not None and row["high"] is not None]
    if ranges:
        layers.append({
            "data": data.named(_fields(ranges, RULE_FIELDS)),
            "mark": {"type": "rule", "strokeWidth": RULE[0], "opacity": RULE[1], "aria": False},
            "encoding": {"x": x, "y": {**y, "field": "low"}, "y2": {"field": "high"},
                         "color": _raw("stroke")},
        })  # fmt: skip
    lined = joined_lines(rows)
    if lined:
        encoding = {
            "x": x, "y": y, "detail": {"field": "line", "type": "nominal"},
            "color": _raw("stroke"), "order": {"field": "order", "type": "quantitative"},
            "description": {"field": "line_name", "type": "nominal"},
        }  # fmt: skip
        layers.append({
            "data": data.named(_fields(lined, LINE_FIELDS)),
            "mark": {"type": "line", "strokeWidth": LINE[0], "opacity": LINE[1]},
            "encoding": encoding,
        })  # fmt: skip
    encoding = {
        "x": x, "y": y, "shape": _raw("shape"), "fill": _raw("fill"), "stroke": _raw("stroke"),
        "description": {"field": "description", "type": "nominal"},
    }  # fmt: skip
    layers.append({
        "data": data.named(_fields(rows, POINT_FIELDS)),
        "mark": {"type": "point", "size": POINT_SIZE, "strokeWidth": POINT_STROKE, "opacity": 1},
        "encoding": encoding,
    })  # fmt: skip
    layers += _labels(data, model, layout, index, x, y, colours)
    if model.colour_key and index == 0:
        layers.append(_colour_legend(data, model, layout))
    view: dict[str, Any] = {"layer": layers, "width": layout.width, "height": height}
    if panel.title:
        view["title"] = {
            "text": panel.title,
            "anchor": "start",
            "fontSize": layout.font + 1,
            "aria": False,
        }
    return view


def _axes(
    model: ChartModel, index: int, panel: Panel, ticks: tuple[int, ...], layout: Layout, height: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The time axis (every year of `ticks` labelled, the source under the last panel) and the
    panel's value axis, both with the model's domains and tick texts."""
    x_axis = {
        "values": [_utc(year) for year in ticks],
        "labelExpr": "utcFormat(datum.value, '%Y')",
        "title": model.word("source") if index == len(model.panels) - 1 else None,
        "titleAnchor": "start", "titleColor": MUTED, "labelOverlap": False, "grid": True,
    }  # fmt: skip
    domain = [_utc_day(day) for day in model.x_domain]
    x = {
        "field": "x", "type": "temporal", "axis": x_axis,
        "scale": {"type": "utc", "domain": domain, "nice": False},
    }  # fmt: skip
    axis = panel.axis
    y_axis = {
        "values": [value for value, _text in axis.ticks],
        "labelExpr": _label_expression(axis.ticks),
        "title": wrap(axis.title, height, layout.font),
        "labelOverlap": False,
        "grid": True,
    }
    scale = {"type": "log" if axis.log else "linear", "domain": list(axis.domain),
             "nice": False, "zero": False}  # fmt: skip
    return x, {"field": "y", "type": "quantitative", "scale": scale, "axis": y_axis}


def point_rows(
    points: tuple[ChartPoint, ...], colours: dict[str, str], names: dict[str, str]
) -> list[dict[str, Any]]:
    """A panel's points as the rows a layer draws."""
    return [_row(point, colours, names) for point in points]


def _raw(field: str) -> dict[str, Any]:
    """An encoding whose values are drawn as they are (no scale, no legend)."""
    return {"field": field, "type": "nominal", "scale": None}


def _row(point: ChartPoint, colours: dict[str, str], names: dict[str, str]) -> dict[str, Any]:
    colour = colours[point.series]
    return {
        "x": point.x,
        "y": point.y,
        "low": point.low,
        "high": point.high,
        "series": point.series,
        "shape": point.shape,
        "stroke": colour,
        "fill": "white" if point.forecast else colour,
        "description": point.description,
        "method": point.method,
        "scope": point.scope,
        "mark": point.mark,
        "as_of": point.as_of,
        "name": names[point.series],
    }


#: the fields each layer draws: only they are handed to Vega, which reads every field of every
#: row (each point's series, method and scope group the lines, in `joined_lines`, and end there)
RULE_FIELDS = ("x", "low", "high", "stroke")
LINE_FIELDS = ("x", "y", "stroke", "line", "order", "line_name")
POINT_FIELDS = ("x", "y", "shape", "fill", "stroke", "description")


def _fields(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{field: row[field] for field in fields} for row in rows]


def joined_lines(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A series' values of one method and scope joined in time order, where they are at two
    dates or more (a line across methods or scopes would join figures that do not compare, and
    a bound only is no point of a line)."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if row["mark"] in ("value", "range"):
            groups.setdefault((row["series"], row["method"], row["scope"]), []).append(row)
    lined = []
    for key, group in sorted(groups.items()):
        latest: dict[str, dict[str, Any]] = {}
        for row in sorted(group, key=lambda r: (r["x"], r["as_of"], r["y"])):
            latest[row["x"]] = row  # of two figures at one date, the one stated later
        if len(latest) < 2:
            continue
        for order, row in enumerate(latest.values()):
            lined.append({**row, "line": "|".join(key), "order": order, "line_name": row["name"]})
    return lined


def colour_key(model: ChartModel) -> list[tuple[str, str]]:
    """With more series than colours, a colour is a maker's: each maker's name and colour, and
    the grey of the others when some series have it."""
    from .chart_build import PALETTE

    entries = [(name, PALETTE[colour]) for name, colour in model.colour_key]
    if any(series.colour < 0 for series in model.series):
        entries.append((model.word("others"), GREY))
    return entries


def _colour_legend(data: Datasets, model: ChartModel, layout: Layout) -> dict[str, Any]:
    """The colour key (`colour_key`), under the plot."""
    entries = colour_key(model)
    names = [name for name, _colour in entries]
    colours = [colour for _name, colour in entries]
    legend = {
        "title": model.word("maker"), "orient": "bottom", "direction": "horizontal",
        "columns": 4, "symbolOpacity": 1,
        "symbolType": "circle", "labelFontSize": layout.font, "titleFontSize": layout.font,
        "labelLimit": layout.width // 2,
        # the key's dots as the points are drawn (Vega-Lite gives them the lines' opacity)
        "encode": {"symbols": {"update": {"opacity": {"value": 1}}}},
    }  # fmt: skip
    colour = {"field": "maker", "type": "nominal", "legend": legend,
              "scale": {"domain": names, "range": colours}}  # fmt: skip
    return {
        "data": data.named([{"maker": name} for name in names]),
        "mark": {"type": "point", "size": 0, "filled": True, "opacity": 1, "aria": False},
        "encoding": {"color": colour},
    }


def _labels(
    data: Datasets,
    model: ChartModel,
    layout: Layout,
    index: int,
    x: dict[str, Any],
    y: dict[str, Any],
    colours: dict[str, str],
) -> list[dict[str, Any]]:
    """The series' names of a panel, in one text layer: each name's side of its point (align,
    baseline and offset) is its own datum's."""
    rows = [
        {
            "x": label.x,
            "y": label.y,
            "text": label.text,
            "colour": colours[label.series],
            "align": label.align,
            "baseline": label.baseline,
            "dx": GAPS[label.align] if label.align != "center" else 0,
            "dy": GAPS[label.baseline] if label.baseline != "middle" else 0,
        }
        for label in model.labels
        if label.layout == layout.name and label.panel == index
    ]
    if not rows:
        return []
    mark = {
        "type": "text", "align": {"expr": "datum.align"}, "baseline": {"expr": "datum.baseline"},
        "dx": {"expr": "datum.dx"}, "dy": {"expr": "datum.dy"}, "fontSize": layout.font,
        "fontWeight": "bold",
    }  # fmt: skip
    encoding = {
        "x": x, "y": y, "text": {"field": "text", "type": "nominal"}, "color": _raw("colour"),
        "description": {"field": "text", "type": "nominal"},
    }  # fmt: skip
    return [{"data": data.named(rows), "mark": mark, "encoding": encoding}]


#: pixels between a point and its name, by the name's side of it
GAPS = {"left": 6, "right": -6, "bottom": -6, "top": 6}


def _label_expression(ticks: tuple[tuple[float, str], ...]) -> str:
    """Each tick's text as the model wrote it: `datum.value == 100 ? '100' : ...`."""
    expression = "''"
    for value, text in reversed(ticks):
        expression = f"datum.value == {json.dumps(value)} ? {json.dumps(text)} : {expression}"
    return expression


def _utc(year: int) -> int:
    """1 January of `year`, as Vega reads a date: milliseconds since 1970, UTC."""
    return int(datetime(year, 1, 1, tzinfo=UTC).timestamp() * 1000)


def _utc_day(iso: str) -> int:
    day = datetime.fromisoformat(iso).replace(tzinfo=UTC)
    return int(day.timestamp() * 1000)


def wrap(text: str, width: int, font: int, share: float = WRAP_WIDTH) -> list[str]:
    if not text:
        return []
    return textwrap.wrap(text, max(20, int(width / (font * share))))


__all__ = ["LAYOUTS", "spec"]
