"""What each record field is for, in one place: which records a field names, which claim fields
relate claims (and the words a card shows them under), which fields a `claims` table filters on,
which claim fields the exports carry and in which columns, which changes a reviewer must look at,
and which numbers are written in the unit of the claim's metric.

What a field *is* is said in the schema, next to the field, and read from there
(`schema/*.schema.json`, the schemas this package is written against):

- `x-ref`: the record type a field names (an id, or a list of ids);
- `x-unit: "metric"`: a number in the unit of the claim's metric (`value`, `low`, `high`);
- `x-important: true`: a change the ledger diff flags for a reviewer (`claimkb diff`).

What the code chose (the words relations are shown under, the `claims` table's option names,
the published columns of `claims.csv` and their order) is declared below, once.
`tests/test_fields.py` holds the two together: a claim field neither exported nor listed in
`NOT_EXPORTED`, a relation without words, a filter on a field the schema lacks all fail it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .language import N_
from .records import JSONObject, JSONValue

#: the schemas this package is written against: the repository's `schema/`
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"

# --- declared: what the code chose --------------------------------------------------------------

#: Claim fields by which a claim names other claims (`x-ref: claim`), with the words a card shows
#: them under, in the order a card lists them.
RELATIONS = (
    ("relies_on", N_("Relies on")),
    ("derived_from", N_("Derived from")),
    ("supersedes", N_("Supersedes")),
    ("contradicts", N_("Contradicts")),
)
#: Relations a card also shows from the other side: the claims that supersede or contradict it.
REVERSE_RELATIONS = (
    ("supersedes", N_("Superseded by")),
    ("contradicts", N_("Contradicted by")),
)
RELATION_FIELDS = tuple(name for name, _label in RELATIONS)

#: `claims` table filter option -> the claim fields whose values it matches (any of them); the
#: record type its values name is their `x-ref`, and an absent field counts as its default
FILTERS: dict[str, tuple[str, ...]] = {
    "subject": ("subject",),
    "claimant": ("claimant",),
    "metric": ("metric",),
    "scope": ("scope",),
    "method": ("method",),
    "kind": ("kind",),
    "status": ("status",),
    "tag": ("tags",),
    "source": ("source", "also"),
}


class Column(NamedTuple):
    """One column of `claims.csv`."""

    name: str
    #: the claim field it shows; None for what the export works out (the value as text, ...)
    field: str | None
    #: the cell is the value of `claims.json`'s key of the same name
    direct: bool = False
    #: a number stays a number in the cell
    numeric: bool = False


#: The columns of `claims.csv`, in their published order. Every claim field is also a key of
#: `claims.json`, under its own name (`schema/export.schema.json`).
CSV_COLUMNS = (
    Column("id", "id", direct=True),
    Column("kind", "kind", direct=True),
    Column("title", "title", direct=True),
    Column("status", "status", direct=True),
    Column("confidence", "confidence", direct=True),
    Column("subject_ids", "subject"),
    Column("subject_names", "subject"),
    Column("claimant_id", "claimant"),
    Column("claimant_name", "claimant"),
    Column("metric_id", "metric"),
    Column("metric_name", "metric"),
    Column("unit", "metric"),
    Column("value", "value", direct=True, numeric=True),
    Column("low", "low", direct=True, numeric=True),
    Column("high", "high", direct=True, numeric=True),
    Column("value_text", None, direct=True),
    Column("scope_id", "scope"),
    Column("scope_name", "scope"),
    Column("method_id", "method"),
    Column("method_name", "method"),
    Column("as_of", "as_of", direct=True),
    Column("price_year", "price_year", direct=True, numeric=True),
    Column("source_id", "source"),
    Column("source_title", "source"),
    Column("source_url", "source"),
    Column("locator", "locator", direct=True),
    Column("checked", "checked", direct=True),
    Column("also", "also"),
    Column("relies_on", "relies_on"),
    Column("supersedes", "supersedes"),
    Column("contradicts", "contradicts"),
    Column("derived_from", "derived_from"),
    Column("tags", "tags"),
    Column("text", "text", direct=True),
    Column("quote", "quote", direct=True),
    Column("url", None, direct=True),
    Column("period", "period", direct=True),
    Column("forecast", None, direct=True),
    Column("formula", "formula", direct=True),
    Column("tolerance", "tolerance", direct=True, numeric=True),
    Column("dollars_year", None, numeric=True),
    Column("constant_base_year", None, numeric=True),
    Column("constant_value", None, numeric=True),
    Column("constant_low", None, numeric=True),
    Column("constant_high", None, numeric=True),
    Column("currency", "currency", direct=True),
    Column("usd_value", None, numeric=True),
    Column("usd_low", None, numeric=True),
    Column("usd_high", None, numeric=True),
    Column("usd_rate", None, numeric=True),
    Column("usd_rate_date", None),
)
#: Claim fields the exports leave out on purpose -> why. Every other claim field is exported.
NOT_EXPORTED: dict[str, str] = {}


# --- read from the schema -----------------------------------------------------------------------
@cache
def properties(rtype: str) -> dict[str, JSONObject]:
    """The schema's properties of one record type (`claim`, `entity`, ...), in schema order."""
    path = SCHEMA_DIR / f"{rtype}.schema.json"
    try:
        document: JSONObject = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(
            f"claimkb reads what its fields are from {path}, which is missing: install it from "
            "its repository (pip install -e .), as the Makefile does"
        ) from None
    found: dict[str, JSONObject] = document["properties"]
    return found


@cache
def references(rtype: str) -> tuple[tuple[str, str], ...]:
    """(field, record type) of every field of `rtype` that names records (`x-ref`)."""
    found = properties(rtype).items()
    return tuple((name, prop["x-ref"]) for name, prop in found if "x-ref" in prop)


def named_fields(rtype: str) -> tuple[tuple[str, str], ...]:
    """(field, record type) of the fields of `rtype` that name registry records (entities,
    sources, metrics, scopes, methods), which views show by name and link to; relations between
    claims are `RELATIONS`."""
    return tuple((name, target) for name, target in references(rtype) if target != "claim")


def filter_ref(option: str) -> str | None:
    """The record type the values of a `claims` filter name; None for a fixed list or free words."""
    refs = {properties("claim")[name].get("x-ref") for name in FILTERS[option]}
    return refs.pop() if len(refs) == 1 else None


@cache
def filter_fields(option: str) -> tuple[tuple[str, JSONValue], ...]:
    """(field, its schema default) of each claim field a `claims` filter matches."""
    claim = properties("claim")
    return tuple((name, claim[name].get("default")) for name in FILTERS[option])


def filter_values(option: str, data: JSONObject) -> list[JSONValue]:
    """The values of a claim's `data` that a `claims` filter matches: those of its fields, each
    field's schema default when the claim leaves it out."""
    found: list[JSONValue] = []
    for name, default in filter_fields(option):
        value = data.get(name, default)
        if isinstance(value, list):
            found += value
        elif value is not None:
            found.append(value)
    return found


def exported_columns() -> dict[str, tuple[str, ...]]:
    """Exported claim field -> its columns of `claims.csv` (and its key of `claims.json`)."""
    found: dict[str, tuple[str, ...]] = {}
    for column in CSV_COLUMNS:
        if column.field is not None:
            found[column.field] = (*found.get(column.field, ()), column.name)
    return found


@cache
def important_fields(rtype: str) -> tuple[str, ...]:
    """Fields of `rtype` whose change the ledger diff flags (`x-important`)."""
    return tuple(name for name, prop in properties(rtype).items() if prop.get("x-important"))


@cache
def metric_unit_fields(rtype: str = "claim") -> tuple[str, ...]:
    """Fields of `rtype` written in the unit of the claim's metric (`x-unit: metric`)."""
    return tuple(name for name, prop in properties(rtype).items() if prop.get("x-unit") == "metric")
