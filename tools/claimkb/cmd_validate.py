"""`claimkb validate [PATH ...]`: check every claim and collection as the Sphinx build does, fast.

Exit status: 0 nothing found, 1 findings, 2 usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from .knowledge_base import (
    KnowledgeBase,
    add_root_argument,
    load_knowledge_base,
    project_root,
)
from .records import Finding

FORMATS = ("text", "json", "github")
#: Version of the `--format json` document; see schema/findings.schema.json.
JSON_VERSION = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check every claim and collection without building the site",
        description="Check every claim in the MyST pages under docs/ and every record in "
        "claims/*.yaml as the Sphinx build does: schema, required-by-kind fields, references, "
        "duplicate ids, bounds, collection files. Exit status: 0 clean, 1 findings, "
        "2 usage error or unreadable input.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="report only findings in these files or folders (references still resolve against "
        "the whole knowledge base)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default): path:line:col: message; json: see schema/findings.schema.json; "
        "github: workflow annotations",
    )
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = project_root(args.root, args.paths)
    base = load_knowledge_base(root)
    findings = [f for f in base.findings if selected(f, args.paths)]
    print(FORMATTERS[args.format](base, findings), end="")
    if any(f.path in base.unreadable for f in findings):
        return 2
    return 1 if findings else 0


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
        "findings": [
            {
                "path": _root_path(base, f.path),
                "line": f.line,
                "column": f.column,
                "severity": "error",
                "code": f.code,
                "record_type": f.record_type,
                "record_id": f.record_id,
                "field": f.field,
                "message": f.message,
                "hint": f.hint,
                "text": f.text(),
            }
            for f in findings
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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


def selected(finding: Finding, paths: list[Path]) -> bool:
    if not paths:
        return True
    where = Path(finding.path).resolve()
    for path in paths:
        path = path.resolve()
        if where == path or (path.is_dir() and where.is_relative_to(path)):
            return True
    return False


def display_path(path: str) -> str:
    """Relative to the working directory when the file is below it, as compilers print paths."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


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
