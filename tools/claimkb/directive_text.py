"""From a `claim` directive's parts (argument, option texts, body) to a claim record.

Shared by the Sphinx directive and the MyST scanner of `claimkb validate`, so that both see the
same fields at the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from myst_parser.parsers.options import TokenizeError, options_to_tokens

from .records import Finding, Location, Record
from .schema import Schemas
from .validate import check_record

#: an option's key at the start of its line: `key:` then a space or the line's end
_KEY = re.compile(r"([^\s:#'\"\[\]{},&*!|>%@`-][^\s:]*):(?:[ \t]|$)")


def option_lines(block_text: str, lineno: int, names: Collection[str]) -> dict[str, int]:
    """Source line of each option of a fenced directive whose opening line is `lineno`.

    `names` are the options MyST parsed. Keys are found by a scan of line starts, which is
    exact for every ordinary block; when it does not find exactly `names` (a quoted text that
    runs over lines, say), MyST's tokenizer, some 30x slower, settles it.
    """
    content = block_text.split("\n", 1)[1] if "\n" in block_text else ""
    lines = content.splitlines()
    if content.startswith("---"):
        start, block = lineno + 2, []
        for line in lines[1:]:
            if line.startswith("---"):
                break
            block.append(line)
    else:
        start, block = lineno + 1, []
        for line in lines:
            stripped = line.lstrip()
            if not stripped.startswith(":") or stripped.startswith(":::"):
                break
            block.append(stripped[1:])
    found = scanned_keys(block, start)
    return found if found.keys() == set(names) else tokenized_keys(block, start)


def scanned_keys(block: list[str], start: int) -> dict[str, int]:
    found = {}
    for offset, line in enumerate(block):
        key = _KEY.match(line)
        if key:
            found[key.group(1)] = start + offset
    return found


def tokenized_keys(block: list[str], start: int) -> dict[str, int]:
    try:
        tokens, _ = options_to_tokens("\n".join(block))
    except TokenizeError:
        return {}
    return {key.value: start + key.start.line for key, _ in tokens}


def claim_from_directive(
    claim_id: str,
    options: dict[str, str | None],
    lines: dict[str, int],
    body: str,
    path: str,
    lineno: int,
    schemas: Schemas,
    docname: str | None = None,
    body_line: int | None = None,
) -> tuple[Record, list[Finding]]:
    """The claim a directive writes, with the problems of its fields (schema and bounds)."""
    data: dict = {"id": claim_id} if claim_id else {}
    findings: list[Finding] = []
    spoiled: set[str] = set()
    for name, raw in options.items():
        raw = raw or ""
        if name in ("id", "text"):
            findings.append(
                _field_finding(
                    path,
                    lines.get(name, lineno),
                    claim_id,
                    name,
                    f"{name!r} is not an option",
                    "the id is the directive's argument"
                    if name == "id"
                    else "the statement is the directive's body",
                )
            )
            spoiled.add(name)
            continue
        if not raw.strip() and name in schemas.fields["claim"]:
            findings.append(
                _field_finding(
                    path,
                    lines.get(name, lineno),
                    claim_id,
                    name,
                    "has no value",
                    schemas.fields["claim"][name].description,
                )
            )
            spoiled.add(name)
            continue
        try:
            data[name] = schemas.convert_option("claim", name, raw)
        except ValueError as error:
            findings.append(
                _field_finding(path, lines.get(name, lineno), claim_id, name, str(error))
            )
            spoiled.add(name)
    if body.strip():
        data["text"] = body
    field_lines = dict(lines)
    if body.strip():
        field_lines["text"] = body_line or lineno
    location = Location(path, lineno, tuple(sorted(field_lines.items(), key=lambda item: item[1])))
    record = Record("claim", claim_id, data, location, docname)
    if not claim_id:
        findings.append(
            _field_finding(
                path,
                lineno,
                "",
                "id",
                "the claim has no id",
                "write it after the directive name: ```{claim} my-claim-id",
            )
        )
        spoiled.add("id")
    findings += [_as_body(f) for f in check_record(record, schemas) if f.field not in spoiled]
    return record, sorted(findings)


def _as_body(finding: Finding) -> Finding:
    """In a page the statement is the directive's body, not a `text` field."""
    if finding.field != "text":
        return finding
    return replace(
        finding, field="body", hint="write the statement below the options, after a blank line"
    )


def _field_finding(path, line, claim_id, name, message, hint="") -> Finding:
    return Finding(
        path,
        line,
        code="schema",
        record_type="claim",
        record_id=claim_id,
        field=name,
        message=message,
        hint=hint,
    )
