"""`claimkb diff [BASE [HEAD]]`: what a change does to the ledger, claim by claim, for reviewers.

BASE and HEAD are git revisions. Without BASE: the merge base of HEAD with the default branch
(the first of origin/HEAD, origin/main, origin/master, main, master that exists). Without HEAD:
the working tree, uncommitted changes included. Both sides are read as `claimkb validate` reads
the project (no Sphinx build); a revision's files come from git's objects, nothing is checked out.

Exit status: 0 for any difference; 1 with `--fail-on findings` when the change introduces
findings; 2 for a usage error (not a git repository, an unknown revision, a shallow clone
missing BASE).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core.diff.ledger_diff import Side, compare
from ..core.diff.site_pages import claim_pages, record_pages
from .common import UsageError, add_root_argument, project_root
from .diff_json import format_json
from .diff_markdown import format_markdown
from .diff_report import format_text
from .git_tree import GitRepository
from .knowledge_base import DISK, KnowledgeBase, Memo, Source, load_knowledge_base

WORKING_TREE = "the working tree"
FORMATS = {"text": format_text, "markdown": format_markdown, "json": format_json}


@dataclass(frozen=True)
class Revision:
    """One side of the comparison as the user named it."""

    label: str
    #: what was given (None: the default), and the commit read (None: the working tree)
    given: str | None
    commit: str | None


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="what a change does to the ledger, claim by claim (for reviewers)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "base",
        nargs="?",
        metavar="BASE",
        help="git revision to compare from (default: the merge base with the default branch)",
    )
    parser.add_argument(
        "head",
        nargs="?",
        metavar="HEAD",
        help="git revision to compare to (default: the working tree, uncommitted changes included)",
    )
    parser.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="text",
        help="text (default; coloured in a terminal), markdown (a pull request's job summary) "
        "or json (see schema/diff.schema.json)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text format: auto (default) when writing to a terminal and NO_COLOR is "
        "not set",
    )
    parser.add_argument(
        "--fail-on",
        choices=("findings",),
        help="exit 1 when the change introduces findings",
    )
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = project_root(args.root)
    repository = GitRepository(root)
    base, base_source = _base(repository, args.base)
    head, head_source = _head(repository, args.head)
    memo = Memo()  # a file the change leaves alone is read once
    diff = compare(_side(root, base, base_source, memo), _side(root, head, head_source, memo))
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    print(FORMATS[args.format](diff, {"base": base, "head": head}, color), end="")
    if args.fail_on == "findings" and diff.findings_introduced:
        return 1
    return 0


def _base(repository: GitRepository, given: str | None) -> tuple[Revision, Source]:
    if given is None:
        label, commit = repository.default_base()
        return Revision(f"{commit[:12]} ({label})", None, commit), repository.tree(commit)
    commit = repository.commit(given)
    return Revision(f"{given} ({commit[:12]})", given, commit), repository.tree(commit)


def _head(repository: GitRepository, given: str | None) -> tuple[Revision, Source]:
    if given is None:
        return Revision(WORKING_TREE, None, None), DISK
    commit = repository.commit(given)
    return Revision(f"{given} ({commit[:12]})", given, commit), repository.tree(commit)


def _side(root: Path, revision: Revision, source: Source, memo: Memo) -> Side:
    try:
        base = load_knowledge_base(root, source, memo)
    except UsageError as error:
        raise UsageError(f"at {revision.label}: {error.message}", error.hint) from None
    return side_of(base, revision.label)


def side_of(base: KnowledgeBase, label: str) -> Side:
    """A knowledge base as one side of a comparison, with the pages that show each record."""
    pages_dir = base.conf.get("claimkb_pages_dir") or ""
    pages_dir = pages_dir if isinstance(pages_dir, str) else ""
    page_claims = [r for page in base.pages for r in page.claims]
    references = [(page.docname or "", ref) for page in base.pages for ref in page.references]
    tables = [(page.docname or "", table) for page in base.pages for table in page.tables]
    return Side(
        label,
        str(base.root),
        base.registry,
        page_claims,
        base.findings,
        base.references,
        claim_pages(base.registry, page_claims, references, tables, pages_dir),
        record_pages(base.registry, references, pages_dir),
    )
