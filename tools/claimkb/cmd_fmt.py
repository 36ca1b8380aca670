"""`claimkb fmt [--check] [PATH ...]`: put collections in their canonical form (see `layout`).

Exit status: 0 nothing to change (or changed), 1 `--check` found files to change or a file could not
be formatted, 2 usage error or unreadable input. A file that does not parse is never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from .collections import CollectionError, load_collection, parse_yaml, read_text
from .knowledge_base import add_root_argument, project_root, usage_error
from .layout import LayoutError, canonical_text, replace_file
from .records import Finding
from .schema import load_schemas


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="sort collections into their canonical form, keeping every comment",
        description="Put collection files in one canonical form: lists in schema order, records "
        "sorted by id within each group (a blank line starts a group), fields in schema order. "
        "Comments and blank lines are kept; comments directly above a record move with it. "
        "Exit status: 0 done, 1 files would change (--check) or could not be formatted, "
        "2 usage error or unreadable input.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="collection files or folders (default: the project's claims/)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list the files that would change and exit 1 if any",
    )
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = project_root(args.root, args.paths)
    try:
        schemas = load_schemas(root / "schema")
    except (OSError, ValueError, KeyError) as error:
        return _usage(f"cannot load the schemas of {root}: {error}")
    files = _collection_files(args.paths, sorted((root / "claims").glob("*.yaml")))
    changed: list[Path] = []
    problems: list[Finding] = []
    refused: set[Path] = set()
    unreadable = False
    for path in files:
        try:
            original = read_text(path)
        except CollectionError as error:
            problems.append(error.finding(str(path)))
            refused.add(path)
            unreadable = True
            continue
        try:
            data = parse_yaml(original)
        except CollectionError:
            data = None
        if not isinstance(data, CommentedMap):  # the reader's own words for what is wrong
            broken = [f for f in load_collection(path, schemas)[1] if f.code in ("yaml", "file")]
            problems += [_refusal(f) for f in broken]
            refused.add(path)
            continue
        try:
            formatted = canonical_text(original, schemas, data)
        except LayoutError as error:
            problems.append(
                Finding(
                    str(path),
                    1,
                    code="fmt",
                    message=str(error),
                    hint="left unchanged; please report this file",
                )
            )
            refused.add(path)
            continue
        if formatted == original and path.read_bytes()[:3] != b"\xef\xbb\xbf":
            continue
        changed.append(path)
        if not args.check:
            replace_file(path, formatted.encode("utf-8"))
    for finding in problems:
        print(
            f"{_display(finding.path)}:{finding.line}:{finding.column}: {finding.text()}",
            file=sys.stderr,
        )
    verb = "would reformat" if args.check else "reformatted"
    for path in changed:
        print(f"{verb} {_display(str(path))}")
    unchanged = len(files) - len(changed) - len(refused)
    print(
        f"{len(files)} files checked: {len(changed)} {verb}, {unchanged} already canonical"
        + (f", {len(refused)} not formatted" if refused else "")
    )
    if unreadable:
        return 2
    return 1 if problems or (args.check and changed) else 0


def _collection_files(paths: list[Path], default: list[Path]) -> list[Path]:
    if not paths:
        return list(default)
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return list(dict.fromkeys(files))


def _refusal(finding: Finding) -> Finding:
    hint = "fix it first; fmt leaves a file it cannot read as it is"
    return Finding(
        finding.path,
        finding.line,
        finding.column,
        finding.code,
        message=finding.message,
        hint=f"{finding.hint}; {hint}" if finding.hint else hint,
    )


def _display(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _usage(message: str, hint: str = "") -> int:
    return usage_error("fmt", message, hint)
