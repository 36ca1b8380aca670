"""The JSON Schemas in `schema/`: the single source of truth for record fields.

Everything about a field — its type, whether it is a reference and to what, its description — is
read from here: the directive's options, their conversions and the reference page derive from it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .records import Record


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str  # JSON type: string, number, integer, array
    description: str
    ref: str | None = None  # record type a value (or each item) refers to ("x-ref")
    enum: tuple[str, ...] = ()


class Schemas:
    """All record schemas of one `schema/` directory, with validators and field specs."""

    def __init__(self, directory: Path, documents: dict[str, dict] | None = None):
        """The schemas of `directory`, or the `documents` given (name without `.schema.json` ->
        parsed JSON) as if they were its files."""
        self.directory = directory
        if documents is None:
            documents = {
                path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
                for path in sorted(directory.glob("*.schema.json"))
            }
        self.documents: dict[str, dict] = documents
        registry = Registry().with_resources(
            (f"{name}.schema.json", Resource.from_contents(doc))
            for name, doc in self.documents.items()
        )
        self.validators = {
            name: Draft202012Validator(
                doc, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
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

    def convert_option(self, rtype: str, name: str, raw: str) -> Any:
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


def parse_number(text: str) -> int | float:
    """`5576000`, `5.576e6` and `5_576_000` are the same number; integral values become ints."""
    cleaned = text.strip()
    try:
        number = float(cleaned)
    except ValueError:
        hint = (
            " (write digits only: no currency sign, suffix or thousands comma)" if cleaned else ""
        )
        raise ValueError(f"{text!r} is not a number{hint}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{text!r} is not a finite number")
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def _field_spec(name: str, prop: dict) -> FieldSpec:
    return FieldSpec(
        name=name,
        type=prop.get("type", "string"),
        description=prop.get("description", ""),
        ref=prop.get("x-ref"),
        enum=tuple(prop.get("enum", ())),
    )


@cache
def _load(directory: str, stamp: tuple) -> Schemas:
    return Schemas(Path(directory))


def load_schemas(directory: Path) -> Schemas:
    """Schemas of `directory`, cached per process until a schema file changes."""
    directory = directory.resolve()
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.schema.json")))
    return _load(str(directory), stamp)
