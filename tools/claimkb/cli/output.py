"""Findings as `validate` and `lint` print them: text for people, JSON for tools, GitHub
workflow annotations for pull requests."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.records import Finding
from .common import display_path
from .knowledge_base import KnowledgeBase

FORMATS = ("text", "json", "github")
#: Version of the `--format json` document; see schema/findings.schema.json.
JSON_VERSION = 1


def add_format_argument(parser, help: str) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help=help)


def selected(finding: Finding, paths: list[Path]) -> bool:
    """The finding is in one of `paths` (files or folders); every finding when none is given."""
    if not paths:
        return True
    where = Path(finding.path).resolve()
    for path in paths:
        path = path.resolve()
        if where == path or (path.is_dir() and where.is_relative_to(path)):
            return True
    return False


def summary(base: KnowledgeBase, findings: list[Finding]) -> str:
    return f"{len(base.claims)} claims, {len(base.records)} records checked, {len(findings)} errors"


def format_text(base: KnowledgeBase, findings: list[Finding]) -> str:
    lines = [f"{display_path(f.path)}:{f.line}:{f.column}: {f.text()}" for f in findings]
    return "".join(f"{line}\n" for line in [*lines, summary(base, findings)])


def format_json(base: KnowledgeBase, findings: list[Finding]) -> str:
    document = {
        "version": JSON_VERSION,
        "summary": {
            "claims": len(base.claims),
            "records": len(base.records),
            "errors": len(findings),
        },
        "findings": [finding_document(f, _root_path(base, f.path)) for f in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_document(f: Finding, path: str) -> dict:
    """One finding of the JSON format (schema/findings.schema.json), at `path`."""
    return {
        "path": path,
        "line": f.line,
        "column": f.column,
        "severity": "error",
        "code": str(f.code),
        "record_type": f.record_type,
        "record_id": f.record_id,
        "field": f.field,
        "message": f.message,
        "hint": f.hint,
        "text": f.text(),
    }


def format_github(base: KnowledgeBase, findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one `::error` annotation per finding."""
    lines = []
    for f in findings:
        properties = {
            "file": _root_path(base, f.path),
            "line": f.line,
            "col": f.column,
            "title": f"claimkb: {f.subject}" if f.subject else "claimkb",
        }
        message = f"{f.message} (hint: {f.hint})" if f.hint else f.message
        head = ",".join(
            f"{key}={_escape_property(str(value))}" for key, value in properties.items()
        )
        lines.append(f"::error {head}::{_escape_data(message)}")
    return "".join(f"{line}\n" for line in [*lines, summary(base, findings)])


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}


def _root_path(base: KnowledgeBase, path: str) -> str:
    resolved = Path(path).resolve()
    return (
        resolved.relative_to(base.root).as_posix() if resolved.is_relative_to(base.root) else path
    )


# https://docs.github.com/actions/reference/workflow-commands-for-github-actions (% CR LF, and in
# properties also : and ,) — the escaping of the runner's own toolkit.
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
