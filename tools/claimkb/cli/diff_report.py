"""`claimkb diff` for a terminal: one section per kind of change, what a reviewer must look at
first (findings introduced, important changes, removals), coloured when asked."""

from __future__ import annotations

import re

from ..core.diff.field_changes import FieldChange
from ..core.diff.ledger_diff import Change, Dangling, Entry, LedgerDiff, Relation, Unread
from ..core.records import Finding

#: ANSI styles of the text format
STYLES = {"heading": "1", "+": "32", "-": "31", "~": "33", "!": "1;31", "dim": "2"}
WIDTH = 72


class Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, name: str, text: str) -> str:
        return f"\x1b[{STYLES[name]}m{text}\x1b[0m" if self.color and text else text


def plural(count: int, word: str, words: str = "") -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def summary_line(diff: LedgerDiff) -> str:
    """`2 claims added, 1 removed, 3 changed (2 to look at); ...`, or that nothing changed."""
    s = diff.summary()
    parts = []
    claims = [
        f"{s[f'claims_{kind}']} {kind}"
        for kind in ("added", "removed", "moved", "changed")
        if s[f"claims_{kind}"]
    ]
    if claims:
        parts.append("claims: " + ", ".join(claims))
    records = [
        f"{s[f'records_{k}']} {k}" for k in ("added", "removed", "changed") if s[f"records_{k}"]
    ]
    if records:
        parts.append("registry records: " + ", ".join(records))
    relations = [f"{s[f'relations_{k}']} {k}" for k in ("added", "removed") if s[f"relations_{k}"]]
    if relations:
        parts.append("relations: " + ", ".join(relations))
    if s["important_changes"]:
        parts.append(plural(s["important_changes"], "change") + " to look at")
    if s["dangling"]:
        parts.append(plural(s["dangling"], "reference") + " to something removed")
    if s["unread"]:
        parts.append(plural(s["unread"], "file") + " not read")
    findings = [f"{s[f'findings_{k}']} {k}" for k in ("introduced", "fixed") if s[f"findings_{k}"]]
    if findings:
        parts.append("findings: " + ", ".join(findings))
    return "; ".join(parts) if parts else "no change to the ledger"


def important_first(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (not c.important, c.id))


def flat(text: str) -> str:
    """On one line: every run of whitespace, line ends included, one space."""
    return " ".join(text.split())


#: control characters (a terminal's escape sequences) and the Unicode controls that reorder text
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """The ledger's text as a reviewer must see it: a control character is written as its
    escape (`\\x1b`, `\\u202e`), never sent to the terminal or the page."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten_pair(before: str, after: str, width: int = WIDTH) -> tuple[str, str]:
    """Two long texts cut to the part where they differ, with a little context either side;
    `(whitespace only)` when they differ only in spacing."""
    before, after = flat(before), flat(after)
    if before == after:
        return before[:width] + ("…" if len(before) > width else ""), "(whitespace only)"
    if len(before) <= width and len(after) <= width:
        return before, after
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    start = before.rfind(" ", 0, max(0, start - 20)) + 1  # from a word's start

    def cut(text: str) -> str:
        stop = min(len(text), len(text) - end + 20)
        piece = text[start:stop]
        if len(piece) > width:
            piece, stop = piece[: width - 1], start + width - 1
        return ("…" if start else "") + piece + ("…" if stop < len(text) else "")

    return cut(before), cut(after)


def field_line(change: FieldChange) -> str:
    before, after = shorten_pair(change.before_text, change.after_text)
    extra = f" ({change.change_text})" if change.change_text else ""
    return visible(f"{change.field}: {before} → {after}{extra}")


def where(place) -> str:
    return f"{place.path}:{place.line}"


def finding_line(finding: Finding) -> str:
    return visible(f"{finding.path}:{finding.line}:{finding.column}: {finding.text()}")


def entry_head(entry: Entry) -> str:
    title = f" — {flat(entry.title)}" if entry.title else ""
    kind = "" if entry.type == "claim" else f"{entry.type} "
    value = f": {entry.value_text}" if entry.value_text else ""
    return visible(f"{kind}{entry.id}{title} ({where(entry.place)}){value}")


def change_head(change: Change) -> str:
    title = f" — {flat(change.title)}" if change.title else ""
    kind = "" if change.type == "claim" else f"{change.type} "
    place = f"{change.before.path} → {where(change.after)}" if change.moved else where(change.after)
    used = f", used by {plural(len(change.used_by), 'claim')}" if change.used_by else ""
    return visible(f"{kind}{change.id}{title} ({place}){used}")


def relation_line(relation: Relation) -> str:
    return visible(
        f"{relation.claim} {relation.relation} {relation.target} ({where(relation.place)})"
    )


def dangling_line(item: Dangling) -> str:
    who = f"{item.record_type} {item.record_id}".strip()
    field = f": {item.field}" if item.field else ""
    return visible(
        f"{who}{field} names removed {item.target_type} {item.target} ({where(item.place)})"
    )


def unread_line(item: Unread, diff: LedgerDiff) -> str:
    side = diff.head if item.side == "head" else diff.base
    other = diff.base if item.side == "head" else diff.head
    return visible(
        f"{item.path} cannot be read at {side} (see the findings): "
        f"{plural(item.records, 'record')} of {other} in it not compared"
    )


def pages_lines(pages: tuple[str, ...], before: tuple[str, ...]) -> list[str]:
    lines = [f"shown on: {', '.join(pages)}"] if pages else []
    if before:
        lines.append(f"no longer on: {', '.join(before)}")
    return [visible(line) for line in lines]


def format_text(diff: LedgerDiff, revisions: dict, color: bool = False) -> str:
    style = Style(color)
    out = [style("heading", f"Ledger changes from {diff.base} to {diff.head}"), summary_line(diff)]
    for title, items in text_sections(diff, style):
        if items:
            out += ["", style("heading", f"{title} ({len(items)})")]
            out += [line for item in items for line in item]
    return "".join(f"{line}\n" for line in out)


def text_sections(diff: LedgerDiff, style: Style) -> list[tuple[str, list[list[str]]]]:
    """(title, items) of the text report, in the order a reviewer reads them; an item is its
    first line and the lines below it."""
    claims = [c for c in diff.changed if c.type == "claim"]
    records = [c for c in diff.changed if c.type != "claim"]
    return [
        ("Findings introduced", [[finding_line(f)] for f in diff.findings_introduced]),
        ("Files not read", [[unread_line(u, diff)] for u in diff.unread]),
        ("Claims changed", _change_items(important_first([c for c in claims if c.fields]), style)),
        ("Claims removed", _entry_items(_claims(diff.removed), "-", style)),
        ("Left pointing at something removed", [[dangling_line(d)] for d in diff.dangling]),
        ("Claims moved", [[style("~", "~ ") + change_head(c)] for c in claims if c.moved]),
        ("Claims added", _entry_items(_claims(diff.added), "+", style)),
        (
            "Registry records",
            _entry_items(_claims(diff.added, False), "+", style)
            + _entry_items(_claims(diff.removed, False), "-", style)
            + _change_items(important_first(records), style),
        ),
        (
            "Relations",
            [[style("+", "+ ") + relation_line(r)] for r in diff.relations_added]
            + [[style("-", "- ") + relation_line(r)] for r in diff.relations_removed],
        ),
        ("Findings fixed", [[finding_line(f)] for f in diff.findings_fixed]),
    ]


def _claims(entries: list[Entry], claims: bool = True) -> list[Entry]:
    return [e for e in entries if (e.type == "claim") == claims]


def _entry_items(entries: list[Entry], mark: str, style: Style) -> list[list[str]]:
    items = []
    for entry in entries:
        lines = [style(mark, f"{mark} ") + entry_head(entry)]
        if entry.same_content_as:
            other = "added" if mark == "-" else "removed"
            lines.append(
                f"    same content as {other} {entry.type} {entry.same_content_as}: renamed?"
            )
        lines += [f"    {line}" for line in pages_lines(entry.pages, ())]
        items.append(lines)
    return items


def _change_items(changes: list[Change], style: Style) -> list[list[str]]:
    items = []
    for change in changes:
        mark = "!" if change.important else "~"
        lines = [style(mark, f"{mark} ") + change_head(change)]
        for field in change.fields:
            flag = style("!", "! ") if field.important else "  "
            lines.append(f"  {flag}{field_line(field)}")
        lines += [f"    {line}" for line in pages_lines(change.pages, change.pages_before)]
        items.append(lines)
    return items
