"""What a chart shows, resolved: its points, series, panels, axes and words, computed from the
knowledge base by `chart_build` and drawn from nothing else (`chart_spec`, `chart_drawing`,
`chart_html`, `chart_files`).

A chart is a view like any other: its model is frozen and its `repr` is its digest, so a page
is rewritten, and its chart's files written again, exactly when something the chart shows
changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from .claims_table import TableModel


@dataclass(frozen=True)
class ChartPoint:
    """One figure as a chart draws it, and everything its tooltip and its row of data say."""

    claim_id: str
    #: the key of its series (its first subject's id)
    series: str
    #: where it is drawn: the middle of its period, else its as_of (ISO date)
    x: str
    #: when it was stated (ISO date): of two figures at one place, a line joins the later
    as_of: str
    #: the value drawn, in the axis' unit (constant dollars for money, divided by the scale)
    y: float
    #: a range or a bound, drawn as a bar from `low` to `high` (None: open on that side)
    low: float | None
    high: float | None
    #: "value", "range" (low to high, drawn at their middle), "at-least", "at-most"
    mark: str
    #: its method's shape, or a triangle for a bound only
    shape: str
    forecast: bool
    method: str
    #: the figure as its card writes it ("$852B", "at least $1B")
    value_text: str
    #: the figure as drawn when that differs ("≈ $870B in 2025 dollars"), else ""
    drawn_text: str
    period_text: str
    claimant: str
    scope: str
    source: str
    source_url: str
    #: the card's address from the chart's folder (`_charts/<path>/`), where its drawings are
    href: str
    #: the one-line description a tooltip, a screen reader and the SVG's <title> give
    description: str


@dataclass(frozen=True)
class ChartSeries:
    """One subject: its name on the chart and its colour (a palette index, or -1: grey)."""

    key: str
    name: str
    colour: int
    #: whether its name is written on the chart, per layout ("wide", "narrow")
    labelled: tuple[str, ...] = ()


@dataclass(frozen=True)
class Label:
    """A series' name written on the chart near one of its points, in one layout."""

    layout: str
    series: str
    text: str
    #: where its anchor is, in data coordinates of its panel (ISO date, axis value)
    x: str
    y: float
    align: str
    baseline: str
    panel: int


@dataclass(frozen=True)
class Axis:
    """The value axis of a panel: its words, its scale and its ticks, already written."""

    title: str
    log: bool
    domain: tuple[float, float]
    ticks: tuple[tuple[float, str], ...]


@dataclass(frozen=True)
class Panel:
    """Figures of one period length (years, quarters, ...) on one axis."""

    title: str
    points: tuple[ChartPoint, ...]
    axis: Axis


@dataclass(frozen=True)
class LeftOut:
    """Figures of the selection the chart does not draw, and why (the table lists them)."""

    claim_ids: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class ChartModel:
    """A chart of figures of one metric over time, or, for one or two figures, a small table."""

    #: the chart's folder under `_charts/`, and the anchor of its figure on its page
    path: str
    element_id: str
    docname: str
    title: str
    subtitle: str
    series: tuple[ChartSeries, ...]
    panels: tuple[Panel, ...]
    labels: tuple[Label, ...]
    #: the time axis: first and last year of the figures, the dates at its ends (a little
    #: before the first year and after the last, so no point sits on an edge), the years
    #: labelled per layout
    years: tuple[int, int]
    x_domain: tuple[str, str]
    year_ticks: tuple[tuple[str, tuple[int, ...]], ...]
    #: sentences under the title: what is not drawn and why, which dollars
    notes: tuple[str, ...]
    #: sentences under the drawing, in the page: what each series counts when scopes differ
    details: tuple[str, ...]
    left_out: tuple[LeftOut, ...]
    #: how marks are read: (shape or style, words), only those the chart uses
    legend: tuple[tuple[str, str], ...]
    #: maker name -> colour, when colours are makers' rather than series'
    colour_key: tuple[tuple[str, int], ...]
    table: TableModel
    #: the rows of its data file, and the words of the files and controls
    data: tuple[tuple[str, ...], ...]
    words: tuple[tuple[str, str], ...]
    #: the page's address from the site's root; the chart's files (kind, address from the page)
    page_uri: str
    files: tuple[tuple[str, str], ...]
    language: str
    #: figures in the selection; a selection of one or two figures is shown as a table only
    count: int
    table_only: bool

    @property
    def points(self) -> tuple[ChartPoint, ...]:
        return tuple(point for panel in self.panels for point in panel.points)

    def word(self, key: str) -> str:
        return dict(self.words)[key]

    def render(self) -> nodes.container:
        from .chart_html import render_chart

        return render_chart(self)
