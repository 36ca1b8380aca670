"""Which claims each view shows: the shown claims and their indexes, built once per state of the
knowledge base in one pass over the shown claims, so a generated page reads its own claims, not
every claim of the ledger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..core.claim_filters import select
from ..core.records import Record
from .kb import KnowledgeBase


def shown_claims(kb: KnowledgeBase) -> list[Record]:
    """Every claim a page shows (written in a page, or from a collection a page shows), by id."""
    return kb.selections().claims


def table_rows(kb: KnowledgeBase, filters: dict[str, list[str]]) -> list[Record]:
    """The rows of a `claims` table, in display order (`core.claim_filters.select`)."""
    return select(shown_claims(kb), filters)


class Selections:
    """Shown claims indexed by what the generated pages select them by."""

    def __init__(self, claims: Iterable[Record], entities: Mapping[str, Record]):
        self.claims = list(claims)
        self.about: dict[str, list[Record]] = defaultdict(list)
        self.made: dict[str, list[Record]] = defaultdict(list)
        self.pair: dict[tuple[str, str], list[Record]] = defaultdict(list)
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


def claims_about(kb: KnowledgeBase, rid: str) -> list[Record]:
    return kb.selections().about.get(rid, [])


def claims_made_by(kb: KnowledgeBase, rid: str) -> list[Record]:
    return kb.selections().made.get(rid, [])


def claims_of_pair(kb: KnowledgeBase, metric: str, scope: str) -> list[Record]:
    return kb.selections().pair.get((metric, scope), [])


def claims_citing(kb: KnowledgeBase, sid: str) -> list[Record]:
    return kb.selections().citing.get(sid, [])


def children_of(kb: KnowledgeBase, rid: str) -> list[str]:
    return kb.selections().children.get(rid, [])


def contradictions(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(claim, the claim it contradicts) for every pair of shown claims, sorted."""
    shown = {c.id for c in shown_claims(kb)}
    return sorted(
        {
            (c.id, other)
            for c in shown_claims(kb)
            for other in c.get("contradicts") or []
            if other in shown
        }
    )


def disputed(kb: KnowledgeBase) -> list[Record]:
    return [c for c in shown_claims(kb) if c.get("status") == "disputed"]
