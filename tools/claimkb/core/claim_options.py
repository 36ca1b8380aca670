"""From a `claim` directive's parts (argument, option texts, body) to a claim record.

Shared by the Sphinx directive and the MyST scanner of `claimkb validate`, so that both see the
same fields at the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .records import Finding, JSONObject, Location, Record
from .schema import Schemas
from .validate import check_record, valid_part


@dataclass(frozen=True)
class ClaimDirectiveText:
    """What a `claim` directive holds, as MyST parsed it, and where."""

    claim_id: str
    options: dict[str, str | None]
    #: option name -> its source line
    option_lines: dict[str, int]
    body: str
    path: str
    #: the line of the directive's opening fence
    line: int
    #: the line of the body's first line
    body_line: int
    #: the page that holds it
    docname: str | None = None


def claim_from_directive(
    directive: ClaimDirectiveText, schemas: Schemas
) -> tuple[Record, list[Finding]]:
    """The claim a directive writes, as views may see it (`valid_part`: no field with a
    finding), and the problems of its fields (options, schema, bounds)."""
    claim_id = directive.claim_id
    data: JSONObject = {"id": claim_id} if claim_id else {}
    misused: list[Finding] = []  # `:id:` or `:text:` options: the fields themselves are fine
    findings: list[Finding] = []
    for name, raw in directive.options.items():
        problem = _option_problem(directive, name, raw or "", schemas)
        if problem is None:
            try:
                data[name] = schemas.convert_option("claim", name, raw or "")
                continue
            except ValueError as error:
                problem = str(error), getattr(error, "hint", "")
        target = misused if name in ("id", "text") else findings
        target.append(_field_finding(directive, name, *problem))
    field_lines = dict(directive.option_lines)
    if directive.body.strip():
        data["text"] = directive.body
        field_lines["text"] = directive.body_line
    lines = tuple(sorted(field_lines.items(), key=lambda item: item[1]))
    location = Location(directive.path, directive.line, lines)
    record = Record("claim", claim_id, data, location, directive.docname)
    if not claim_id:
        hint = "write it after the directive name: ```{claim} my-claim-id"
        findings.append(_field_finding(directive, "id", "the claim has no id", hint))
    spoiled = {f.field for f in findings + misused}
    findings += [_as_body(f) for f in check_record(record, schemas) if f.field not in spoiled]
    written = set(data) | (set(directive.options) - {"id", "text"})
    return valid_part(record, findings, written), sorted(findings + misused)


def _option_problem(
    directive: ClaimDirectiveText, name: str, raw: str, schemas: Schemas
) -> tuple[str, str] | None:
    """(message, hint) for an option that cannot be a field, None for one to convert."""
    if name == "id":
        return f"{name!r} is not an option", "the id is the directive's argument"
    if name == "text":
        return f"{name!r} is not an option", "the statement is the directive's body"
    fields = schemas.fields["claim"]
    if not raw.strip() and name in fields:
        return "has no value", fields[name].description
    return None


def _as_body(finding: Finding) -> Finding:
    """In a page the statement is the directive's body, not a `text` field."""
    if finding.field != "text":
        return finding
    return replace(
        finding, field="body", hint="write the statement below the options, after a blank line"
    )


def _field_finding(
    directive: ClaimDirectiveText, name: str, message: str, hint: str = ""
) -> Finding:
    return Finding(
        directive.path,
        directive.option_lines.get(name, directive.line),
        record_type="claim",
        record_id=directive.claim_id,
        field=name,
        message=message,
        hint=hint,
    )
