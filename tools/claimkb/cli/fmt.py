"""`claimkb fmt [--check] [PATH ...]`: put collections in their canonical form (see
`core.canonical_form`).

Exit status: 0 nothing to change (or changed), 1 `--check` found files to change or a file could not
be formatted, 2 usage error or unreadable input. A file that does not parse is never touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..core.canonical_form import LayoutError, canonical_text
from ..core.codes import FindingCode
from ..core.collection_reader import CollectionError, parse_yaml, read_text
from ..core.collection_records import load_collection
from ..core.records import Finding
from .common import Project, add_root_argument, display_path, project_root, write_atomically
from .knowledge_base import load_schemas_of


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
    project = Project.at(project_root(args.root, args.paths))
    schemas = load_schemas_of(project)
    files = _collection_files(args.paths, project.collection_files())
    changed: list[Path] = []
    problems: list[Finding] = []
    refused: set[Path] = set()
    unreadable = False
    for path in files:
        try:
            formatted, original = _canonical(path, schemas)
        except _Refused as refusal:
            problems += refusal.findings
            refused.add(path)
            unreadable |= refusal.unreadable
            continue
        if formatted == original and path.read_bytes()[:3] != b"\xef\xbb\xbf":
            continue
        changed.append(path)
        if not args.check:
            write_atomically(path, formatted.encode("utf-8"))
    for finding in problems:
        print(
            f"{display_path(finding.path)}:{finding.line}:{finding.column}: {finding.text()}",
            file=sys.stderr,
        )
    verb = "would reformat" if args.check else "reformatted"
    for path in changed:
        print(f"{verb} {display_path(path)}")
    unchanged = len(files) - len(changed) - len(refused)
    print(
        f"{len(files)} files checked: {len(changed)} {verb}, {unchanged} already canonical"
        + (f", {len(refused)} not formatted" if refused else "")
    )
    if unreadable:
        return 2
    return 1 if problems or (args.check and changed) else 0


class _Refused(Exception):
    """A file fmt leaves as it is, with the findings that say why."""

    def __init__(self, findings: list[Finding], unreadable: bool = False):
        super().__init__()
        self.findings, self.unreadable = findings, unreadable


def _canonical(path: Path, schemas) -> tuple[str, str]:
    """(canonical text, text as it is) of a collection file; _Refused if it cannot be formatted."""
    try:
        original = read_text(path)
    except CollectionError as error:
        raise _Refused([error.finding(str(path))], unreadable=True) from None
    try:
        data = parse_yaml(original)
    except CollectionError:
        data = None
    if not isinstance(data, CommentedMap):  # the reader's own words for what is wrong
        broken = load_collection(path, schemas)[1]
        raise _Refused(
            [_refusal(f) for f in broken if f.code in (FindingCode.YAML, FindingCode.FILE)]
        )
    try:
        return canonical_text(original, schemas, data), original
    except LayoutError as error:
        finding = Finding(
            str(path),
            1,
            code=FindingCode.FMT,
            message=str(error),
            hint="left unchanged; please report this file",
        )
        raise _Refused([finding]) from None


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
