"""A chart's model from its selection of claims: every figure drawn, or named with why not; one
series per subject, named on the chart and in each point's tooltip; one panel per length of
period; axes in readers' units; the table of the same claims.

Both kinds of chart are built here: a metric-and-scope page's (`record_pages.pair_page`) and a
`claim-chart` block's (`views.catalogue`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..core.formatting import format_value
from ..core.language import current_locale
from ..core.records import Record
from .chart_axes import (
    log_ticks,
    log_words,
    nice_ticks,
    scale_of,
    tick_text,
    use_log_scale,
    year_ticks,
)
from .chart_data import data_rows
from .chart_files import CHARTS_DIR, FILES
from .chart_labels import LAYOUTS, place_labels, x_domain
from .chart_model import Axis, ChartModel, ChartPoint, ChartSeries, LeftOut, Panel
from .chart_points import Figure, figure_of
from .chart_words import (
    OTHER_LENGTH,
    SHAPES,
    axis_dollars,
    control_words,
    description,
    dollars_notes,
    left_out_notes,
    legend_lines,
    panel_title,
    scopes_note,
    when_text,
)
from .claims_table import TableModel, light_table, untipped_table
from .generated_pages import PageParts
from .i18n import _
from .kb import KnowledgeBase
from .links import web_url
from .money_view import money_metric

#: colours of series (or of makers, when a chart has more series than colours): dark enough
#: for names written in them on white; beyond them, grey
PALETTE = (
    "#2f6db5", "#c8412b", "#2e8b57", "#b26b00", "#7b4fb0",
    "#8a5a3c", "#c2407f", "#1b7f8c", "#5f6b00",
)  # fmt: skip
GREY = "#7f7f7f"
#: a selection of at most this many figures is shown as a table, not a chart
TABLE_ONLY = 2
#: figures of another period length get their own panel from this many on
PANEL_MINIMUM = 2
CHART_COLUMNS = ("title", "value", "period", "subject", "method", "claimant", "source", "status")


@dataclass(frozen=True)
class ChartRequest:
    """What to chart: the claims (in the table's order) and where the chart is."""

    docname: str
    path: str
    element_id: str
    title: str
    subtitle: str
    metric: str
    records: tuple[Record, ...]


def build_chart(parts: PageParts, request: ChartRequest) -> ChartModel:
    kb = parts.kb
    money = money_metric(parts.registry, request.metric)
    drawn, left_out = _sorted_out(kb, request.records, money)
    groups = _panels(drawn, left_out) if is_amount(parts, request.metric) else [("moment", drawn)]
    groups = [group for group in groups if group[1]]
    series = _series(parts, [f for _, group in groups for f in group])
    names = {s.key: s.name for s in series}
    shapes = dict(_methods(parts, drawn))
    panels = _drawn_panels(parts, request, groups, names, shapes, money)
    years = _years(drawn)
    domain = x_domain(years)
    priority = _priority(panels)
    labels = []
    for layout in LAYOUTS:
        found = [(list(p.points), p.axis) for p in panels]
        labels += place_labels(layout, found, names, priority, domain)
    notes, details = _notes(parts, drawn, left_out, names)
    legend = legend_lines(
        {f.mark for f in drawn}, any(f.forecast for f in drawn), list(shapes.items())
    )
    drawable = kb.html and len(request.records) > TABLE_ONLY
    return ChartModel(
        path=request.path,
        element_id=request.element_id,
        docname=request.docname,
        title=request.title,
        subtitle=request.subtitle,
        series=tuple(series),
        panels=panels,
        labels=tuple(labels),
        years=years,
        x_domain=domain,
        year_ticks=tuple(
            (layout.name, year_ticks(years[0], years[1] + 1, layout.width, layout.font))
            for layout in LAYOUTS
        ),
        notes=notes,
        details=details,
        left_out=tuple(LeftOut(tuple(ids), why) for why, ids in left_out.items()),
        legend=tuple(legend),
        colour_key=_colour_key(parts, series),
        table=chart_table(parts, request.records),
        data=data_rows(parts, request, {f.record.id: f for f in drawn}, left_out, money),
        words=control_words(),
        page_uri=kb.page_uri(request.docname) if kb.html else "",
        files=_files(kb, request) if drawable else (),
        language=str(current_locale() or "en"),
        count=len(request.records),
        table_only=len(request.records) <= TABLE_ONLY,
    )


def _sorted_out(
    kb: KnowledgeBase, records: Sequence[Record], money: bool
) -> tuple[list[Figure], dict[str, list[str]]]:
    """The figures to draw, and the ids of the others by why they are not drawn."""
    drawn: list[Figure] = []
    left_out: dict[str, list[str]] = defaultdict(list)
    for record in records:
        found = figure_of(kb, record, money)
        if isinstance(found, Figure):
            drawn.append(found)
        else:
            left_out[found].append(record.id)
    return drawn, left_out


def _drawn_panels(
    parts: PageParts,
    request: ChartRequest,
    groups: list[tuple[str, list[Figure]]],
    names: dict[str, str],
    shapes: dict[str, str],
    money: bool,
) -> tuple[Panel, ...]:
    unit = parts.registry.unit_of(request.metric)
    values = [v for _, g in groups for f in g for v in (f.value, f.low, f.high) if v is not None]
    factor, unit_words = scale_of(values, unit)
    if money:
        unit_words = f"{unit_words} ({axis_dollars(parts.kb.base_year)})"
    # the drawings are files of the chart's folder, which the page inlines by script: their
    # links are written from there (as from a page `chart` of that folder)
    context = _PointContext(
        parts, f"{CHARTS_DIR}/{request.path}/chart", names, shapes, unit, money, factor
    )
    return tuple(_panel(context, cls, group, unit_words, len(groups) > 1) for cls, group in groups)


def _notes(
    parts: PageParts,
    drawn: list[Figure],
    left_out: dict[str, list[str]],
    names: dict[str, str],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notes under the title, and those under the drawing (what each series counts)."""
    notes = dollars_notes(drawn, parts.kb.base_year) + left_out_notes(left_out)
    scopes: dict[str, set[str]] = defaultdict(set)
    for figure in drawn:
        scope = figure.record.get("scope")
        if isinstance(scope, str) and scope:
            scopes[_series_key(figure.record)].add(parts.names.name_of("scope", scope))
    scope_words = scopes_note(scopes, names)
    if scope_words:
        notes.append(_("Each company counts in its own way: the notes below say how."))
    return tuple(notes), (scope_words,) if scope_words else ()


def _files(kb: KnowledgeBase, request: ChartRequest) -> tuple[tuple[str, str], ...]:
    folder = f"{CHARTS_DIR}/{request.path}"
    return tuple(
        (kind, kb.relative_uri(request.docname, f"{folder}/{name}")) for kind, name in FILES
    )


def is_amount(parts: PageParts, metric: str) -> bool:
    """Whether a metric's figures add up over time (dollars spent, TWh used), so that a
    quarter's and a year's do not compare; a rate or a share (a price per token, a percent) is
    the same over any length of period."""
    record = parts.registry.of_type("metric").get(metric)
    unit = str(record.get("unit", "")) if record is not None else ""
    return "/" not in unit and unit not in ("percent", "dimensionless", "")


def _panels(drawn: list[Figure], left_out: dict[str, list[str]]) -> list[tuple[str, list[Figure]]]:
    """(period class, figures) of each panel. Figures over periods of different lengths (a
    quarter's spending, a year's) get a panel each: the class with the most figures first (ties:
    the longer period), the others with at least `PANEL_MINIMUM` figures, the rest left out.
    Figures at a date (a valuation, a price, a run) share the first panel: only lengths of time
    split a chart."""
    counts = Counter(f.period_class for f in drawn if f.period_class != "moment")
    if len(counts) <= 1:
        return [(next(iter(counts), "moment"), drawn)] if drawn else []
    order = sorted(counts, key=lambda c: (-counts[c], -_length(c), c))
    groups = []
    for index, cls in enumerate(order):
        group = [
            f for f in drawn if f.period_class == cls or (index == 0 and f.period_class == "moment")
        ]
        if index == 0 or len(group) >= PANEL_MINIMUM:
            groups.append((cls, group))
        else:
            left_out[OTHER_LENGTH] += [f.record.id for f in group]
    return groups


def _length(period_class: str) -> int:
    lengths = {"moment": 0, "quarter": 1, "half": 2, "year": 3}
    if period_class in lengths:
        return lengths[period_class]
    return 4 + int(period_class.split("-")[0])


def _series_key(record: Record) -> str:
    subjects = record.get("subject") or []
    return subjects[0] if subjects else ""


def _series(parts: PageParts, figures: list[Figure]) -> list[ChartSeries]:
    keys = sorted({_series_key(f.record) for f in figures})
    named = {key: parts.names.name_of("entity", key) if key else "?" for key in keys}
    ordered = sorted(keys, key=lambda k: (named[k].lower(), k))
    if len(ordered) <= len(PALETTE):
        return [ChartSeries(key, named[key], index) for index, key in enumerate(ordered)]
    makers = _makers(parts, ordered, figures)
    return [ChartSeries(key, named[key], makers.get(_maker(parts, key), -1)) for key in ordered]


def _maker(parts: PageParts, key: str) -> str:
    record = parts.registry.of_type("entity").get(key)
    parent = record.get("parent") if record is not None else None
    return parent or key


def _makers(parts: PageParts, keys: list[str], figures: list[Figure]) -> dict[str, int]:
    """With more series than colours, a colour per maker (the model's parent), the makers with
    the most figures first; the others grey."""
    counts = Counter(_maker(parts, _series_key(f.record)) for f in figures)
    ranked = sorted(counts, key=lambda m: (-counts[m], m))[: len(PALETTE) - 1]
    return {maker: index for index, maker in enumerate(ranked)}


def _colour_key(parts: PageParts, series: list[ChartSeries]) -> tuple[tuple[str, int], ...]:
    if len(series) <= len(PALETTE):
        return ()
    makers = {}
    for item in series:
        if item.colour >= 0:
            makers[parts.names.name_of("entity", _maker(parts, item.key))] = item.colour
    return tuple(sorted(makers.items(), key=lambda m: m[1]))


def _methods(parts: PageParts, drawn: list[Figure]) -> list[tuple[str, str]]:
    """(method name, shape) of each method drawn, the most used first."""
    counts = Counter(f.record.get("method", "") for f in drawn)
    ranked = sorted(counts, key=lambda m: (-counts[m], m))
    return [
        (parts.names.name_of("method", m), SHAPES[i] if i < len(SHAPES) else SHAPES[0])
        for i, m in enumerate(ranked)
    ]


@dataclass(frozen=True)
class _PointContext:
    parts: PageParts
    #: a name in the chart's folder, that links are written from
    drawings: str
    names: dict[str, str]
    shapes: dict[str, str]
    unit: str
    money: bool
    factor: float


def _panel(
    context: _PointContext, cls: str, group: list[Figure], unit_words: str, titled: bool
) -> Panel:
    points = tuple(_point(context, figure) for figure in sorted(group, key=_drawn_order))
    values = [v for p in points for v in (p.y, p.low, p.high) if v is not None]
    if use_log_scale(values):
        low, high, ticks = log_ticks(min(values), max(values))
        title = log_words(unit_words)
    else:
        low, high, ticks = nice_ticks(min(values), max(values))
        title = unit_words
    axis = Axis(title, use_log_scale(values), (low, high), tuple((t, tick_text(t)) for t in ticks))
    return Panel(panel_title(cls) if titled else "", points, axis)


def _drawn_order(figure: Figure) -> tuple[date, str, str]:
    return (figure.when, _series_key(figure.record), figure.record.id)


BOUND_SHAPES = {"at-least": "triangle-up", "at-most": "triangle-down"}


def _point(context: _PointContext, figure: Figure) -> ChartPoint:
    parts, record, factor = context.parts, figure.record, context.factor
    names, kb = parts.names, parts.kb
    key = _series_key(record)
    method = names.name_of("method", record.get("method", ""))
    value_text = names.value_of(record)
    drawn_text = ""
    if context.money and figure.stand_in is None and figure.dollars_year != kb.base_year:
        numbers = {"value": figure.value, "low": figure.low, "high": figure.high}
        if figure.mark != "value":
            numbers["value"] = None
        words = _("≈ %(value)s in %(year)s dollars")
        drawn_text = words % {"value": format_value(numbers, context.unit), "year": kb.base_year}
    when = when_text(record, figure.forecast)
    claimant = names.name_of("entity", record.get("claimant", ""))
    doc, anchor, _tooltip = names.home("claim", record.id)
    href = f"{kb.relative_uri(context.drawings, kb.page_uri(doc))}#{anchor}" if doc else ""
    source = names.sources.get(record.get("source", ""))
    return ChartPoint(
        claim_id=record.id,
        series=key,
        x=figure.when.isoformat(),
        as_of=str(record.get("as_of") or ""),
        y=figure.value / factor,
        low=figure.low / factor if figure.low is not None else None,
        high=figure.high / factor if figure.high is not None else None,
        mark=figure.mark,
        shape=BOUND_SHAPES.get(figure.mark, context.shapes.get(method, "circle")),
        forecast=figure.forecast,
        method=method,
        value_text=value_text,
        drawn_text=drawn_text,
        period_text=when,
        claimant=claimant,
        scope=names.name_of("scope", record.get("scope", "")),
        source=source.get("title", "") if source else "",
        source_url=(web_url(source.get("url")) or "") if source else "",
        href=href,
        description=description(
            context.names.get(key, key),
            value_text,
            drawn_text,
            when,
            claimant,
            method,
            source.get("title", "") if source else "",
        ),  # fmt: skip
    )


def _years(drawn: list[Figure]) -> tuple[int, int]:
    if not drawn:
        return (2000, 2000)
    return (min(f.when.year for f in drawn), max(f.when.year for f in drawn))


def _priority(panels: tuple[Panel, ...]) -> list[str]:
    """Series whose names are written first: the most figures, then the largest."""
    counts: Counter[str] = Counter(p.series for panel in panels for p in panel.points)
    largest: dict[str, float] = {}
    for panel in panels:
        for point in panel.points:
            largest[point.series] = max(largest.get(point.series, point.y), point.y)
    return sorted(counts, key=lambda k: (-counts[k], -largest[k], k))


#: a chart's table of more figures than this is light (`claims_table.light_table`): a metric
#: and scope of hundreds of prices would weigh half a megabyte in links' tooltips alone; a
#: shorter one keeps its links, without their tooltips (`untipped_table`)
LIGHT_ROWS = 40


def chart_table(parts: PageParts, records: tuple[Record, ...]) -> TableModel:
    table = parts.rows.table(list(records), CHART_COLUMNS)
    return light_table(table) if len(records) > LIGHT_ROWS else untipped_table(table)
