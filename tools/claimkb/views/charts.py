"""The chart of a `claim-chart` block: the claims its filters select, as a `claims` table with
the same filters lists them (`views.selections.table_rows`), drawn by `chart_build`."""

from __future__ import annotations

from .chart_build import ChartRequest, build_chart
from .chart_model import ChartModel
from .generated_pages import PageParts
from .selections import table_rows


def chart_path(docname: str, chart_id: str) -> str:
    """The chart's folder below `_charts/`: its page's name and its id."""
    return f"{docname}--{chart_id}"


def block_chart(
    parts: PageParts, docname: str, chart_id: str, filters: dict[str, list[str]], title: str
) -> ChartModel | None:
    metrics = filters.get("metric") or []
    if len(metrics) != 1:
        return None  # reported, located, by `core.page_directives.check_chart`
    records = table_rows(parts.kb, filters)
    scopes = filters.get("scope") or []
    default = parts.pair_title(metrics[0], scopes[0]) if len(scopes) == 1 else None
    request = ChartRequest(
        docname=docname,
        path=chart_path(docname, chart_id),
        element_id=f"chart-{chart_id}",
        title=title or default or parts.names.name_of("metric", metrics[0]),
        subtitle=default if title and default else "",
        metric=metrics[0],
        records=tuple(records),
    )
    return build_chart(parts, request)
