"""Whether a claim is current: computed from the claims, never kept by hand.

A claim is no longer current when a later claim replaces it: one that names it in `supersedes`,
or one of the same claimant, subject, metric, scope and period (or no period on either) stated
later (a later `as_of`): a price list read again, a guidance raised. A claim written
`disputed` or `retracted` keeps that status. `status_of` is the status every reader sees (cards,
exports, lint).

A price goes stale without anyone saying so: `stale_current` lists the current claims about a
price (a metric in money per unit) that state it as of a date (no `period`: a claim about a
stated period, such as 2023's rental prices, stays true of it) last confirmed longer ago than
`REVIEW_AFTER_DAYS`: confirmed by its own date or by a later claim of the same figure that
states the same value (`confirmed_day`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta

from .codes import FindingCode
from .periods import try_period
from .records import Finding, JSONValue, Record, is_number

#: How old a current price may be before `claimkb lint` asks for a look. List prices of
#: language models change several times a year (OpenAI cut o1-mini's from $3 to $1.10 per
#: million input tokens about four months after the price this ledger records; DeepSeek changed
#: its whole price list within a month of announcing it), so a price not confirmed for a year
#: is more likely stale than current.
REVIEW_AFTER_DAYS = 365


def superseded_by(claims: Iterable[Record]) -> dict[str, list[str]]:
    """Claim id -> the ids of the claims that replace it (explicitly or as a later statement of
    the same figure), each list sorted."""
    found: dict[str, set[str]] = {}
    groups: dict[tuple[JSONValue, ...], list[Record]] = {}
    for claim in claims:
        if not claim.id:
            continue
        for old in claim.get("supersedes") or []:
            if isinstance(old, str) and old != claim.id:
                found.setdefault(old, set()).add(claim.id)
        key = _figure_key(claim)
        if key is not None:
            groups.setdefault(key, []).append(claim)
    for group in groups.values():
        for claim in group:
            for other in group:
                if other.get("as_of") > claim.get("as_of"):
                    found.setdefault(claim.id, set()).add(other.id)
    return {cid: sorted(ids) for cid, ids in sorted(found.items())}


def _figure_key(claim: Record) -> tuple[JSONValue, ...] | None:
    """What makes two claims statements of one figure; None when a part is missing."""
    subject = claim.get("subject")
    parts = (claim.get("claimant"), claim.get("metric"), claim.get("scope"), claim.get("as_of"))
    if (
        claim.get("kind") != "figure"
        or not isinstance(subject, list)
        or not all(isinstance(p, str) for p in parts)
    ):
        return None
    return (*parts[:3], tuple(sorted(s for s in subject if isinstance(s, str))),
            claim.get("period") or "")  # fmt: skip


def status_of(record: Record, superseded: Mapping[str, object]) -> str:
    """The status readers see: as written, except that a current claim another replaces is
    `superseded`."""
    written = record.get("status", "current")
    if written == "current" and record.id in superseded:
        return "superseded"
    return written if isinstance(written, str) else "current"


def latest_day(claim: Record) -> date | None:
    """The last day a claim speaks for: the end of its period, else of its as_of."""
    span = try_period(claim.get("period")) or try_period(claim.get("as_of"))
    return span.end if span else None


def confirmed_day(claim: Record, same_figure: Iterable[Record]) -> date | None:
    """The last day a claim is known to hold: its own date, or the date of a later claim of the
    same figure (subject, metric, scope), by anyone, that states the same value (a price list
    read again, by the ledger or a maintained data set such as genai-prices). A `checked` date
    does not count: it says the value was right on the claim's date, not that it still is."""
    days = [latest_day(claim)]
    value = claim.get("value")
    if is_number(value):
        for other in same_figure:
            if other is not claim and is_number(other.get("value")) and _same(other, value):
                days.append(latest_day(other))
    found = [day for day in days if day is not None]
    return max(found) if found else None


def _same(other: Record, value: float) -> bool:
    """Equal within half a percent: a data set's 0.15 and the ledger's 0.150 are one price."""
    return bool(abs(other.get("value") - value) <= 0.005 * abs(value))


def _figure(claim: Record) -> tuple[JSONValue, ...] | None:
    subject = claim.get("subject")
    if not isinstance(subject, list) or claim.get("kind") != "figure":
        return None
    subjects = tuple(sorted(s for s in subject if isinstance(s, str)))
    return (subjects, claim.get("metric"), claim.get("scope"))


def stale_current(
    claims: Iterable[Record],
    superseded: Mapping[str, object],
    is_price: Callable[[object], bool],
    today: date,
    max_age: int = REVIEW_AFTER_DAYS,
) -> list[Finding]:
    """Current claims stating a price (`is_price(metric id)`) as of a date, without a period,
    older than `max_age` days."""
    limit = today - timedelta(days=max_age)
    claims = list(claims)
    by_figure: dict[tuple[JSONValue, ...], list[Record]] = {}
    for claim in claims:
        key = _figure(claim)
        if key is not None:
            by_figure.setdefault(key, []).append(claim)
    findings = []
    for claim in claims:
        key = _figure(claim)
        day = confirmed_day(claim, by_figure.get(key, []) if key is not None else [])
        if (
            claim.id
            and claim.get("kind") == "figure"
            and not claim.get("period")
            and is_price(claim.get("metric"))
            and status_of(claim, superseded) == "current"
            and day is not None
            and day < limit
        ):
            findings.append(
                Finding(claim.location.path, claim.location.line,
                        code=FindingCode.STALE_CURRENT, record_type="claim", record_id=claim.id,
                        field="status",
                        message=f"a current price of {day.isoformat()}, older than "
                        f"{max_age} days",
                        hint="check that it still holds (then record it with a newer claim), "
                        "or add the claim that supersedes it")
            )  # fmt: skip
    return findings
