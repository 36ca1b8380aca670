"""The JSON Schemas in `schema/`: the single source of truth for record fields.

Everything about a field — its type, whether it is a reference and to what, its description — is
read from here: the directive's options, their conversions and the reference page derive from it.
"""

from __future__ import annotations

import calendar
import copy
import hashlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.protocols import Validator
from referencing import Registry, Resource

from .records import JSONObject, JSONValue, Record


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str  # JSON type: string, number, integer, array
    description: str
    ref: str | None = None  # record type a value (or each item) refers to ("x-ref")
    enum: tuple[str, ...] = ()


class Schemas:
    """All record schemas of one `schema/` directory, with validators and field specs."""

    def __init__(self, directory: Path, documents: dict[str, JSONObject] | None = None):
        """The schemas of `directory`, or the `documents` given (name without `.schema.json` ->
        parsed JSON) as if they were its files."""
        self.directory = directory
        if documents is None:
            documents = {
                path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
                for path in sorted(directory.glob("*.schema.json"))
            }
        self.documents: dict[str, JSONObject] = documents
        registry = Registry().with_resources(
            (f"{name}.schema.json", Resource.from_contents(doc))
            for name, doc in self.documents.items()
        )
        self.validators: dict[str, Validator] = {
            name: _Validator(doc, registry=registry, format_checker=FORMAT_CHECKER)
            for name, doc in self.documents.items()
        }
        collection = self.documents["collection"]["properties"]
        #: collection list name -> record type, e.g. "entities" -> "entity"
        self.collection_keys = {
            key: prop["items"]["$ref"].removesuffix(".schema.json")
            for key, prop in collection.items()
        }
        self.fields = {
            rtype: {
                name: _field_spec(name, prop)
                for name, prop in self.documents[rtype]["properties"].items()
            }
            for rtype in self.collection_keys.values()
        }

    @cached_property
    def digest(self) -> str:
        """Identifies what records are: the content of the documents that define them (`paths`),
        equal for equal schemas wherever they were read from."""
        names = ["collection", *self.collection_keys.values()]
        defining = {name: self.documents[name] for name in names}
        return hashlib.sha256(json.dumps(defining, sort_keys=True).encode()).hexdigest()

    @property
    def record_types(self) -> tuple[str, ...]:
        return tuple(self.collection_keys.values())

    @property
    def paths(self) -> list[Path]:
        """The files that define records (what pages with claims depend on)."""
        names = ["collection", *self.collection_keys.values()]
        return [self.directory / f"{name}.schema.json" for name in names]

    def references_of(self, record: Record) -> Iterator[tuple[str, str, str]]:
        """(field, record type, id) of every reference `record` makes, as `x-ref` declares."""
        for spec in self.fields[record.type].values():
            if spec.ref is None or spec.name not in record.data:
                continue
            value = record.data[spec.name]
            for target in value if isinstance(value, list) else [value]:
                if isinstance(target, str):
                    yield spec.name, spec.ref, target

    def convert_option(self, rtype: str, name: str, raw: str) -> JSONValue:
        """Turn a directive option's text into the value the schema expects.

        Raises ValueError with a message meant for a contributor.
        """
        spec = self.fields[rtype].get(name)
        text = raw.strip()
        if spec is None or spec.type == "string":
            return text
        if spec.type == "array":
            return [item.strip() for item in text.split(",") if item.strip()]
        if spec.type == "integer":
            try:
                return int(text.replace("_", ""))
            except ValueError:
                raise ValueError(f"{raw!r} is not a whole number") from None
        if spec.type == "number":
            return parse_number(text)
        return text


class OptionError(ValueError):
    """A directive option that cannot become its field's value, with a hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


#: NaN and infinity are refused in every form: JSON (the exports) has no way to write them
NOT_FINITE_HINT = "JSON has no NaN or infinity: write the number in digits, at most about 1.8e308"


def parse_number(text: str) -> int | float:
    """`5576000`, `5.576e6` and `5_576_000` are the same number; integral values become ints."""
    cleaned = text.strip()
    try:
        number = float(cleaned)
    except ValueError:
        hint = (
            " (write digits only: no currency sign, suffix or thousands comma)" if cleaned else ""
        )
        raise OptionError(f"{text!r} is not a number{hint}") from None
    if not math.isfinite(number):
        raise OptionError(f"{text!r} is not a finite number", NOT_FINITE_HINT)
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def finite(value: float) -> bool:
    """A number JSON can hold: not NaN, not infinite, not an integer beyond a double's range."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


# --- what the JSON Schema library is told beyond the standard --------------------------------
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def check_partial_date(instance: JSONValue) -> bool:
    """Format `partial-date`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` that exists on the calendar.

    Only what the field's pattern accepts is judged here (a month 13 is the pattern's to report,
    once); raises ValueError saying why a date does not exist.
    """
    matched = _PARTIAL_DATE.fullmatch(instance) if isinstance(instance, str) else None
    if matched is None:
        return True
    year = int(matched.group(1))
    month, day = (int(part) if part else None for part in matched.groups()[1:])
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return True
    if year == 0:
        raise ValueError("there is no year 0000: the calendar starts at 0001")
    if month is not None and day is not None:
        length = calendar.monthrange(year, month)[1]
        if day > length:
            raise ValueError(f"{calendar.month_name[month]} {year} has {length} days")
    return True


FORMAT_CHECKER = copy.copy(Draft202012Validator.FORMAT_CHECKER)
FORMAT_CHECKER.checkers = dict(FORMAT_CHECKER.checkers)
FORMAT_CHECKER.checks("partial-date", raises=ValueError)(check_partial_date)


@cache
def _end_anchored(pattern: str) -> re.Pattern[str]:
    # ECMA-262, which JSON Schema's patterns follow, reads `$` as the end of the text; Python
    # also matches it before a final newline, which would let `deepseek\n` pass as an id
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _pattern(
    validator: Validator, pattern: str, instance: JSONValue, schema: JSONObject
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _end_anchored(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


def _field_spec(name: str, prop: JSONObject) -> FieldSpec:
    return FieldSpec(
        name=name,
        type=prop.get("type", "string"),
        description=prop.get("description", ""),
        ref=prop.get("x-ref"),
        enum=tuple(prop.get("enum", ())),
    )


@cache
def _load(directory: str, stamp: tuple[tuple[str, int], ...]) -> Schemas:
    return Schemas(Path(directory))


def load_schemas(directory: Path) -> Schemas:
    """Schemas of `directory`, cached per process until a schema file changes."""
    directory = directory.resolve()
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.schema.json")))
    return _load(str(directory), stamp)
