"""`claimkb lint [PATH ...]`: source hygiene, as `claimkb validate` reports and exits.

Flags a dollar or GPU figure written in a page's prose instead of as a claim, a source that no
claim cites, and an entity that nothing refers to. Exit status: 0 nothing found, 1 findings,
2 usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .cmd_validate import FORMATS, FORMATTERS, selected
from .collections import CollectionError, read_text
from .knowledge_base import (
    DOCS_DIR,
    _read_conf,
    add_root_argument,
    load_knowledge_base,
    project_root,
)
from .lint import lint
from .scan import markdown_parser, md_config


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="find figures written outside claims, unused sources and entities",
        description="Find dollar and GPU figures written in the prose of pages instead of as "
        "claims (code, roles, claims and block quotes are not prose), sources cited by no claim "
        "and entities nothing refers to. Exit status: 0 clean, 1 findings, 2 usage error or "
        "unreadable input.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="report only findings in these files or folders",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), json or github"
    )
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = project_root(args.root, args.paths)
    base = load_knowledge_base(root)
    md = markdown_parser(md_config(_read_conf(base.root / DOCS_DIR)))
    texts = {}
    for page in base.pages:
        try:
            texts[page.path] = read_text(Path(page.path))
        except CollectionError:  # validate reports it; lint checks what it can read
            base.unreadable.add(page.path)
    findings = [f for f in lint(base, texts, md) if selected(f, args.paths)]
    print(FORMATTERS[args.format](base, findings), end="")
    if base.unreadable:
        return 2
    return 1 if findings else 0
