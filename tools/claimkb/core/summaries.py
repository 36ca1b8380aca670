"""Which figures the summary tables show: a key-figures table (the latest figure of each group)
and a pivot table (subjects by years). No Sphinx here.

A *group* is one figure followed over time: the same subjects, metric, scope and method, the
same length of period (a year's capex is not a quarter's), and whether it is a forecast (guidance
and results are kept apart: a company's plan for a year is not what it then reported). Only
figures with a number, a metric and a scope belong to a group, and only current or disputed ones
are shown as the latest: a superseded or retracted figure is history, which the cards, the pair
pages and the pivot tables keep.

Metrics are listed in the order readers ask for them, declared once in the registry: a metric's
`order` (revenue before valuation before funding...); metrics without one come after, by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .bounds import has_number
from .claim_filters import as_of_key
from .current_status import status_of
from .periods import is_forecast, try_period
from .records import Record
from .registry import Registry

#: statuses a summary shows: a superseded or retracted figure is not the latest word
SHOWN_STATUSES = ("current", "disputed")
#: a period this long or longer (in days) stands for one year in a pivot's column
YEAR_DAYS = (330, 380)

#: lengths of period (in days, first and last included) that make figures of one kind
SPANS = (("day", 1, 1), ("month", 28, 31), ("quarter", 89, 92), ("half", 181, 184))

#: the order of lengths of period in a list: a year's figure before a quarter's
KIND_ORDER = {"year": 0, "": 1, "half": 2, "quarter": 3, "month": 4, "day": 5, "other": 6}


class Group(NamedTuple):
    """One figure followed over time."""

    subjects: tuple[str, ...]
    metric: str
    scope: str
    kind: str
    forecast: bool


def span_kind(record: Record) -> str:
    """What length of time a figure is about: `year` (a calendar or fiscal year), `quarter`,
    `half`, `month`, `day`, `other`; "" without a period (a price, a count stated on a day)."""
    period = try_period(record.get("period"))
    if period is None:
        return ""
    days = (period.end - period.start).days + 1
    if YEAR_DAYS[0] <= days <= YEAR_DAYS[1]:
        return "year"
    return next((name for name, low, high in SPANS if low <= days <= high), "other")


def group_of(record: Record, by_subject: bool = True) -> Group | None:
    """The group of a figure (`by_subject`: its subjects too, as a table of several subjects
    needs; an entity's page groups its figures whoever else they are about); None for a claim
    that is not a figure with a metric and a scope."""
    subjects, metric, scope = record.get("subject"), record.get("metric"), record.get("scope")
    if not (isinstance(metric, str) and isinstance(scope, str) and has_number(record.data)):
        return None
    names = tuple(sorted(s for s in subjects or [] if isinstance(s, str))) if by_subject else ()
    return Group(names, metric, scope, span_kind(record), is_forecast(record.data))


def time_of(record: Record) -> tuple[int, int]:
    """What "latest" means: the end of the period the figure is about (else of its as_of),
    then when it was said."""
    span = try_period(record.get("period")) or try_period(record.get("as_of"))
    end = span.end.toordinal() if span is not None else 0
    return end, as_of_key(record.get("as_of"))


def shown(record: Record, superseded: Mapping[str, object]) -> bool:
    return status_of(record, superseded) in SHOWN_STATUSES


def metric_rank(registry: Registry, metric: str) -> tuple[int, int, str]:
    """Where a metric comes when a page lists several: its declared `order`, then its name."""
    record = registry.of_type("metric").get(metric)
    order = record.get("order") if record is not None else None
    if isinstance(order, int) and not isinstance(order, bool):
        return 0, order, registry.name_of("metric", metric).lower()
    return 1, 0, registry.name_of("metric", metric).lower()


GroupRank = tuple[tuple[int, int, str], tuple[str, ...], str, int, bool]


def group_rank(registry: Registry, key: Group) -> GroupRank:
    """Groups by metric (as readers ask for them), then subjects, scope, longer periods first,
    results before plans."""
    return (
        metric_rank(registry, key.metric),
        tuple(registry.name_of("entity", s).lower() for s in key.subjects),
        registry.name_of("scope", key.scope).lower(),
        KIND_ORDER.get(key.kind, 9),
        key.forecast,
    )


def latest_figures(
    records: Iterable[Record],
    superseded: Mapping[str, object],
    registry: Registry,
    by_subject: bool = True,
) -> list[Record]:
    """The latest shown figure of each group among `records`, groups as readers ask for them
    (`group_rank`).

    An undisputed figure comes before a disputed one, then the latest; on a tie the figure met
    first stays. A forecast is left out when the same figure's latest result is about as late or
    later: the plan for a period that has been reported is no longer news."""
    best: dict[Group, Record] = {}

    def rank(record: Record) -> tuple[bool, tuple[int, int]]:
        return status_of(record, superseded) == "current", time_of(record)

    for record in records:
        key = group_of(record, by_subject)
        if key is None or not shown(record, superseded):
            continue
        if key not in best or rank(record) > rank(best[key]):
            best[key] = record
    result = []
    for key in sorted(best, key=lambda key: group_rank(registry, key)):
        result_of = best.get(key._replace(forecast=False)) if key.forecast else None
        if result_of is not None and time_of(result_of)[0] >= time_of(best[key])[0]:
            continue  # the plan for a period already reported
        result.append(best[key])
    return result


def latest_by_subject(
    records: Iterable[Record],
    superseded: Mapping[str, object],
    registry: Registry,
    count: int | None = None,
) -> list[Record]:
    """The latest figures (`latest_figures`, the selection key-figures tables make) by subject,
    one per metric and scope: the one about the latest period (a year's result over its first
    half's, a forecast for next year over this year's result); the subjects whose latest figure
    is the latest first, each with its figures in the order readers ask for them, and with
    `count` only that many subjects (the landing page's strip)."""
    latest: dict[tuple[tuple[str, ...], str, str], Record] = {}
    for record in latest_figures(records, superseded, registry):
        key = group_of(record)
        if key is None:
            continue
        pair = (key.subjects, key.metric, key.scope)
        if pair not in latest or time_of(record) > time_of(latest[pair]):
            latest[pair] = record
    by_subjects: dict[tuple[str, ...], list[Record]] = {}
    for (subjects, _metric, _scope), record in latest.items():
        by_subjects.setdefault(subjects, []).append(record)
    order = sorted(
        by_subjects,
        key=lambda subjects: (max(time_of(r) for r in by_subjects[subjects]), subjects),
        reverse=True,
    )
    return [record for subjects in order[:count] for record in by_subjects[subjects]]


def newest_by_subject(
    records: Iterable[Record], superseded: Mapping[str, object], count: int | None = None
) -> list[Record]:
    """Each subject's newest shown figure (the latest stated, then the latest period, then the
    id), subjects newest first, and with `count` only that many; a figure stands for its first
    subject, the one its line names."""
    best: dict[str, Record] = {}

    def rank(record: Record) -> tuple[int, tuple[int, int], str]:
        return as_of_key(record.get("as_of")), time_of(record), record.id

    for record in records:
        if not shown(record, superseded):
            continue
        subject = next(iter(record.get("subject") or []), None)
        if isinstance(subject, str) and (subject not in best or rank(record) > rank(best[subject])):
            best[subject] = record
    order = sorted(best.items(), key=lambda item: (rank(item[1]), item[0]), reverse=True)
    chosen = list({record.id: record for _subject, record in order}.values())
    return chosen[:count]


def latest_of(
    claim: Record, superseded: Mapping[str, list[str]], claims: Mapping[str, Record]
) -> Record:
    """A claim, or the latest of the claims that replace it (and replace those in turn)."""
    seen = {claim.id}
    current = claim
    while True:
        later = [
            claims[rid]
            for rid in superseded.get(current.id, [])
            if rid in claims and rid not in seen
        ]
        if not later:
            return current
        current = max(later, key=lambda r: (time_of(r), r.id))
        seen.add(current.id)


def year_of(record: Record) -> int | None:
    """The year a pivot's column puts a figure in: the year its period ends, for a period of
    about one year (a calendar or fiscal year); the year it was stated, without a period; None
    for a shorter or longer period (a quarter, a decade)."""
    period = try_period(record.get("period"))
    if period is not None:
        days = (period.end - period.start).days + 1
        return period.end.year if YEAR_DAYS[0] <= days <= YEAR_DAYS[1] else None
    as_of = try_period(record.get("as_of"))
    return as_of.end.year if as_of is not None else None


@dataclass
class PivotRow:
    key: Group
    #: year -> the row's figures of that year, latest first
    cells: dict[int, list[Record]] = field(default_factory=dict)


@dataclass
class Pivot:
    """Rows of figures (one per group) by columns of years; what fits no year is `left_out`."""

    years: list[int]
    rows: list[PivotRow]
    left_out: list[Record]


def pivot(
    records: Iterable[Record],
    superseded: Mapping[str, object],
    registry: Registry,
    subject_order: list[str] | None = None,
) -> Pivot:
    """The figures among `records` by group (rows) and year (columns). A price superseded by a
    later one stays: a pivot is a history, the latest figure of each year in its cell. Rows come
    in `subject_order` (the order a page names its subjects), else as readers ask for them."""
    rows: dict[Group, PivotRow] = {}
    left_out = []
    for record in records:
        key = group_of(record)
        if key is None or record.get("status") == "retracted":
            continue
        year = year_of(record)
        if year is None:
            left_out.append(record)
            continue
        rows.setdefault(key, PivotRow(key)).cells.setdefault(year, []).append(record)
    for row in rows.values():
        for cell in row.cells.values():
            cell.sort(key=lambda r: (as_of_key(r.get("as_of")), time_of(r)), reverse=True)
    order = {subject: index for index, subject in enumerate(subject_order or [])}

    def rank(key: Group) -> tuple[int, GroupRank]:
        first = min((order.get(s, len(order)) for s in key.subjects), default=len(order))
        return first, group_rank(registry, key)

    years = sorted({year for row in rows.values() for year in row.cells})
    ordered = [rows[key] for key in sorted(rows, key=rank)]
    return Pivot(years, ordered, sorted(left_out, key=time_of))
