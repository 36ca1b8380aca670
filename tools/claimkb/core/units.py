"""Units that compose: each metric's unit read by the pint library, so that arithmetic over
figures carries its units (GPU-hours × USD per GPU-hour = USD). No Sphinx here.

A metric's `unit` is a pint expression (`USD`, `GPU`, `GPU_hour`, `USD / GPU_hour`,
`USD / (1e6 * token)`, `TWh`, `percent`); plurals are read as their singular and a hyphen inside
a word as an underscore (`GPU-hours` is `GPU_hour`). Its `unit_text` is what readers see after a
number. pint reads expressions with its own parser, never with Python's `eval`.

The units pint does not know are data: the package's own (`BUILT_IN`) and those a knowledge base
declares in a `units:` list of a collection (`schema/unit.schema.json`), which add to them or
replace one of the same name. Each declaration is tried on its own: one pint refuses is a finding
on its record, and the others still hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, TypeAlias

from babel import Locale

from . import disk_cache
from .codes import FindingCode
from .language import current_locale
from .records import Finding, JSONValue, Record, is_number
from .validate import record_finding

if TYPE_CHECKING:  # pint is imported when a unit is first read: it costs start-up time
    from pint import UnitRegistry
    from pint.facets.plain import PlainQuantity

    #: pint's registry of units, its magnitudes floats
    Units: TypeAlias = UnitRegistry[float]
    #: an amount in its unit, as pint computes with it
    Amount: TypeAlias = PlainQuantity[float]


@dataclass(frozen=True)
class UnitDefinition:
    """A unit pint does not know: its name, what it is for pint (`[gpu]`, `GPU * hour`) and the
    words readers see after a number of it."""

    name: str
    pint: str
    singular: str = ""
    plural: str = ""

    @property
    def line(self) -> str:
        return f"{self.name} = {self.pint}"


#: the package's units: each a dimension of its own, or made of others. A collection's `units:`
#: list adds to them; one of the same name there replaces the package's. They have no words:
#: metrics in them say theirs with `unit_text`, as they always did.
BUILT_IN = (
    UnitDefinition("USD", "[currency]"),
    UnitDefinition("GPU", "[gpu]"),
    UnitDefinition("GPU_hour", "GPU * hour"),
    UnitDefinition("H100_equivalent", "[h100_equivalent]"),
    UnitDefinition("token", "[token]"),
    UnitDefinition("download", "[download]"),
)
#: the pint definitions of the package's units (as `core.units.DEFINITIONS` always listed them)
DEFINITIONS = tuple(unit.line for unit in BUILT_IN)
#: a knowledge base's declared units, in the order its collections give them
Declared = tuple[UnitDefinition, ...]
MAX_LENGTH = 100
_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])-(?=[A-Za-z])")
_DIMENSION = re.compile(r"\[[A-Za-z_][A-Za-z0-9_]*\]")
#: currencies that are a claim's `currency`, never a unit (their rate changes every day)
CURRENCY_CODES = ("EUR", "CNY", "GBP", "JPY")


class UnitError(ValueError):
    """A unit that pint cannot read; `undefined` names the words pint does not know."""

    def __init__(self, message: str, undefined: tuple[str, ...] = ()):
        super().__init__(message)
        self.undefined = undefined


@dataclass(frozen=True)
class UnitBook:
    """pint's registry with the package's and a knowledge base's units, and the declarations it
    refused (name -> why)."""

    registry: Units
    #: name -> (the field at fault, why)
    refused: dict[str, tuple[str, str]]


def definitions(declared: Declared = ()) -> Declared:
    """The package's units not replaced by a declared one, then the declared units."""
    names = {unit.name for unit in declared}
    return tuple(u for u in BUILT_IN if u.name not in names) + tuple(declared)


@cache
def unit_book(declared: Declared = ()) -> UnitBook:
    """pint's registry with every unit of `definitions(declared)` it accepts. A declaration that
    uses a unit declared after it is tried again once the others are in."""
    import pint

    # pint parses its definition file (a fifth of a second) unless a build keeps it parsed
    kept = disk_cache.folder()
    registry: Units = pint.UnitRegistry(cache_folder=None if kept is None else kept / "pint")
    pending = list(definitions(declared))
    #: name -> (the field at fault, why)
    refused: dict[str, tuple[str, str]] = {}
    builtin_names = {unit.name for unit in BUILT_IN}
    for unit in list(pending):
        if unit.name in (*CURRENCY_CODES, "USD") and unit not in BUILT_IN:
            pending.remove(unit)
            refused[unit.name] = ("id", f"{unit.name} is a currency, not a unit")
        elif unit.name not in builtin_names and _known(registry, unit.name):
            pending.remove(unit)
            message = f"pint already defines {unit.name!r}"
            refused[unit.name] = ("id", message + ": metrics use it without declaring it")
    while pending:
        progress, waiting = False, []
        for unit in pending:
            problem = _define(registry, unit)
            if problem is None:
                progress = True
                refused.pop(unit.name, None)
            else:
                refused[unit.name] = ("pint", problem)
                waiting.append(unit)
        pending = waiting if progress else []
    return UnitBook(registry, refused)


def unit_registry(declared: Declared = ()) -> Units:
    return unit_book(declared).registry


def _known(registry: Units, name: str) -> bool:
    try:
        registry.parse_units(name)
    except Exception:  # undefined, or not a name pint can parse: not known
        return False
    return True


def _define(registry: Units, unit: UnitDefinition) -> str | None:
    """Define `unit` in `registry`; None when pint accepted it, else why it did not."""
    text = unit.pint.strip()
    if "=" in text or ";" in text or "\n" in text or len(text) > MAX_LENGTH:
        return f"{unit.pint!r} is not a pint definition (no '=' or ';', at most {MAX_LENGTH})"
    if text.startswith("[") and not _DIMENSION.fullmatch(text):
        return f"{unit.pint!r} is not a dimension: a name in square brackets, such as [parameter]"
    if not text.startswith("["):
        try:  # an expression of other units: each must be known first
            registry.parse_expression(_HYPHEN.sub("_", text))
        except Exception as error:
            return f"{unit.pint!r} is not a unit pint can read ({_reason(error)})"
    try:
        registry.define(f"{unit.name} = {text}")
    except Exception as error:  # pint's definition errors are of many kinds
        return f"pint cannot define {unit.name!r} as {unit.pint!r} ({_reason(error)})"
    return None


def parse_unit(text: JSONValue, declared: Declared = ()) -> Amount:
    """The unit as a pint quantity of magnitude one (or the scale it names, `1e6 * token`)."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_LENGTH:
        raise UnitError(f"{text!r} is not a unit")
    registry = unit_registry(declared)
    try:
        quantity = registry.parse_expression(_HYPHEN.sub("_", text.strip()))
    except Exception as error:  # pint raises many kinds: undefined, syntax, dimensionality
        undefined = tuple(getattr(error, "unit_names", ()) or ())
        message = f"{text!r} is not a unit pint can read ({_reason(error)})"
        raise UnitError(message, undefined) from None
    if not hasattr(quantity, "dimensionality"):
        quantity = registry.Quantity(quantity)
    return quantity


def quantity(value: float, unit_text: str, declared: Declared = ()) -> Amount:
    """`value` in the unit `unit_text`, as a pint quantity; UnitError if the unit is unreadable."""
    amount: Amount = parse_unit(unit_text, declared) * value
    return amount


def same_dimension(left: Amount, right: Amount) -> bool:
    return bool(left.dimensionality == right.dimensionality)


def in_unit(amount: Amount, unit: Amount) -> float:
    """The magnitude of `amount` expressed in `unit` (both pint quantities of one dimension)."""
    return float((amount / unit).to("dimensionless").magnitude)


def unit_words(unit: Amount) -> str:
    """A pint unit as a reader can follow it: `USD / GPU_hour`."""
    text = f"{unit.units:~P}" if hasattr(unit, "units") else str(unit)
    scale = getattr(unit, "magnitude", 1)
    return text if scale == 1 else f"{scale:g} {text}"


class UnitText(str):
    """What follows a number of a metric, which knows its singular: `parameters`, and
    `parameter` after a number the language counts as one (`1` in English, `1.5` in French)."""

    singular: str

    def __new__(cls, plural: str, singular: str) -> UnitText:
        text = super().__new__(cls, plural)
        text.singular = singular
        return text

    def __reduce__(self) -> tuple[type[UnitText], tuple[str, str]]:
        return UnitText, (str(self), self.singular)

    def for_number(self, value: float) -> str:
        locale = current_locale() or Locale("en")
        return self.singular if is_number(value) and locale.plural_form(value) == "one" else self


@cache
def words_of(expression: str, declared: Declared = ()) -> UnitText | None:
    """The words of a metric unit that is one declared unit (`parameter`: `parameters`, which
    knows `parameter`); None for a compound unit, the package's or pint's."""
    try:
        parsed = parse_unit(expression, declared)
    except UnitError:
        return None
    names = dict(parsed.units._units)
    if parsed.magnitude != 1 or len(names) != 1 or next(iter(names.values())) != 1:
        return None
    name = next(iter(names))
    for unit in declared:
        if unit.name == name and unit.singular and unit.plural:
            return UnitText(unit.plural, unit.singular)
    return None


def display_unit(metric: Record | None, declared: Declared = ()) -> str:
    """What follows a number of this metric: its `unit_text`, else the words of its unit when it
    is one declared unit (`parameters`, which knows `parameter`), else its `unit`."""
    if metric is None:
        return ""
    if metric.get("unit_text"):
        return str(metric.get("unit_text"))
    unit = metric.get("unit")
    if not isinstance(unit, str):
        return ""
    words = words_of(unit, declared) if declared else None
    return words if words is not None else unit


def declared_units(records: Iterable[Record]) -> Declared:
    """The units a knowledge base declares: its `unit` records with an id and a definition, in
    the order they were read (a later one of the same name is a duplicate id, reported apart)."""
    found: dict[str, UnitDefinition] = {}
    for record in records:
        pint_text = record.get("pint")
        if record.type == "unit" and record.id and isinstance(pint_text, str):
            singular, plural = record.get("singular"), record.get("plural")
            found.setdefault(
                record.id,
                UnitDefinition(
                    record.id,
                    pint_text,
                    singular if isinstance(singular, str) else "",
                    plural if isinstance(plural, str) else "",
                ),
            )
    return tuple(found.values())


def check_units(records: list[Record], declared: Declared) -> list[Finding]:
    """Every declared unit must be one pint accepts, and every metric's unit one it reads."""
    findings = []
    refused = unit_book(declared).refused
    for record in records:
        if record.type == "unit" and record.id in refused:
            field, message = refused[record.id]
            hint = _declaration_hint(record.id, field)
            findings.append(record_finding(record, field, message, hint, FindingCode.UNIT))
        if record.type != "metric" or not isinstance(record.get("unit"), str):
            continue
        try:
            parse_unit(record.get("unit"), declared)
        except UnitError as error:
            hint = _undefined_hint(error.undefined, record.location.path)
            findings.append(record_finding(record, "unit", str(error), hint, FindingCode.UNIT))
    return findings


def check_metric_units(records: list[Record]) -> list[Finding]:
    """Every metric's unit must be one pint reads, with the units `records` declare."""
    return check_units(records, declared_units(records))


def _declaration_hint(name: str, field: str) -> str:
    if name in CURRENCY_CODES:
        return f"money in {name} keeps a metric in USD and states `currency: {name}` on the claim"
    if field == "id":
        return "remove this declaration, or give a unit of your own another name"
    return "a dimension of its own in brackets ([parameter]) or an expression of known units"


def _undefined_hint(undefined: tuple[str, ...], path: str) -> str:
    currencies = [name for name in undefined if name in CURRENCY_CODES]
    if currencies:
        code = currencies[0]
        return (
            f"a figure in {code} keeps a metric in USD and states `currency: {code}` on the "
            "claim: it is converted at the ECB rate"
        )
    if undefined:
        name = undefined[0]
        where = "/".join(PurePath(path).parts[-2:])
        example = f"- id: {name}, pint: '[{name.lower()}]', singular: ..., plural: ..."
        return (
            f"declare {name!r} in a `units:` list of {where} (or of another collection): "
            f"{example}; or write the unit as pint does"
        )
    return "write it as pint does: USD, GPU, GPU_hour, USD / GPU_hour, USD / (1e6 * token)"


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]
