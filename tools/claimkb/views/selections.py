"""Which claims each view shows: the one home of the selections that the views build from and
that incremental builds fingerprint (`views.shown`), so the two can never disagree.

The indexes are built in one pass over the shown claims and kept while the domain's objects
stand: a generated page reads its own claims, not every claim of the ledger.
"""

from __future__ import annotations

from collections import defaultdict

from ..core.claim_filters import select
from ..core.records import Record


def shown_claims(domain) -> list[Record]:
    """Every claim a page shows (written in a page, or from a collection a page shows), by id."""
    return selections(domain).claims


def table_rows(domain, filters: dict[str, list[str]]) -> list[Record]:
    """The rows of a `claims` table, in display order (`core.claim_filters.select`)."""
    return select(shown_claims(domain), filters)


class Selections:
    """Shown claims indexed by what the generated pages select them by."""

    def __init__(self, objects, entities):
        self.claims = [r for (rtype, _), (_, r) in sorted(objects.items()) if rtype == "claim"]
        self.about: dict[str, list[Record]] = defaultdict(list)
        self.made: dict[str, list[Record]] = defaultdict(list)
        self.pair: dict[tuple, list[Record]] = defaultdict(list)
        self.citing: dict[str, list[Record]] = defaultdict(list)
        for record in self.claims:
            for subject in dict.fromkeys(record.get("subject") or []):
                self.about[subject].append(record)
            self.made[record.get("claimant")].append(record)
            self.pair[(record.get("metric"), record.get("scope"))].append(record)
            sources = [record.get("source"), *(record.get("also") or [])]
            for source in dict.fromkeys(sources):
                self.citing[source].append(record)
        self.children: dict[str, list[str]] = defaultdict(list)
        for entity in sorted(entities.values(), key=lambda e: e.id):
            if entity.get("parent"):
                self.children[entity.get("parent")].append(entity.id)


def selections(domain) -> Selections:
    objects = domain.objects
    found = getattr(domain, "_selections", None)
    if found is None or found[0] is not objects:
        found = (objects, Selections(objects, domain.registry.of_type("entity")))
        domain._selections = found
    return found[1]


def claims_about(domain, rid: str) -> list[Record]:
    return selections(domain).about.get(rid, [])


def claims_made_by(domain, rid: str) -> list[Record]:
    return selections(domain).made.get(rid, [])


def claims_of_pair(domain, metric: str, scope: str) -> list[Record]:
    return selections(domain).pair.get((metric, scope), [])


def claims_citing(domain, sid: str) -> list[Record]:
    return selections(domain).citing.get(sid, [])


def children_of(domain, rid: str) -> list[str]:
    return selections(domain).children.get(rid, [])


def contradictions(domain) -> list[tuple[str, str]]:
    """(claim, the claim it contradicts) for every pair of shown claims, sorted."""
    shown = {c.id for c in shown_claims(domain)}
    return sorted(
        {
            (c.id, other)
            for c in shown_claims(domain)
            for other in c.get("contradicts") or []
            if other in shown
        }
    )


def disputed(domain) -> list[Record]:
    return [c for c in shown_claims(domain) if c.get("status") == "disputed"]
