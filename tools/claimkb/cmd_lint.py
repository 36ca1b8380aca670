"""`claimkb lint [PATH ...]`: source hygiene, as `claimkb validate` reports and exits.

Flags a dollar or GPU figure written in a page's prose instead of as a claim, a source that no
claim cites, and an entity that nothing refers to. Exit status: 0 nothing found, 1 findings,
2 usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cmd_validate import FORMATS, FORMATTERS, _selected
from .collections import CollectionError, read_text
from .knowledge_base import DOCS_DIR, ProjectError, _read_conf, find_root, load_knowledge_base
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
    parser.add_argument(
        "--root",
        type=Path,
        help="project root, the folder with schema/ and claims/ (default: found upward from here)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = args.root or find_root(Path.cwd())
    if root is None or not (root / "schema").is_dir():
        where = args.root or Path.cwd()
        return _usage(
            f"{where} is not in a project (no folder with schema/ and claims/ at or above)",
            "run it inside the repository or pass --root DIR",
        )
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        return _usage(f"no such file or folder: {', '.join(missing)}")
    try:
        base = load_knowledge_base(root)
        md = markdown_parser(md_config(_read_conf(base.root / DOCS_DIR)))
    except ProjectError as error:
        return _usage(str(error))
    texts = {}
    for page in base.pages:
        try:
            texts[page.path] = read_text(Path(page.path))
        except CollectionError:  # validate reports it; lint checks what it can read
            base.unreadable.add(page.path)
    findings = [f for f in lint(base, texts, md) if _selected(f, args.paths)]
    print(FORMATTERS[args.format](base, findings), end="")
    if base.unreadable:
        return 2
    return 1 if findings else 0


def _usage(message: str, hint: str = "") -> int:
    print(f"claimkb lint: error: {message}", file=sys.stderr)
    if hint:
        print(f"claimkb lint: hint: {hint}", file=sys.stderr)
    return 2
