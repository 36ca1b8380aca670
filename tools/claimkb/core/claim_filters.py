"""The rows of a `claims` table: which claims match its filters, in which order, how many; and
which option names and values exist."""

from __future__ import annotations

import re

from .periods import sort_key as time_key
from .periods import try_period
from .records import Record

#: filter option -> the record type its values name (None: a fixed list or free words)
FILTERS = {
    "subject": "entity",
    "claimant": "entity",
    "metric": "metric",
    "scope": "scope",
    "method": "method",
    "kind": None,
    "status": None,
    "tag": None,
    "source": "source",
}
#: options of a `claims` table that are not filters -> what their value must be
TABLE_OPTIONS = {
    "latest": "a whole number greater than 0: only the N claims with the newest as_of",
}
LATEST = "latest"


def parse_filters(options: dict[str, str | None]) -> dict[str, list[str]]:
    """Option texts as lists of alternatives: `deepseek, deepseek-v3` -> two values."""
    return {
        name: [value.strip() for value in (raw or "").split(",") if value.strip()]
        for name, raw in options.items()
    }


def latest_count(raw: str | None) -> int | None:
    """`:latest: 8` -> 8; None when the text is not a whole number greater than 0."""
    text = (raw or "").strip()
    if not re.fullmatch(r"[0-9]{1,9}", text) or int(text) == 0:
        return None
    return int(text)


def table_filters(options: dict[str, str | None]) -> dict[str, list[str]]:
    """What a `claims` table selects claims with: the values of its known filter options, and
    `latest` when its value is valid (`page_directives.check_table_options` reports it if not)."""
    selection = {name: values for name, values in parse_filters(options).items() if name in FILTERS}
    count = latest_count(options.get(LATEST)) if LATEST in options else None
    if count is not None:
        selection[LATEST] = [str(count)]
    return selection


def field_values(record: Record, name: str) -> list[str]:
    """The values a filter option is matched against."""
    if name == "tag":
        return list(record.get("tags") or [])
    if name == "source":
        return [record.get("source", "")] + list(record.get("also") or [])
    if name == "status":
        return [record.get("status", "current")]
    value = record.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def matches(record: Record, filters: dict[str, list[str]]) -> bool:
    """Values in one option are alternatives (any of them); options combine (all of them)."""
    return all(
        set(field_values(record, name)) & set(wanted)
        for name, wanted in filters.items()
        if name in FILTERS
    )


def as_of_key(as_of: str | None) -> int:
    """`2024-12-27` -> 20241227, `2024` -> 20240000: sorts numerically, least precise first."""
    if not as_of:
        return 0
    parts = [int(p) for p in as_of.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def newest_first(records: list[Record]) -> list[Record]:
    """Newest `as_of` first; claims of the same date by id."""
    return sorted(records, key=lambda r: (-as_of_key(r.get("as_of")), r.id))


def select(records: list[Record], filters: dict[str, list[str]]) -> list[Record]:
    """The rows of a `claims` table in the order it shows them: the records that match every
    filter, newest `as_of` first (ties by id), and with `latest: N` only the first N of those."""
    rows = newest_first([record for record in records if matches(record, filters)])
    count = latest_count((filters.get(LATEST) or [""])[0])
    return rows[:count] if count is not None else rows


def period_end_key(record: Record) -> tuple[str, str]:
    """How late a figure is: the end of its period, else its as_of, then its as_of (ISO dates
    sort as text)."""
    span = try_period(record.get("period"))
    as_of = str(record.get("as_of") or "")
    return (span.end.isoformat() if span is not None else as_of, as_of)


def latest_by_period(records: list[Record], count: int | None = None) -> list[Record]:
    """For each subject, the figure with the latest period of each metric and scope (ties: the
    latest as_of, then the id); subjects in order of their latest figure, latest first, and with
    `count` only that many subjects."""
    best: dict[tuple, Record] = {}
    for record in records:
        for subject in record.get("subject") or []:
            key = (subject, record.get("metric"), record.get("scope"))
            found = best.get(key)
            mine = (period_end_key(record), record.id)
            if found is None or mine > (period_end_key(found), found.id):
                best[key] = record
    by_subject: dict[str, list[Record]] = {}
    for (subject, _metric, _scope), record in sorted(best.items()):
        by_subject.setdefault(subject, []).append(record)
    order = sorted(
        by_subject,
        key=lambda s: (max(period_end_key(r) for r in by_subject[s]), s),
        reverse=True,
    )
    chosen = order[:count] if count is not None else order
    return [record for subject in chosen for record in by_subject[subject]]


#: the year of the timeline's page for claims without a date
UNDATED = "undated"


def year_of(record: Record) -> str:
    """The year a claim stands in on the timeline: its period's, else its as_of's, else
    `undated`."""
    key = time_key(record.data)[0]
    return str(key // 10000) if key else UNDATED


def newest_by_subject(records: list[Record], count: int | None = None) -> list[Record]:
    """Each subject's newest figure (the latest as_of, then the latest period, then the id),
    subjects newest first, and with `count` only that many; a figure stands for one subject."""
    best: dict[str, Record] = {}
    for record in records:
        for subject in record.get("subject") or []:
            found = best.get(subject)
            mine = (as_of_key(record.get("as_of")), period_end_key(record), record.id)
            if found is None or mine > (
                as_of_key(found.get("as_of")),
                period_end_key(found),
                found.id,
            ):
                best[subject] = record
    order = sorted(
        best.items(),
        key=lambda item: (as_of_key(item[1].get("as_of")), period_end_key(item[1]), item[0]),
        reverse=True,
    )
    chosen, seen = [], set()
    for _subject, record in order:
        if record.id in seen:
            continue
        seen.add(record.id)
        chosen.append(record)
    return chosen[:count] if count is not None else chosen
