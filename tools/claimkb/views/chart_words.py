"""What a chart says in words, in the build's language: each point's description (its tooltip),
the notes under its title (what is not drawn and why, which dollars), how its marks are read,
and the words of its controls and files."""

from __future__ import annotations

from collections import defaultdict

from ..core.language import N_
from ..core.money import CPI_NAME
from ..core.periods import date_words, period_words
from ..core.records import Record
from .chart_points import Figure
from .i18n import _, labelled

#: a period class -> the title of its panel
PANEL_TITLES = {
    "moment": N_("Figures at a date or over a month"),
    "quarter": N_("Figures over a quarter"),
    "half": N_("Figures over a half-year"),
    "year": N_("Figures over a year"),
}
#: why figures of another period length are not on the chart's axis
OTHER_LENGTH = N_("over another length of time, which one axis cannot compare")
#: mark -> how the chart draws it, for its legend
MARK_WORDS = {
    "forecast": N_("hollow: a forecast"),
    "range": N_("bar: the range given"),
    "at-least": N_("triangle up: at least"),
    "at-most": N_("triangle down: at most"),
}
#: the shapes of methods, in the order methods are given them (bounds take triangles)
SHAPES = ("circle", "square", "diamond", "cross")
SHAPE_WORDS = {
    "circle": N_("circle"),
    "square": N_("square"),
    "diamond": N_("diamond"),
    "cross": N_("cross"),
}
#: the words of a chart's controls and files, translated once per chart
CONTROL_WORDS = {
    "chart": N_("Chart"),
    "table": N_("Table"),
    "download": N_("Download"),
    "csv": N_("Data (CSV)"),
    "datapackage": N_("Metadata (JSON)"),
    "svg": N_("Image (SVG)"),
    "png": N_("Image (PNG)"),
    "link": N_("Link to this chart"),
    "embed": N_("Embed"),
    "embed_hint": N_("Copy this code to show the chart on another site:"),
    "hint": N_("Hover over or tap a point for what it is; tap a name to pick out its series."),
    "source": N_("Source: The AI Cost Ledger"),
    "all": N_("Show every series"),
    "maker": N_("Colour: who made it"),
    "others": N_("others"),
}


def panel_title(period_class: str) -> str:
    if period_class in PANEL_TITLES:
        return _(PANEL_TITLES[period_class])
    years = period_class.split("-")[0]
    return _("Figures over %(years)s years") % {"years": years}


def when_text(record: Record, forecast: bool) -> str:
    """The period a figure is about (`Jul 2024 – Jun 2025`, `2026, forecast`), else the day it
    was stated (`28 May 2026`)."""
    period = record.get("period")
    if isinstance(period, str):
        text = period_words(period)
        return _("%(period)s, forecast") % {"period": text} if forecast else text
    as_of = record.get("as_of")
    return date_words(as_of) if isinstance(as_of, str) else ""


def description(
    series: str, value: str, drawn: str, when: str, claimant: str, method: str, source: str
) -> str:
    """`OpenAI: $852B · 31 Mar 2026 · said by OpenAI (Company announcement) · source: …`."""
    parts = [_("%(series)s: %(value)s") % {"series": series, "value": value}]
    if drawn:
        parts[0] += f" ({drawn})"
    said = _("said by %(who)s") % {"who": claimant} + (f" ({method})" if method else "")
    parts += [when, said, _("source: %(source)s") % {"source": source} if source else ""]
    return " · ".join(part for part in parts if part)


def dollars_notes(figures: list[Figure], base_year: int | None) -> list[str]:
    """`2026 figures in 2025 dollars: CPI for 2026 not yet published`, once per such year."""
    years = sorted({f.dollars_year for f in figures if f.stand_in is not None and f.dollars_year})
    notes = []
    for year in years:
        stand_in = next(f.stand_in for f in figures if f.dollars_year == year and f.stand_in)
        words = _("%(year)s figures in %(latest)s dollars: CPI for %(year)s not yet published")
        notes.append(words % {"year": year, "latest": stand_in})
    return notes


def axis_dollars(base_year: int | None) -> str:
    return _("%(year)s dollars, %(cpi)s") % {"year": base_year, "cpi": CPI_NAME}


def left_out_notes(left_out: dict[str, list[str]]) -> list[str]:
    """`Not drawn: 1 figure, retracted (the table lists it).`, once per reason."""
    return [
        _("Not drawn: %(count)s figure(s), %(why)s (the table lists them).")
        % {"count": len(ids), "why": _(why)}
        for why, ids in left_out.items()
    ]


def legend_lines(
    marks: set[str], forecast: bool, methods: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(key, words) of how the chart's marks are read: only what it draws."""
    lines = []
    if len(methods) > 1:
        shapes = "; ".join(
            _("%(shape)s, %(method)s") % {"shape": _(SHAPE_WORDS[shape]), "method": method}
            for method, shape in methods
        )
        lines.append(("methods", _("Methods: %(shapes)s.") % {"shapes": shapes}))
    used = [m for m in MARK_WORDS if m in marks or (m == "forecast" and forecast)]
    if used:
        words = " · ".join(_(MARK_WORDS[mark]) for mark in used)
        lines.append(("marks", words[:1].upper() + words[1:] + "."))
    return lines


def scopes_note(scopes: dict[str, set[str]], names: dict[str, str]) -> str:
    """When a chart draws several scopes: which scope each series' figures count."""
    if len({s for found in scopes.values() for s in found}) <= 1:
        return ""
    parts = defaultdict(list)
    for series, found in sorted(scopes.items(), key=lambda item: names[item[0]].lower()):
        parts[" / ".join(sorted(found))].append(names[series])
    listed = "; ".join(labelled(", ".join(who), scope) for scope, who in parts.items())
    return _("What each counts: %(scopes)s.") % {"scopes": listed}


def control_words() -> tuple[tuple[str, str], ...]:
    return tuple((key, _(words)) for key, words in CONTROL_WORDS.items())
