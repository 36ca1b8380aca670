"""Checks of one record: its schema (types, required-by-kind fields, enums, patterns, unknown
fields), its bounds and its statement. No Sphinx here.

The Sphinx build and `claimkb validate` call `check_record` on every record as it is read; checks
across records and pages are in `cross_checks`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, cast

from jsonschema.exceptions import ValidationError

from .codes import FindingCode
from .records import Finding, JSONValue, Record, is_number
from .schema import NOT_FINITE_HINT, FieldSpec, Schemas, finite

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping",
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def check_record(record: Record, schemas: Schemas) -> list[Finding]:
    """Schema (types, required-by-kind, enums, patterns, formats, unknown fields), finite numbers,
    text characters, bounds and statement of a record."""
    validator = schemas.validators[record.type]
    fields = schemas.fields[record.type]
    findings: dict[tuple[int, str, str], Finding] = {}
    for error in validator.iter_errors(record.data):
        for name, message, hint in _explain(error, record, fields):
            finding = record_finding(record, name, message, hint)
            findings.setdefault((finding.line, name, message), finding)
    named = {f.field for f in findings.values()}
    for finding in [*_check_values(record, fields, named), *_check_bounds(record)]:
        findings[(finding.line, finding.field, finding.message)] = finding
    for finding in [*_check_raw_html(record), *_check_myst_markup(record)]:
        findings[(finding.line, finding.field, finding.message)] = finding
    return sorted(findings.values())


def valid_part(
    record: Record, findings: Iterable[Finding], written: Iterable[str] | None = None
) -> Record:
    """The record as views are given it: without the fields that its own `findings` name.

    This is the one rule that keeps invalid values out of every view (cards, tables, charts,
    comparisons, generated pages, exports, search): a field with a finding is left out of `data`
    and named in `invalid`, so a view meets a missing field, never a wrong one. A record whose
    id is invalid keeps no id: nothing lists, links to or exports it, and its card still shows.
    `written`: the fields the contributor wrote (default: those of `data`).
    """
    named = {"text" if f.field == "body" else f.field for f in findings} | set(record.invalid)
    present = set(record.data) if written is None else set(written)
    invalid = tuple(sorted(named & (present | set(record.invalid))))
    if not invalid:
        return record
    data = {key: value for key, value in record.data.items() if key not in invalid}
    return replace(record, id="" if "id" in invalid else record.id, data=data, invalid=invalid)


def record_finding(
    record: Record,
    name: str,
    message: str,
    hint: str = "",
    code: FindingCode = FindingCode.SCHEMA,
) -> Finding:
    """A finding about field `name` of `record`, at that field's line."""
    return Finding(
        path=record.location.path,
        line=record.location.line_of(name),
        code=code,
        record_type=record.type,
        record_id=record.id,
        field=name,
        message=message,
        hint=hint,
    )


#: characters that are not text: C0 controls (but tab and line ends), halves of surrogate pairs
#: (which no UTF-8 file can hold) and the two noncharacters of the BMP's end
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_values(record: Record, fields: dict[str, FieldSpec], named: set[str]) -> list[Finding]:
    """What the JSON Schema cannot say: numbers JSON can hold, texts made of characters."""
    findings = []
    for name, value in record.data.items():
        spec = fields.get(name)
        if spec is None or name in named:
            continue
        if spec.type in ("number", "integer") and is_number(value) and not finite(value):
            message = f"must be a finite number, not {_spell_number(value)}"
            findings.append(record_finding(record, name, message, NOT_FINITE_HINT))
            continue
        texts = value if isinstance(value, list) else [value]
        bad = [m for text in texts if isinstance(text, str) for m in [_NOT_TEXT.search(text)] if m]
        if bad:
            message = f"holds U+{ord(bad[0].group()):04X}, which is not a character of text"
            hint = "remove it: it cannot be shown, searched or exported"
            findings.append(record_finding(record, name, message, hint))
    return findings


def _spell_number(value: float) -> str:
    """How YAML writes a number JSON cannot hold: `.nan`, `.inf`, `-.inf`, or its size."""
    if isinstance(value, int):
        return f"a number of {len(str(abs(value)))} digits"
    if value != value:
        return ".nan"
    return ".inf" if value > 0 else "-.inf"


def _check_bounds(record: Record) -> list[Finding]:
    numbers = {k: record.data.get(k) for k in ("low", "value", "high")}
    present = {k: v for k, v in numbers.items() if is_number(v) and finite(v)}
    for lower, upper in (("low", "value"), ("value", "high"), ("low", "high")):
        if lower in present and upper in present and present[lower] > present[upper]:
            return [
                record_finding(
                    record,
                    "low" if lower == "low" else "high",
                    f"{lower} ({present[lower]:g}) is greater than {upper} ({present[upper]:g})",
                    "bounds must satisfy low ≤ value ≤ high",
                    code=FindingCode.BOUNDS,
                )
            ]
    return []


def _check_raw_html(record: Record) -> list[Finding]:
    """A claim's statement is Markdown only: raw HTML could run script in a reader's browser."""
    text = record.get("text")
    if record.type != "claim" or not isinstance(text, str) or "<" not in text:
        return []
    start = record.location.line_of("text")
    findings = []
    for token in _markdown().parse(text):
        inline_html = [c for c in token.children or [] if c.type == "html_inline"]
        if token.type == "html_block" or inline_html:
            snippet = (
                token.content if token.type == "html_block" else inline_html[0].content
            ).strip()
            line = start + (token.map[0] if token.map else 0)
            findings.append(
                Finding(
                    record.location.path,
                    line,
                    code=FindingCode.HTML,
                    record_type="claim",
                    record_id=record.id,
                    field="body" if record.docname else "text",
                    message=f"raw HTML is not allowed in a claim's statement: {snippet[:40]!r}",
                    hint="write Markdown: **bold**, *italic*, [text](https://…)",
                )
            )
    return findings


#: a MyST role, `{name}` then a code span, as CommonMark reads it: text, then inline code
_ROLE_NAME = re.compile(r"\{[A-Za-z][\w:+.-]*\}$")
_COLON_FENCE = re.compile(r"^ {0,3}:{3,}\s*\{.*", re.MULTILINE)


def _check_myst_markup(record: Record) -> list[Finding]:
    """A collection claim's statement is Markdown, read where a page shows the collection: a
    MyST role or directive in it would run there (a claim, a reference) unseen by the checks of
    the collection, so it is refused."""
    text = record.get("text")
    if record.type != "claim" or record.docname or not isinstance(text, str) or "{" not in text:
        return []
    found = _COLON_FENCE.search(text)
    snippet = found.group().strip() if found else ""
    for token in _markdown().parse(text):
        if token.type == "fence" and token.info.strip().startswith("{"):
            snippet = snippet or f"```{token.info.strip()}"
        children = token.children or []
        for before, after in zip(children, children[1:], strict=False):
            role = _ROLE_NAME.search(before.content) if before.type == "text" else None
            if role and after.type == "code_inline":
                snippet = snippet or f"{role.group()}`{after.content}`"
    if not snippet:
        return []
    message = f"a collection claim's statement cannot hold MyST roles or directives: {snippet!r}"
    hint = "write plain Markdown, or write the claim as a directive in a page"
    return [record_finding(record, "text", message, hint)]


@cache
def _markdown() -> MarkdownIt:
    # markdown-it is the CommonMark parser MyST itself uses; importing it needs no MyST
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


#: (field, message, hint) for one schema error, in words a contributor understands
Explanation = list[tuple[str, str, str]]


@dataclass(frozen=True)
class _Fault:
    """One schema error of a record, with what explaining it needs."""

    error: ValidationError
    record: Record
    #: the field at fault ("" for the record as a whole), and its spec
    name: str
    spec: FieldSpec | None
    fields: dict[str, FieldSpec]

    @property
    def instance(self) -> JSONValue:
        """The value at fault: always set on the errors a validator yields."""
        return cast(JSONValue, self.error.instance)

    @property
    def rule(self) -> JSONValue:
        """The keyword's value in the schema (the enum, the type, the pattern...), likewise."""
        return cast(JSONValue, self.error.validator_value)


def _explain(error: ValidationError, record: Record, fields: dict[str, FieldSpec]) -> Explanation:
    path = list(error.absolute_path)
    name = str(path[0]) if path else ""
    explain = _EXPLAINERS.get(str(error.validator), _explain_generic)
    return explain(_Fault(error, record, name, fields.get(name), fields))


def _explain_required(fault: _Fault) -> Explanation:
    kind = fault.record.data.get("kind")
    why = f" (required for a {kind})" if "then" in fault.error.absolute_schema_path else ""
    return [
        (missing, f"missing required field{why}", _description(fault.fields.get(missing)))
        for missing in fault.rule
        if isinstance(fault.instance, dict) and missing not in fault.instance
    ]


def _explain_unknown(fault: _Fault) -> Explanation:
    unknown = [k for k in fault.instance if k not in fault.fields]
    return [(k, f"unknown field {k!r}", did_you_mean(k, fault.fields) or "") for k in unknown]


def _explain_enum(fault: _Fault) -> Explanation:
    allowed = [str(value) for value in fault.rule]
    message = f"{fault.instance!r} is not one of {', '.join(allowed)}"
    return [(fault.name, message, did_you_mean(str(fault.instance), allowed))]


def _explain_type(fault: _Fault) -> Explanation:
    name, spec, instance = fault.name, fault.spec, fault.instance
    expected = [fault.rule] if isinstance(fault.rule, str) else fault.rule
    want = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
    hint = ""
    if name == "as_of" and isinstance(instance, int):
        hint = f"quote it: {name}: '{instance}'"
    elif spec and spec.type == "array" and isinstance(instance, str):
        hint = f"write a YAML list: {name}: [{instance}]"
    return [(name, f"must be {want}, not {_describe(instance)}", hint)]


def _explain_pattern(fault: _Fault) -> Explanation:
    hint = fault.spec.description if fault.spec else f"it must match {fault.rule}"
    return [(fault.name, f"{fault.instance!r} is not in the expected form", hint)]


def _explain_format(fault: _Fault) -> Explanation:
    if fault.rule == "partial-date":
        message = f"{fault.instance!r} is not a date on the calendar"
        return [(fault.name, message, str(fault.error.cause or "") or _description(fault.spec))]
    message = f"{fault.instance!r} is not a valid {fault.rule}"
    return [(fault.name, message, _description(fault.spec))]


def _explain_empty(fault: _Fault) -> Explanation:
    what = "text" if fault.error.validator == "minLength" else "list"
    return [(fault.name, f"must not be empty (empty {what})", _description(fault.spec))]


def _explain_too_long(fault: _Fault) -> Explanation:
    message = f"is {len(fault.instance)} characters long; at most {fault.rule}"
    return [(fault.name, message, "shorten it")]


def _explain_range(fault: _Fault) -> Explanation:
    if not finite(fault.instance):  # the number itself is refused, once, by its own check
        return []
    return [(fault.name, fault.error.message, _description(fault.spec))]


def _explain_generic(fault: _Fault) -> Explanation:
    return [(fault.name, fault.error.message, "")]


_EXPLAINERS: dict[str, Callable[[_Fault], Explanation]] = {
    "required": _explain_required,
    "additionalProperties": _explain_unknown,
    "enum": _explain_enum,
    "type": _explain_type,
    "pattern": _explain_pattern,
    "format": _explain_format,
    "minLength": _explain_empty,
    "minItems": _explain_empty,
    "maxLength": _explain_too_long,
    "minimum": _explain_range,
    "maximum": _explain_range,
}


def _description(spec: FieldSpec | None) -> str:
    return spec.description if spec else ""


def _describe(value: JSONValue) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"
