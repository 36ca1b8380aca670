"""The rows of a `claims` table: which claims match its filters, in which order, how many; and
which option names and values exist."""

from __future__ import annotations

import re

from .fields import FILTERS, filter_values
from .periods import sort_key as time_key
from .records import Record

#: options of a `claims` table that are not filters -> what their value must be
TABLE_OPTIONS = {
    "latest": "a whole number greater than 0: only the N claims with the newest as_of",
}
LATEST = "latest"
#: options of a `key-figures` table besides the filters
CLAIMS = "claims"
KEY_FIGURES_OPTIONS = {
    CLAIMS: "claim ids, comma-separated: each one's latest figure, in this order",
}
#: directives that select claims with the filters -> their other options and what each takes
SELECTING = {
    "claims": TABLE_OPTIONS,
    "key-figures": KEY_FIGURES_OPTIONS,
    "claims-pivot": {},
    "latest-figures": TABLE_OPTIONS,
}


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


def _wanted(filters: dict[str, list[str]]) -> list[tuple[str, set[str]]]:
    return [(name, set(values)) for name, values in filters.items() if name in FILTERS]


def selection_filters(options: dict[str, str | None]) -> dict[str, list[str]]:
    """The filters of a `key-figures` or `claims-pivot` table (its other options aside)."""
    return {name: values for name, values in parse_filters(options).items() if name in FILTERS}


def named_claims(options: dict[str, str | None]) -> list[str]:
    """The claim ids of a `key-figures` table's `claims` option, in the order written."""
    return list(dict.fromkeys(parse_filters({CLAIMS: options.get(CLAIMS)})[CLAIMS]))


def _matches(record: Record, wanted: list[tuple[str, set[str]]]) -> bool:
    """Values in one option are alternatives (any of them); options combine (all of them); an
    option matches the values of the fields `core.fields.FILTERS` gives it."""
    return all(set(filter_values(name, record.data)) & values for name, values in wanted)


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
    wanted = _wanted(filters)
    rows = newest_first([record for record in records if _matches(record, wanted)])
    count = latest_count((filters.get(LATEST) or [""])[0])
    return rows[:count] if count is not None else rows


#: the year of the timeline's page for claims without a date
UNDATED = "undated"


def timeline_year(record: Record) -> str:
    """The year a claim stands in on the timeline: its period's, else its as_of's, else
    `undated`."""
    key = time_key(record.data)[0]
    return str(key // 10000) if key else UNDATED
