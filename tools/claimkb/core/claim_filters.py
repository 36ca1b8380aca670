"""The filters of a `claims` table: which claims match, and which option names and values exist."""

from __future__ import annotations

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


def parse_filters(options: dict[str, str | None]) -> dict[str, list[str]]:
    """Option texts as lists of alternatives: `deepseek, deepseek-v3` -> two values."""
    return {
        name: [value.strip() for value in (raw or "").split(",") if value.strip()]
        for name, raw in options.items()
    }


def table_filters(options: dict[str, str | None]) -> dict[str, list[str]]:
    """What a `claims` table matches claims with: the values of its known filter options."""
    return {name: values for name, values in parse_filters(options).items() if name in FILTERS}


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
    return all(set(field_values(record, name)) & set(wanted) for name, wanted in filters.items())
