"""A chart's data to take away: a CSV of exactly its selection (each figure as stated and as
drawn, with its constant-dollar basis, source and card) and a Frictionless data package that
describes it (`schema/chart-datapackage.schema.json`). Same model, same bytes."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from ..core.money import CPI_NAME, CPI_SERIES
from ..core.records import Record, is_number
from .chart_points import Figure
from .exports import neutralise
from .i18n import _
from .links import web_url

if TYPE_CHECKING:
    from .chart_build import ChartRequest
    from .chart_model import ChartModel
    from .generated_pages import PageParts

#: the CSV's columns: (name, Table Schema type, description)
COLUMNS = (
    ("claim_id", "string", "The claim's id in the ledger."),
    ("subject", "string", "Who or what the figure is about (its series on the chart)."),
    ("value", "number", "The value as stated, in the unit (empty for a bound only)."),
    ("low", "number", "The lower bound as stated, if any."),
    ("high", "number", "The upper bound as stated, if any."),
    ("unit", "string", "The unit of value, low and high."),
    ("value_text", "string", "The figure as the site writes it."),
    ("period", "string", "The period the figure is about (ISO 8601), if it has one."),
    ("as_of", "string", "When it was stated (ISO 8601)."),
    ("drawn", "boolean", "Whether the chart draws it."),
    ("not_drawn_because", "string", "Why the chart does not draw it, when it does not."),
    ("drawn_at", "date", "Where the chart places it: the middle of its period, else as_of."),
    ("drawn_value", "number", "The number drawn, in the drawn unit (a range: its middle)."),
    ("drawn_unit", "string", "The unit of drawn_value: for money, dollars of the base year."),
    ("dollars_basis", "string", "How money was brought to the base year's dollars."),
    ("method", "string", "How the figure was obtained."),
    ("scope", "string", "What the figure counts."),
    ("claimant", "string", "Who says so."),
    ("source_title", "string", "The publication the claim cites."),
    ("source_url", "string", "Its address."),
    ("card_url", "string", "The claim's card on the site, from the site's root."),
)
DATA_FILE = "data.csv"
PACKAGE_FILE = "datapackage.json"


def data_rows(
    parts: PageParts,
    request: ChartRequest,
    drawn: dict[str, Figure],
    left_out: dict[str, list[str]],
    money: bool,
) -> tuple[tuple[str, ...], ...]:
    """One row per claim of the selection, in the table's order, as CSV text cells."""
    why = {claim_id: _(reason) for reason, ids in left_out.items() for claim_id in ids}
    unit = parts.registry.unit_of(request.metric)
    base = parts.kb.base_year
    drawn_unit = f"{unit} ({base} dollars, {CPI_NAME})" if money else unit
    rows = []
    for record in request.records:
        figure = drawn.get(record.id) if record.id not in why else None
        rows.append(_row(parts, record, figure, why.get(record.id, ""), unit, drawn_unit, base))
    return tuple(rows)


def _row(
    parts: PageParts,
    record: Record,
    figure: Figure | None,
    why: str,
    unit: str,
    drawn_unit: str,
    base: int | None,
) -> tuple[str, ...]:
    names, kb = parts.names, parts.kb
    source = names.sources.get(record.get("source", ""))
    doc, anchor, _tooltip = names.home("claim", record.id)
    card = f"{kb.page_uri(doc)}#{anchor}" if doc and kb.html else ""
    subjects = record.get("subject") or []
    basis = ""
    if figure is not None and figure.dollars_year is not None:
        basis = _basis(figure, base)
    cells = {
        "claim_id": record.id,
        "subject": names.name_of("entity", subjects[0]) if subjects else "",
        "value": _number(record.get("value")),
        "low": _number(record.get("low")),
        "high": _number(record.get("high")),
        "unit": unit,
        "value_text": names.value_of(record),
        "period": record.get("period") or "",
        "as_of": record.get("as_of") or "",
        "drawn": "true" if figure is not None else "false",
        "not_drawn_because": why,
        "drawn_at": figure.when.isoformat() if figure is not None else "",
        "drawn_value": _number(figure.value) if figure is not None else "",
        "drawn_unit": drawn_unit if figure is not None else "",
        "dollars_basis": basis,
        "method": names.name_of("method", record.get("method", "")),
        "scope": names.name_of("scope", record.get("scope", "")),
        "claimant": names.name_of("entity", record.get("claimant", "")),
        "source_title": source.get("title", "") if source else "",
        "source_url": (web_url(source.get("url")) or "") if source else "",
        "card_url": card,
    }
    return tuple(cells[name] for name, _type, _words in COLUMNS)


def _basis(figure: Figure, base: int | None) -> str:
    if figure.stand_in is not None:
        return (
            f"{figure.dollars_year} dollars taken as {figure.stand_in} dollars "
            f"({CPI_NAME} for {figure.dollars_year} not yet published), in {base} dollars"
        )
    if figure.dollars_year == base:
        return f"{base} dollars"
    return f"{figure.dollars_year} dollars converted to {base} dollars with the {CPI_NAME}"


def _number(value: Any) -> str:
    if not is_number(value):
        return ""
    return repr(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def chart_csv(model: ChartModel) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _type, _words in COLUMNS])
    numeric = {i for i, (_n, kind, _w) in enumerate(COLUMNS) if kind == "number"}
    for row in model.data:
        writer.writerow([cell if i in numeric else neutralise(cell) for i, cell in enumerate(row)])
    return out.getvalue()


def chart_package(model: ChartModel, files: dict[str, str]) -> str:
    """The Frictionless data package of the chart's CSV: its fields, sources and licence."""
    sources = sorted(
        {(row[18], row[19]) for row in model.data if row[19]}, key=lambda s: (s[1], s[0])
    )
    package = {
        "profile": "tabular-data-package",
        "name": model.path.replace("/", "-").replace("_", "-").lower(),
        "title": model.title,
        "description": " ".join((model.subtitle, *model.notes)).strip(),
        "homepage": model.page_uri + "#" + model.element_id,
        "sources": [{"title": title, "path": url} for title, url in sources],
        "x_claimkb": {
            "points": sum(1 for row in model.data if row[9] == "true"),
            "figures": len(model.data),
            "cpi_series": CPI_SERIES,
            "files": files,
            "language": model.language,
        },
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "data",
                "path": DATA_FILE,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": words}
                        for name, kind, words in COLUMNS
                    ],
                    "primaryKey": "claim_id",
                },
            }
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
