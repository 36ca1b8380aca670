"""Findings introduced and fixed by a change: two lists of findings in, matched by what they
say rather than where, so that lines moving above a finding neither fix nor introduce it. A
file's line in a message (`also defined at claims/x.yaml:12`) is ignored too."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..records import Finding

_LINE_IN_TEXT = re.compile(r"(\.(?:md|ya?ml)):\d+")


def compare_findings(
    before: list[Finding], after: list[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """(introduced, fixed): findings matched by file, code, record, field and words, never by
    their line, so that lines moving do not count as a change."""
    return _unmatched(after, before), _unmatched(before, after)


def relative_finding(finding: Finding, root: str) -> Finding:
    """The finding with its path, and the paths its words name, relative to `root`."""
    prefix = root.rstrip("/") + "/"
    path = finding.path
    return replace(
        finding,
        path=path[len(prefix) :] if path.startswith(prefix) else path,
        message=finding.message.replace(prefix, ""),
        hint=finding.hint.replace(prefix, ""),
    )


def _finding_key(finding: Finding) -> tuple[str, ...]:
    return (
        finding.path,
        str(finding.code),
        finding.record_type,
        finding.record_id,
        finding.field,
        _LINE_IN_TEXT.sub(r"\1", finding.message),
        _LINE_IN_TEXT.sub(r"\1", finding.hint),
    )


def _unmatched(findings: list[Finding], others: list[Finding]) -> list[Finding]:
    available = Counter(_finding_key(f) for f in others)
    found = []
    for finding in sorted(findings):
        key = _finding_key(finding)
        if available[key]:
            available[key] -= 1
        else:
            found.append(finding)
    return found
