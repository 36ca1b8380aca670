"""The finding codes: one enum, each code with what it means.

A code is a finding's `code`, the subtype of its Sphinx warning (`claim.<code>`, silenced with
`suppress_warnings = ["claim.<code>"]` in `conf.py`) and the `code` of `claimkb validate
--format json`.
"""

from __future__ import annotations

from enum import StrEnum


class FindingCode(StrEnum):
    description: str

    # the default only lets a type checker see `FindingCode("unused-source")`, a lookup by value
    def __new__(cls, value: str, description: str = "") -> FindingCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    SCHEMA = (
        "schema",
        "a field breaks the schema: type, required-by-kind, enum, pattern, a date not on the "
        "calendar, a number JSON cannot hold (NaN, infinity), a character that is not text, "
        "unknown field; the field is left out of every view",
    )
    REF = "ref", "a reference to a record, claim, collection or list that does not exist"
    DUPLICATE = "duplicate", "an id defined twice"
    BOUNDS = "bounds", "low ≤ value ≤ high does not hold"
    HTML = "html", "raw HTML in a claim's statement"
    MYST = "myst", "MyST cannot read a claim directive (its options block, say)"
    YAML = "yaml", "a collection file cannot be read or parsed as YAML"
    FILE = "file", "a collection file is not a collection (empty, or not a mapping of lists)"
    SHOWN = "shown", "claims of a collection that no page shows"
    FMT = "fmt", "`claimkb fmt` cannot reorder a collection safely"
    PROSE_FIGURE = "prose-figure", "`claimkb lint`: a figure written in prose instead of a claim"
    UNUSED_SOURCE = "unused-source", "`claimkb lint`: a source no claim cites"
    PERIOD = "period", "a period that is not in the calendar, or starts after it ends"
    FORECAST = "forecast", "a period ending after as_of (a forecast) without a forecast method"
    TIME_ORDER = "time-order", "a claim relies on, derives from or supersedes a later claim"
    UNIT = "unit", "a unit pint cannot read, or a formula whose unit is not the metric's"
    SAME_FIGURE = "same-figure", "two claims that are likely one figure (claimant to period alike)"
    FORMULA = "formula", "a formula that cannot be read or computed, or disagrees with the value"
    UNUSED_ENTITY = "unused-entity", "`claimkb lint`: an entity nothing refers to"
    STALE_CURRENT = (
        "stale-current",
        "`claimkb lint`: a current price older than the review age (a year): it may have changed",
    )
    DOUBLED_WORDS = (
        "doubled-words",
        "`claimkb lint`: prose that repeats the unit or bound word a claim's value already shows",
    )
    MISSING_SPACE = (
        "missing-space",
        "`claimkb lint`: a claim role glued to the word before or after it",
    )
    IDENTIFIER = (
        "identifier",
        "`claimkb lint`: a developer's identifier (an id, a file name, a commit, inline code) "
        "in a reader page's prose",
    )
    SCOPE_MISMATCH = (
        "scope-mismatch",
        "`claimkb lint`: a figure whose unit or statement counts a total under a scope that "
        "counts one item",
    )
    CONTRADICTS = (
        "contradicts",
        "`claimkb lint`: a claim said to contradict one it does not disagree with (they measure "
        "different things, or agree within the tolerance)",
    )

    @classmethod
    def unused(cls, rtype: str) -> FindingCode:
        return cls(f"unused-{rtype}")
