"""One figure, one claim: likely duplicates are figures with the same claimant, subject, metric,
scope, method and period whose values are within 0.5% of each other. No Sphinx here.

A page that needs a figure defined elsewhere shows it with ```{claim-card} id```.
"""

from __future__ import annotations

from collections import defaultdict

from .codes import FindingCode
from .currency import stated_currency
from .records import Finding, Record, is_number
from .validate import record_finding

#: how close two values must be, relative to the larger, to be taken for one figure
SAME_VALUE = 0.005


def _key(record: Record) -> tuple[str, ...] | None:
    fields = [record.get(name) for name in ("claimant", "metric", "scope", "method")]
    subject = record.get("subject")
    if not all(isinstance(f, str) for f in fields) or not isinstance(subject, list):
        return None
    # the currency too: a figure stated in euros and one in dollars are written differently
    return (*fields, tuple(sorted(map(str, subject))), stated_currency(record.data))


def _same_period(a: Record, b: Record) -> bool:
    """Both give the same period, or one gives none (it may be about the same time)."""
    first, second = a.get("period"), b.get("period")
    return not isinstance(first, str) or not isinstance(second, str) or first == second


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b))


def _same(a: Record, b: Record) -> bool:
    return a.id != b.id and _same_period(a, b) and _close(a.get("value"), b.get("value"))


def check_duplicate_figures(records: list[Record], flagged: set[str]) -> list[Finding]:
    """Each likely duplicate, reported on the one read later, naming the first and its place.
    Claims with other findings (`flagged` ids) are left out: their mistakes come first."""
    groups: dict[tuple[str, ...], list[Record]] = defaultdict(list)
    for record in records:
        key = _key(record) if record.type == "claim" and record.id not in flagged else None
        if key is not None and is_number(record.get("value")):
            groups[key].append(record)
    findings = []
    for group in groups.values():
        group.sort(key=lambda r: (r.location.path, r.location.line, r.id))
        for index, record in enumerate(group):
            first = next((o for o in group[:index] if _same(o, record)), None)
            if first is None:
                continue
            message = (
                f"likely the same figure as claim {first.id!r} "
                f"({first.location.path}:{first.location.line}): same claimant, subject, metric, "
                "scope, method and period, values within 0.5%"
            )
            hint = f"keep one claim and show it here with ```{{claim-card}} {first.id}```"
            findings.append(
                record_finding(record, "value", message, hint, code=FindingCode.SAME_FIGURE)
            )
    return findings
