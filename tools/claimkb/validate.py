"""The one validation core: records in, findings out. No Sphinx here.

The Sphinx build and `claimkb validate` both call `check_record` on every record as it is read and
`check_references` once on the whole knowledge base; a finding one reports and the other does not
is a bug.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from jsonschema.exceptions import ValidationError

from .records import Finding, Record
from .schema import Schemas

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
    """Schema (types, required-by-kind, enums, patterns, unknown fields) and bounds of a record."""
    validator = schemas.validators[record.type]
    fields = schemas.fields[record.type]
    findings: dict[tuple, Finding] = {}
    for error in validator.iter_errors(record.data):
        for name, message, hint in _explain(error, record, fields):
            finding = _finding(record, name, message, hint)
            findings.setdefault((finding.line, name, message), finding)
    findings.update({(f.line, f.field, f.message): f for f in _check_bounds(record)})
    findings.update({(f.line, f.field, f.message): f for f in _check_raw_html(record)})
    return sorted(findings.values())


def check_references(records: list[Record], schemas: Schemas) -> list[Finding]:
    """Cross-record checks: duplicate ids and references to records that do not exist."""
    findings: list[Finding] = []
    ids: dict[str, set[str]] = defaultdict(set)
    first: dict[tuple[str, str], Record] = {}
    for record in sorted(records, key=lambda r: (r.location.path, r.location.line)):
        if not record.id:
            continue
        key = (record.type, record.id)
        if key in first:
            other = first[key]
            findings.append(
                _finding(
                    record,
                    "id",
                    f"duplicate {record.type} id {record.id!r}",
                    f"also defined at {other.location.path}:{other.location.line}",
                    code="duplicate",
                )
            )
        else:
            first[key] = record
            ids[record.type].add(record.id)
    for record in records:
        for spec in schemas.fields[record.type].values():
            if spec.ref is None or spec.name not in record.data:
                continue
            value = record.data[spec.name]
            for target in value if isinstance(value, list) else [value]:
                if isinstance(target, str) and target not in ids[spec.ref]:
                    findings.append(
                        _finding(
                            record,
                            spec.name,
                            f"unknown {spec.ref} {target!r}",
                            did_you_mean(target, ids[spec.ref]),
                            code="ref",
                        )
                    )
    return sorted(findings)


def _finding(record: Record, name: str, message: str, hint: str = "", code: str = "schema"):
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


def _check_bounds(record: Record) -> list[Finding]:
    numbers = {k: record.data.get(k) for k in ("low", "value", "high")}
    present = {
        k: v for k, v in numbers.items() if isinstance(v, int | float) and not isinstance(v, bool)
    }
    findings = []
    for lower, upper in (("low", "value"), ("value", "high"), ("low", "high")):
        if lower in present and upper in present and present[lower] > present[upper]:
            field = "low" if lower == "low" else "high"
            findings.append(
                _finding(
                    record,
                    field,
                    f"{lower} ({present[lower]:g}) is greater than {upper} ({present[upper]:g})",
                    "bounds must satisfy low ≤ value ≤ high",
                    code="bounds",
                )
            )
            break
    return findings


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
                    code="html",
                    record_type="claim",
                    record_id=record.id,
                    field="body" if record.docname else "text",
                    message=f"raw HTML is not allowed in a claim's statement: {snippet[:40]!r}",
                    hint="write Markdown: **bold**, *italic*, [text](https://…)",
                )
            )
    return findings


@cache
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _explain(error: ValidationError, record: Record, fields) -> list[tuple[str, str, str]]:
    """(field, message, hint) for one schema error, in words a contributor understands."""
    keyword = error.validator
    path = list(error.absolute_path)
    name = str(path[0]) if path else ""
    spec = fields.get(name)
    instance = error.instance
    if keyword == "required":
        kind = record.data.get("kind")
        why = f" (required for a {kind})" if "then" in error.absolute_schema_path else ""
        return [
            (missing, f"missing required field{why}", _required_hint(missing, fields))
            for missing in error.validator_value
            if isinstance(instance, dict) and missing not in instance
        ]
    if keyword == "additionalProperties":
        unknown = [k for k in instance if k not in fields]
        return [(k, f"unknown field {k!r}", did_you_mean(k, fields) or "") for k in unknown]
    if keyword == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return [
            (
                name,
                f"{instance!r} is not one of {allowed}",
                did_you_mean(str(instance), map(str, error.validator_value)),
            )
        ]
    if keyword == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        want = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        hint = ""
        if name in ("as_of",) and isinstance(instance, int):
            hint = f"quote it: {name}: '{instance}'"
        elif spec and spec.type == "array" and isinstance(instance, str):
            hint = f"write a YAML list: {name}: [{instance}]"
        return [(name, f"must be {want}, not {_describe(instance)}", hint)]
    if keyword == "pattern":
        return [
            (
                name,
                f"{instance!r} is not in the expected form",
                spec.description if spec else f"it must match {error.validator_value}",
            )
        ]
    if keyword == "format":
        return [
            (
                name,
                f"{instance!r} is not a valid {error.validator_value}",
                spec.description if spec else "",
            )
        ]
    if keyword in ("minLength", "minItems"):
        what = "text" if keyword == "minLength" else "list"
        return [(name, f"must not be empty (empty {what})", spec.description if spec else "")]
    if keyword == "maxLength":
        return [
            (
                name,
                f"is {len(instance)} characters long; at most {error.validator_value}",
                "shorten it",
            )
        ]
    if keyword in ("minimum", "maximum"):
        return [(name, error.message, "")]
    return [(name, error.message, "")]


def _required_hint(name: str, fields) -> str:
    spec = fields.get(name)
    return spec.description if spec else ""


def _describe(value) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"


def check_role_refs(refs, claim_ids: set[str]) -> list[Finding]:
    """`{claim}` and `{claim-value}` roles must name an existing claim."""
    return sorted(
        Finding(
            ref.path,
            ref.line,
            code="ref",
            record_type="role",
            record_id=ref.role,
            message=f"unknown claim {ref.target!r}",
            hint=did_you_mean(ref.target, claim_ids),
        )
        for ref in refs
        if ref.target not in claim_ids
    )


def check_knowledge_base(
    registry,
    page_claims: list[Record],
    page_findings: Iterable[Finding],
    role_refs,
    shown_claim_ids: set[str],
) -> list[Finding]:
    """Every finding of a knowledge base: the collections' own, the pages' (found as each claim was
    read), duplicates and references across everything, roles, and collection claims no page shows.

    The one function behind both the Sphinx build (`build.all_findings`) and `claimkb validate`.
    """
    found = set(registry.findings)
    found.update(page_findings)
    records = registry.records + page_claims
    found.update(check_references(records, registry.schemas))
    claim_ids = {r.id for r in records if r.type == "claim" and r.id}
    found.update(check_role_refs(role_refs, claim_ids))
    found.update(check_unshown_claims(registry, shown_claim_ids))
    return sorted(found)


def check_unshown_claims(registry, shown: set[str]) -> list[Finding]:
    """A collection's claims must appear on some page, or readers never see them."""
    findings = []
    for path in registry.files:
        missing = [r for r in registry.claims_of(path.stem) if r.id and r.id not in shown]
        if missing:
            message = f"{len(missing)} claim(s) of collection {path.stem!r} are shown on no page"
            findings.append(
                Finding(
                    str(path),
                    missing[0].location.line,
                    code="shown",
                    message=message,
                    hint=f"add a ```{{claim-collection}} {path.stem}``` directive to a page",
                )
            )
    return findings
