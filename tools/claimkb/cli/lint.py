"""`claimkb lint [PATH ...]`: source hygiene, as `claimkb validate` reports and exits.

Flags a dollar or GPU figure written in a page's prose instead of as a claim, a value's unit or
bound written again around it, a role glued to a word, a developer's identifier on a reader page
(`lint_prose`), a source that no claim cites, an entity that nothing refers to, a `contradicts`
between claims that do not disagree, a total under a one-item scope, and a current price older
than a year (`core.current_status`). Exit status: 0 nothing found, 1 findings, 2 usage error or a
file that cannot be read.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

from ..core.collection_reader import CollectionError, read_text
from ..core.current_status import stale_current, superseded_by
from ..core.hygiene import UNUSED, idle_contradictions, scope_mismatches, unused
from ..core.records import Finding
from ..myst.scanner import markdown_parser, md_config
from .common import Project, add_root_argument, project_root
from .knowledge_base import KnowledgeBase, load_knowledge_base
from .lint_prose import prose_findings
from .output import FORMATTERS, add_format_argument, selected


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="find figures written outside claims, doubled words, unused sources and entities",
        description="Find dollar and GPU figures written in the prose of pages instead of as "
        "claims (code, roles, claims and block quotes are not prose), a claim value's unit or "
        "bound written again around it, roles glued to a word, developer identifiers on reader "
        "pages, sources cited by no claim, entities nothing refers to, contradictions between "
        "claims that do not disagree, totals under one-item scopes and stale current prices. "
        "Exit status: 0 clean, 1 findings, 2 usage error or unreadable input.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="report only findings in these files or folders",
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to measure the age of current prices from (default: today)",
    )
    add_format_argument(parser, "text (default), json or github")
    add_root_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = project_root(args.root, args.paths)
    base = load_knowledge_base(root)
    md = markdown_parser(md_config(Project.at(root).conf))
    texts = {}
    for page in base.pages:
        try:
            texts[page.path] = read_text(Path(page.path))
        except CollectionError:  # validate reports it; lint checks what it can read
            base.unreadable.add(page.path)
    today = args.today or date.today()
    findings = [f for f in lint(base, texts, md, today) if selected(f, args.paths)]
    print(FORMATTERS[args.format](base, findings), end="")
    if base.unreadable:
        return 2
    return 1 if findings else 0


def lint(
    base: KnowledgeBase, texts: dict[str, str], md: MarkdownIt, today: date | None = None
) -> list[Finding]:
    """Every lint finding of a knowledge base whose page texts (by path) are `texts`."""
    findings = prose_findings(base, texts, md)
    for rtype in UNUSED:
        findings += unused(base.records, base.registry.schemas, rtype)
    claims = [r for r in base.records if r.type == "claim"]
    findings += idle_contradictions(claims, base.registry)
    findings += scope_mismatches(claims, base.registry)
    findings += stale_current(
        claims, superseded_by(claims), lambda m: is_price(base, m), today or date.today()
    )
    return sorted(findings)


def is_price(base: KnowledgeBase, metric_id: object) -> bool:
    """A metric in money per unit (per token, per GPU-hour): a price that sellers change."""
    metric = base.registry.of_type("metric").get(metric_id) if isinstance(metric_id, str) else None
    unit = metric.get("unit") if metric else None
    return isinstance(unit, str) and unit.replace(" ", "").startswith("USD/")
