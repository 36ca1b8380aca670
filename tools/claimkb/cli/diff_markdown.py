"""`claimkb diff --format markdown`: the report as a pull request's job summary on GitHub. What a
reviewer must look at comes first, open; everything else follows in collapsed `<details>`.

Every text that comes from the ledger (ids, titles, values, paths) is escaped: in code spans, or
with Markdown's punctuation and HTML's brackets escaped, so a claim cannot inject markup.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

from ..core.diff.ledger_diff import Change, Entry, LedgerDiff
from .diff_report import (
    dangling_line,
    finding_line,
    flat,
    important_first,
    plural,
    relation_line,
    shorten_pair,
    summary_line,
    unread_line,
    visible,
)

#: GitHub refuses a job summary over 1 MiB
MAX_BYTES = 1_000_000
#: claims named for each page to look at
PAGE_CLAIMS = 5
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def text(value: str) -> str:
    """Plain words in Markdown: HTML's brackets and Markdown's punctuation escaped."""
    return _PUNCTUATION.sub(r"\\\1", html.escape(visible(flat(value)), quote=False))


def code(value: str) -> str:
    """A code span holding `value` exactly (on one line), whatever backticks it holds."""
    value = visible(flat(value))
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def details(summary: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    summary = f"<summary>{html.escape(summary)}</summary>"
    return ["<details>", summary, "", *lines, "", "</details>", ""]


def entry_item(entry: Entry, mark: str) -> list[str]:
    kind = "" if entry.type == "claim" else f"{entry.type} "
    title = f" {text(entry.title)}" if entry.title else ""
    value = f": {code(entry.value_text)}" if entry.value_text else ""
    lines = [f"- {mark} {kind}{code(entry.id)}{title} ({code(where(entry.place))}){value}"]
    if entry.same_content_as:
        other = "added" if mark == "➖" else "removed"
        lines.append(f"  - same content as {other} {code(entry.same_content_as)}: renamed?")
    return lines


def where(place) -> str:
    return f"{place.path}:{place.line}"


def change_item(change: Change) -> list[str]:
    kind = "" if change.type == "claim" else f"{change.type} "
    title = f" {text(change.title)}" if change.title else ""
    place = (
        f"{code(change.before.path)} → {code(where(change.after))}"
        if change.moved
        else code(where(change.after))
    )
    used = f", used by {plural(len(change.used_by), 'claim')}" if change.used_by else ""
    lines = [f"- {kind}**{code(change.id)}**{title} ({place}){used}"]
    for field in change.fields:
        before, after = shorten_pair(field.before_text, field.after_text)
        extra = f" ({field.change_text})" if field.change_text else ""
        name = f"**{field.field}** ⚠️" if field.important else field.field
        lines.append(f"  - {name}: {code(before)} → {code(after)}{extra}")
    if change.pages:
        lines.append(f"  - shown on: {', '.join(code(p) for p in change.pages)}")
    if change.pages_before:
        lines.append(f"  - no longer on: {', '.join(code(p) for p in change.pages_before)}")
    return lines


def format_markdown(diff: LedgerDiff, revisions: dict, color: bool = False) -> str:
    out = [
        f"### Ledger changes: {code(diff.base)} → {code(diff.head)}",
        "",
        f"**{text(summary_line(diff))}**",
    ]
    first = _needs_a_look(diff)
    if first:
        out += ["", "#### Needs a look", "", *first]
    rest = _the_rest(diff)
    if rest:
        out += ["", "#### Other changes", "", *rest]
    return fit("\n".join(out).rstrip("\n") + "\n")


def fit(report: str, limit: int = MAX_BYTES) -> str:
    """The report cut at a line to fit GitHub's limit on a job summary, saying so."""
    if len(report.encode()) <= limit:
        return report
    note = "\n\n**The report is cut here: run `claimkb diff` locally for all of it.**\n"
    cut = report.encode()[: limit - len(note.encode())].decode(errors="ignore")
    return cut[: cut.rfind("\n")] + note


def preview_pages(diff: LedgerDiff) -> list[str]:
    """Each page that shows a claim the change adds, removes or changes, with those claims."""
    pages: dict[str, set[str]] = defaultdict(set)
    for change in diff.changed:
        if change.type == "claim":
            for page in change.pages + change.pages_before:
                pages[page].add(change.id)
    for entry in diff.added + diff.removed:
        if entry.type == "claim":
            for page in entry.pages:
                pages[page].add(entry.id)
    lines = []
    for page, ids in sorted(pages.items()):
        shown = ", ".join(code(i) for i in sorted(ids)[:PAGE_CLAIMS])
        more = f" and {len(ids) - PAGE_CLAIMS} more" if len(ids) > PAGE_CLAIMS else ""
        lines.append(f"- {code(page)}: {shown}{more}")
    return lines


def _items(lines: list[str]) -> list[str]:
    return [f"- {code(line)}" for line in lines]


def _needs_a_look(diff: LedgerDiff) -> list[str]:
    out: list[str] = []

    def group(title: str, lines: list[str]) -> None:
        if lines:
            out.extend([f"**{title}**", "", *lines, ""])

    group("Findings introduced", _items([finding_line(f) for f in diff.findings_introduced]))
    group("Files not read", [f"- {text(unread_line(u, diff))}" for u in diff.unread])
    important = important_first([c for c in diff.changed if c.important])
    group("Important changes", [line for c in important for line in change_item(c)])
    removed = [e for e in diff.removed if e.type == "claim"]
    group("Claims removed", [line for e in removed for line in entry_item(e, "➖")])
    group("Left pointing at something removed", _items([dangling_line(d) for d in diff.dangling]))
    return out[:-1] if out else out


def _the_rest(diff: LedgerDiff) -> list[str]:
    claims = [c for c in diff.changed if c.type == "claim" and not c.important]
    changed = [c for c in claims if c.fields]
    moved = [c for c in claims if c.moved and not c.fields]
    added = [e for e in diff.added if e.type == "claim"]
    records = [e for e in diff.added if e.type != "claim"]
    gone = [e for e in diff.removed if e.type != "claim"]
    other = [c for c in diff.changed if c.type != "claim" and not c.important]
    relations = [f"- ➕ {code(relation_line(r))}" for r in diff.relations_added]
    relations += [f"- ➖ {code(relation_line(r))}" for r in diff.relations_removed]
    pages = preview_pages(diff)
    return [
        *details(f"Claims changed ({len(changed)})", [x for c in changed for x in change_item(c)]),
        *details(f"Claims moved ({len(moved)})", [x for c in moved for x in change_item(c)]),
        *details(f"Claims added ({len(added)})", [x for e in added for x in entry_item(e, "➕")]),
        *details(
            f"Registry records ({len(records) + len(gone) + len(other)})",
            [x for e in records for x in entry_item(e, "➕")]
            + [x for e in gone for x in entry_item(e, "➖")]
            + [x for c in other for x in change_item(c)],
        ),
        *details(f"Relations ({len(relations)})", relations),
        *details(
            f"Findings fixed ({len(diff.findings_fixed)})",
            _items([finding_line(f) for f in diff.findings_fixed]),
        ),
        *details(f"Pages to look at in the preview ({len(pages)})", pages),
    ]
