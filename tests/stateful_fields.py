"""The fields the incremental-equals-clean state machine (tests/test_stateful.py) edits, and the
values it gives them: read from the JSON Schemas in `schema/`, for claims and for every registry
record type the collection schema lists.

Each field gets a strategy of valid values derived from its schema property (`enum`, `x-ref` to
the ids that exist, `pattern`, `format`, bounds, type), so that a new field is edited without
touching the machine. What a schema cannot say is declared in `DECLARED` (a formula over existing
claims, a unit pint reads, a period, bounds around the value, a statement in Markdown). An `id`
is edited by renaming the record (`RENAMED`). A field no rule can derive raises `NoStrategy`,
which `tests/test_stateful_fields.py` reports, naming the field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from claimkb.core.schema import Schemas, load_schemas
from conftest import REPO

SCHEMAS = load_schemas(REPO / "schema")
#: the fields by which a record is renamed rather than given a value
RENAMED = "id"
#: the dates the machine writes (as_of, published, periods): years the bundled CPI covers
FIRST_DAY, LAST_DAY = datetime.date(2015, 1, 1), datetime.date(2025, 12, 31)
#: free text is written with these words: no character MyST or YAML reads as markup, no comma
#: (a comma separates the items of a list option), so a value is read back as it was written
WORDS = ("alpha", "beta", "cost", "training", "run", "cluster", "report", "final", "GPU", "hours")
#: units pint reads, as metric.schema.json's description lists them
UNITS = (
    "USD",
    "GPU",
    "GPU_hour",
    "USD / GPU_hour",
    "token",
    "USD / (1e6 * token)",
    "TWh",
    "percent",
)
#: how a unit is written for readers (metric `unit_text`): money, or words after the number
UNIT_TEXTS = ("USD", "USD per GPU-hour", "GPUs", "GPU-hours", "tokens")


class NoStrategy(LookupError):
    """A schema field whose valid values the machine cannot derive: declare them in DECLARED."""


@dataclass
class Context:
    """What a value may name: the ids of each record type, the record's own id and data."""

    ids: dict[str, list[str]]
    own_id: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    #: a claim of a collection: its statement is plain Markdown, without MyST roles
    in_collection: bool = False

    def others(self, rtype: str) -> list[str]:
        return sorted(rid for rid in self.ids.get(rtype, []) if rid != self.own_id)


# --- record types and fields, from the schemas ---------------------------------------------------
def record_types(schemas: Schemas = SCHEMAS) -> tuple[str, ...]:
    """Every record type a collection holds: claim and the registry's."""
    return schemas.record_types


def registry_types(schemas: Schemas = SCHEMAS) -> tuple[str, ...]:
    return tuple(rtype for rtype in record_types(schemas) if rtype != "claim")


def properties(rtype: str, schemas: Schemas = SCHEMAS) -> dict[str, dict]:
    return schemas.documents[rtype]["properties"]


def schema_fields(schemas: Schemas = SCHEMAS) -> list[tuple[str, str]]:
    """(record type, field) of every property of every record type, in the schemas' order."""
    return [(rtype, name) for rtype in record_types(schemas) for name in properties(rtype, schemas)]


def required(rtype: str, data: dict, schemas: Schemas = SCHEMAS) -> set[str]:
    """The fields a record of `rtype` must have, its kind's included (`allOf`/`if`/`then`)."""
    document = schemas.documents[rtype]
    needed = set(document.get("required", []))
    for branch in document.get("allOf", []):
        condition = branch.get("if", {}).get("properties", {})
        if all(data.get(name) == test.get("const") for name, test in condition.items()):
            needed |= set(branch.get("then", {}).get("required", []))
    return needed


def one_of_required(rtype: str, data: dict, schemas: Schemas = SCHEMAS) -> list[list[str]]:
    """Groups of fields of which the record must keep one (`x-required-one-of`)."""
    groups = []
    for branch in schemas.documents[rtype].get("allOf", []):
        condition = branch.get("if", {}).get("properties", {})
        applies = all(data.get(name) == test.get("const") for name, test in condition.items())
        if applies and "x-required-one-of" in branch.get("then", {}):
            groups.append(branch["then"]["x-required-one-of"])
    return groups


def fresh_id(rtype: str, number: int, schemas: Schemas = SCHEMAS) -> str:
    """A new id of a record type, in the form its schema's `id` pattern allows."""
    pattern = properties(rtype, schemas)["id"].get("pattern", "")
    for candidate in (f"{rtype}-{number}", f"{rtype}_{number}", f"{rtype}{number}"):
        if re.fullmatch(pattern.removeprefix("^").removesuffix("$"), candidate):
            return candidate
    raise NoStrategy(f"no new id of the form {rtype}-N matches {pattern!r}")


def removable(rtype: str, name: str, data: dict, schemas: Schemas = SCHEMAS) -> bool:
    """Whether the record stays valid without `name`."""
    if name in required(rtype, data, schemas) or name == RENAMED:
        return False
    rest = {key: value for key, value in data.items() if key != name}
    return all(any(other in rest for other in group) for group in one_of_required(rtype, rest))


# --- values --------------------------------------------------------------------------------------
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(
    lambda words: " ".join(words).capitalize()
)
days = st.dates(FIRST_DAY, LAST_DAY)
partial_dates = st.tuples(days, st.sampled_from((4, 7, 10))).map(lambda d: d[0].isoformat()[: d[1]])


def _period(draw_days: tuple[datetime.date, datetime.date], lengths: tuple[int, int]) -> str:
    start, end = sorted(draw_days)
    first, last = start.isoformat()[: lengths[0]], end.isoformat()[: lengths[1]]
    return first if first == last or lengths[1] == 0 else f"{first}/{last}"


def _ids_list(ids: list[str], minimum: int) -> st.SearchStrategy:
    return st.lists(st.sampled_from(ids), min_size=max(1, minimum), max_size=3, unique=True)


def _number_near(context: Context, low: float, high: float) -> st.SearchStrategy:
    value = context.data.get("value")
    if not isinstance(value, int | float):
        return st.integers(1, 10**9)
    return st.floats(value * low, value * high).map(lambda number: round(number, 2))


def _formula(context: Context) -> st.SearchStrategy:
    claims = context.others("claim")
    if not claims:
        return st.nothing()
    operators = st.sampled_from(("{a} + {b}", "{a} * 2", "sum({a}, {b})", "{a} / {b}", "{a} - {b}"))
    return st.builds(
        lambda form, a, b: form.format(a=a, b=b),
        operators,
        st.sampled_from(claims),
        st.sampled_from(claims),
    )


def _statement(context: Context) -> st.SearchStrategy:
    """Markdown: words, maybe emphasis, maybe (in a page) a reference to another claim."""
    roles = [] if context.in_collection else [f"{{claim}}`{r}`" for r in context.others("claim")]
    extra = st.sampled_from(["", "**final**", *roles])
    return st.builds(lambda text, more: f"{text}. {more}".strip(), phrases, extra)


#: (record type, field) -> the strategy of its values, for what a schema cannot say
DECLARED: dict[tuple[str, str], Callable[[Context], st.SearchStrategy]] = {
    ("claim", "value"): lambda c: st.integers(1, 10**12) | st.floats(0.01, 1e6).map(round_2),
    ("claim", "low"): lambda c: _number_near(c, 0.5, 1.0),
    ("claim", "high"): lambda c: _number_near(c, 1.0, 2.0),
    ("claim", "period"): lambda c: st.builds(
        _period, st.tuples(days, days), st.sampled_from([(4, 0), (7, 0), (10, 0), (4, 4), (7, 7)])
    ),
    ("claim", "formula"): _formula,
    ("claim", "text"): _statement,
    ("metric", "unit"): lambda c: st.sampled_from(UNITS),
    ("metric", "unit_text"): lambda c: st.sampled_from(UNIT_TEXTS),
    # a declared unit: an expression of the package's units, or a dimension of its own
    ("unit", "pint"): lambda c: (
        st.sampled_from(("GPU * hour", "1000 * GPU", "1e6 * token"))
        | st.just(f"[{c.own_id or 'thing'}]")
    ),
}


def round_2(number: float) -> float:
    return round(number, 2)


def derived(prop: dict, context: Context) -> st.SearchStrategy:
    """The valid values of a schema property, from what it says; NoStrategy if it says too
    little."""
    kind = prop.get("type")
    if "x-ref" in prop:
        ids = context.others(prop["x-ref"])
        if not ids:
            return st.nothing()
        if kind == "array":
            return _ids_list(ids, prop.get("minItems", 1))
        return st.sampled_from(ids)
    if "enum" in prop:
        return st.sampled_from(prop["enum"])
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(prop.get("minimum", 0), prop.get("maximum", 10**6))
    if kind == "number" and "minimum" in prop and "maximum" in prop:
        return st.integers(prop["minimum"], prop["maximum"]) | st.floats(
            prop["minimum"], prop["maximum"]
        ).map(round_2)
    if kind == "array":
        items = derived(prop.get("items", {}), context)
        return st.lists(items, min_size=max(1, prop.get("minItems", 1)), max_size=3, unique=True)
    if kind == "string":
        return _string(prop)
    raise NoStrategy(f"type {kind!r} with {sorted(prop)}")


def _string(prop: dict) -> st.SearchStrategy:
    formats = {"date": days.map(datetime.date.isoformat), "partial-date": partial_dates}
    if prop.get("format") in formats:
        return formats[prop["format"]]
    if prop.get("format") == "uri":
        scheme = "https" if prop.get("pattern", "").startswith("^https") else "http"
        return st.builds(
            lambda secure, path: f"{scheme if secure else 'http'}://example.org/{path}",
            st.booleans(),
            st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True),
        )
    if "pattern" in prop:
        return st.from_regex(prop["pattern"], fullmatch=True).filter(lambda s: len(s) <= 24)
    if prop.get("type") == "string" and set(prop) <= DESCRIPTIVE_KEYS | {"minLength", "maxLength"}:
        return phrases.filter(lambda s: len(s) <= prop.get("maxLength", 1000))
    raise NoStrategy(f"a string with {sorted(set(prop) - DESCRIPTIVE_KEYS)}")


#: keys of a property that say nothing about its values
DESCRIPTIVE_KEYS = {"type", "description", "examples", "enumDescriptions", "default", "items"}
#: keys that say what a field means to the project (core.fields), not which values it takes
DESCRIPTIVE_KEYS |= {"x-important", "x-unit"}


def values(rtype: str, name: str, context: Context, schemas: Schemas = SCHEMAS):
    """The strategy of valid values of one field (not `id`: a rename)."""
    if (rtype, name) in DECLARED:
        return DECLARED[(rtype, name)](context)
    prop = properties(rtype, schemas).get(name)
    if prop is None:
        raise NoStrategy(f"{rtype}.{name} is not in the schema")
    return derived(prop, context)


def unreachable(fields: Iterable[tuple[str, str]], schemas: Schemas = SCHEMAS) -> list[str]:
    """The fields the machine cannot edit, each with why: `claim.extra: type 'object' ...`."""
    context = Context(ids={rtype: ["a", "b"] for rtype in record_types(schemas)})
    problems = []
    for rtype, name in fields:
        try:
            if name == RENAMED:
                fresh_id(rtype, 1, schemas)
                continue
            values(rtype, name, context, schemas)
        except NoStrategy as error:
            problems.append(f"{rtype}.{name}: {error}")
    return problems
