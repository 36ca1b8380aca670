"""`claimkb lint`'s findings in the prose of pages: figures written outside claims, a value's unit
or bound written twice, roles glued to a word, and developer identifiers on reader pages (the
rules are `core.prose_checks`; the pages are read by `myst.prose`)."""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path

from markdown_it import MarkdownIt

from ..core.codes import FindingCode
from ..core.formatting import format_value
from ..core.prose_checks import (
    READER_PAGES,
    doubled_words,
    glued,
    identifiers,
    missing_spaces,
)
from ..core.records import Finding, Record
from ..myst.prose import ProseScan, scan_prose
from .knowledge_base import KnowledgeBase


def prose_findings(base: KnowledgeBase, texts: dict[str, str], md: MarkdownIt) -> list[Finding]:
    claims = {c.id: c for c in base.claims if c.id}
    record_ids = {r.id for r in base.records if r.id}
    readers = base.conf.get("claimkb_reader_pages", READER_PAGES)
    findings: list[Finding] = []
    for path in sorted(texts):
        scan = scan_prose(texts[path], md)
        findings += figure_findings(path, scan)
        findings += role_findings(base, path, scan, claims)
        if is_reader_page(base, path, readers):
            findings += identifier_findings(path, scan, record_ids, texts[path].splitlines())
    return findings


def is_reader_page(base: KnowledgeBase, path: str, patterns) -> bool:
    try:
        docname = Path(path).resolve().relative_to((base.root / "docs").resolve())
    except ValueError:
        return False
    name = docname.with_suffix("").as_posix()
    return any(fnmatchcase(name, pattern) for pattern in patterns)


def figure_findings(path: str, scan: ProseScan) -> list[Finding]:
    return [
        Finding(path, figure.line, figure.column, code=FindingCode.PROSE_FIGURE,
                message=f"{figure.kind} figure {figure.text!r} written in prose",
                hint="make it a claim and show it with {claim-value}`claim-id`")
        for figure in scan.figures
    ]  # fmt: skip


def role_findings(
    base: KnowledgeBase, path: str, scan: ProseScan, claims: dict[str, Record]
) -> list[Finding]:
    findings = []
    for role in scan.roles:
        target = role.target.rsplit("<", 1)[-1].rstrip(">").strip()
        if glued(role.before, role.after):
            findings.append(
                Finding(path, role.line, role.column, code=FindingCode.MISSING_SPACE,
                        record_type="role", record_id=target,
                        message=f"{{{role.name}}} is glued to the word next to it",
                        hint="put a space between the role and the word")
            )  # fmt: skip
        claim = claims.get(target)
        if role.name != "claim-value" or claim is None:
            continue
        shown = format_value(claim.data, base.registry.unit_of(claim.get("metric")))
        doubled = doubled_words(shown, role.before, role.after) if shown else ""
        if doubled:
            findings.append(
                Finding(path, role.line, role.column, code=FindingCode.DOUBLED_WORDS,
                        record_type="role", record_id=target,
                        message=f"the value shows {shown!r}; the prose around it repeats "
                        f"{doubled!r}",
                        hint="leave the unit and the bound to the value")
            )  # fmt: skip
    return findings


def identifier_findings(
    path: str, scan: ProseScan, record_ids: set[str], lines: list[str]
) -> list[Finding]:
    hint = "say it in words for readers; ids, files and commands belong in the contributors' guide"
    findings = [
        Finding(path, code.line, code.column, code=FindingCode.IDENTIFIER,
                message=f"inline code {code.text!r} in a reader page", hint=hint)
        for code in scan.code
    ]  # fmt: skip
    for text, line in scan.runs:
        for word in identifiers(text, record_ids):
            at = line + text.count("\n", 0, text.find(word))
            findings.append(
                Finding(path, at, column_of(lines, at, word), code=FindingCode.IDENTIFIER,
                        message=f"identifier {word!r} in a reader page's prose", hint=hint)
            )  # fmt: skip
        for words in missing_spaces(text):
            at = line + text.count("\n", 0, text.find(words))
            findings.append(
                Finding(path, at, column_of(lines, at, words), code=FindingCode.MISSING_SPACE,
                        message=f"{words!r}: two words run together",
                        hint="put a space between them")
            )  # fmt: skip
    return findings


def column_of(lines: list[str], line: int, text: str) -> int:
    """The 1-based column of `text` on `line` (1 when it is not found there)."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return source.find(text) + 1 if text in source else 1
