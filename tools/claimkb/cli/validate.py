"""`claimkb validate [PATH ...]`: check every claim and collection as the Sphinx build does, fast.

Exit status: 0 nothing found, 1 findings, 2 usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_root_argument, project_root
from .knowledge_base import load_knowledge_base
from .output import FORMATTERS, add_format_argument, selected


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check every claim and collection without building the site",
        description="Check every claim in the MyST pages under docs/ and every record in "
        "claims/*.yaml as the Sphinx build does: schema, required-by-kind fields, references, "
        "duplicate ids, bounds, collection files, and what the pages' roles and directives name. "
        "Exit status: 0 clean, 1 findings, 2 usage error or unreadable input.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="report only findings in these files or folders (references still resolve against "
        "the whole knowledge base)",
    )
    add_format_argument(
        parser,
        "text (default): path:line:col: message; json: see schema/findings.schema.json; "
        "github: workflow annotations",
    )
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    base = load_knowledge_base(project_root(args.root, args.paths))
    findings = [f for f in base.findings if selected(f, args.paths)]
    print(FORMATTERS[args.format](base, findings), end="")
    if any(f.path in base.unreadable for f in findings):
        return 2
    return 1 if findings else 0
