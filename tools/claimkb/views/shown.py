"""What each page shows of the knowledge base, as one fingerprint per page.

A page's views are built at write time from the domain, so a page must be rewritten when what its
views show changes, even if its source did not. Each page notes at read time what it shows (the
claims written in it, the records of collections it shows, the claims its roles, `compare` and
`claim-card` blocks name, its `claims` tables' filters, the generated page it is); its
fingerprint hashes exactly the data those views read: for a table row, the claim's listed fields,
where it lives and the names of the records it names; for a card, also its statement, the claims
it relates to (both ways) and its formula's inputs. An incremental build rewrites the pages whose
fingerprint changed (`sphinx_ext.events`), and no other.

The selections (which claims a table or a generated page lists) come from `views.selections`,
the same functions the views build with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from ..core.formulas import formula_ids
from ..core.records import RELATIONS, REVERSE_RELATIONS, Record
from ..core.time_checks import claims_by_id
from . import selections as pick

#: Fields a claim's card shows but no list of claims does (tables, generated pages, compare)
CARD_ONLY_FIELDS = frozenset({"text", "quote", "locator"})
#: Fields `core.formatting.format_value` reads (the dates give the ECB rate of money stated in
#: another currency)
VALUE_FIELDS = ("value", "low", "high", "currency", "period", "as_of")
#: claim field -> the type of the records it names, which views show by name and link to
NAMED = (
    ("metric", "metric"),
    ("scope", "scope"),
    ("method", "method"),
    ("subject", "entity"),
    ("claimant", "entity"),
    ("source", "source"),
    ("also", "source"),
)


def digest(value) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True, default=repr).encode()).hexdigest()


def ids_in(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str)]


def listed_fields(record: Record) -> dict:
    return {k: v for k, v in record.data.items() if k not in CARD_ONLY_FIELDS}


class PageFingerprints:
    """Fingerprints of what pages show, for one state of the domain; each part computed once."""

    def __init__(self, domain):
        self.domain = domain
        self.registry = domain.registry
        self.objects = domain.objects
        self.memo: dict[tuple, str] = {}
        self.formula_inputs = claims_by_id(self.registry.records + domain.page_claims())
        # what every page shows: the theme links the claim index from every page when it exists
        self.every_page = bool(pick.shown_claims(domain))

    def once(self, key: tuple, compute: Callable[[], object]) -> str:
        if key not in self.memo:
            self.memo[key] = digest(compute())
        return self.memo[key]

    # --- what one thing shows -----------------------------------------------------------------
    def link(self, rtype: str, rid) -> str:
        """A link to a record: its name, its tooltip (definition, description), its home."""

        def compute():
            found = self.objects.get((rtype, rid))
            record = self.registry.of_type(rtype).get(rid)
            return [found[0] if found else None, record.data if record else None]

        return self.once(("link", rtype, rid if isinstance(rid, str) else repr(rid)), compute)

    def names(self, record: Record) -> list[str]:
        return [
            self.link(rtype, rid) for field, rtype in NAMED for rid in ids_in(record.get(field))
        ]

    def listed(self, record: Record) -> str:
        """A claim as a row of a table or a generated page lists it."""

        def compute():
            home = self.objects.get(("claim", record.id))
            fields = listed_fields(record)
            return [
                record.id,
                home[0] if home else None,
                fields,
                record.invalid,
                self.names(record),
            ]

        return self.once(("listed", id(record)), compute)

    def reference(self, claim_id, record: Record | None = None) -> str:
        """A claim as a formula's input: its fields (a formula's check reads its value, bounds,
        period, unit...) and where it lives; not the names of the records it names."""
        found = self.objects.get(("claim", claim_id)) if isinstance(claim_id, str) else None
        if record is None and found is not None:
            record = found[1]
        if record is None:
            return digest([repr(claim_id), None])

        def compute():
            unit = self.registry.unit_of(record.get("metric"))
            return [
                record.id,
                found[0] if found else None,
                listed_fields(record),
                record.invalid,
                unit,
            ]

        return self.once(("reference", id(record), found[0] if found else None), compute)

    def titled(self, claim_id) -> str:
        """A link to a claim with its title: the title and where the claim lives."""
        found = self.objects.get(("claim", claim_id)) if isinstance(claim_id, str) else None
        if found is None:
            return digest([repr(claim_id), None])
        return digest([claim_id, found[0], found[1].get("title")])

    def valued(self, claim_id) -> str:
        """A claim's value as `{claim-value}` shows it (its title when it has none)."""
        found = self.objects.get(("claim", claim_id)) if isinstance(claim_id, str) else None
        if found is None:
            return digest([repr(claim_id), None])
        record = found[1]
        numbers = [record.get(field) for field in VALUE_FIELDS]
        unit = self.registry.unit_of(record.get("metric"))
        return digest([self.titled(claim_id), numbers, unit])

    def card(self, record: Record) -> str:
        def compute():
            related = [
                self.titled(i) for field, _label in RELATIONS for i in ids_in(record.get(field))
            ]
            inputs = [
                self.reference(i, self.formula_inputs.get(i))
                for i in formula_ids(record.get("formula"))
            ]
            reverse = (
                [
                    [self.titled(i) for i in self.domain.referrers(field, record.id)]
                    for field, _label in REVERSE_RELATIONS
                ]
                if record.id
                else []
            )
            return [self.listed(record), record.data, related, inputs, reverse]

        return self.once(("card", id(record)), compute)

    # --- what one page shows ------------------------------------------------------------------
    def page(self, docname: str) -> str:
        data = self.domain.data
        parts: list = [self.card(record) for record in data["claims"].get(docname, [])]
        claims = self.registry.of_type("claim")
        for rtype, rid in data["shown"].get(docname, []):
            record = claims.get(rid) if rtype == "claim" else None
            parts.append(self.card(record) if record is not None else self.link(rtype, rid))
        for ref in data["refs"].get(docname, []):
            parts.append(self.named(ref.via, ref.target))
        for view in data["views"].get(docname, []):
            parts.append(self.view(*view))
        return digest([self.every_page, parts])

    def named(self, via: str, target: str):
        """A claim named by a role (`claim`, `claim-value`), `compare` or `claim-card`."""
        if via == "claim-card":
            found = self.objects.get(("claim", target))
            return self.card(found[1]) if found else digest([target, None])
        if via == "claim":
            return self.titled(target)
        if via == "claim-value":
            return self.valued(target)
        if via == "compare":
            found = self.objects.get(("claim", target))
            return self.listed(found[1]) if found else digest([target, None])
        return None  # collections, registry lists and filters: noted as shown records or views

    def view(self, kind: str, *args) -> str:
        return self.once(
            ("view", kind, json.dumps(args, sort_keys=True)), lambda: VIEWS[kind](self, *args)
        )


def _table(fp: PageFingerprints, filters) -> list:
    return [fp.listed(r) for r in pick.table_rows(fp.domain, filters)]


def _entity(fp: PageFingerprints, rid: str) -> list:
    domain = fp.domain
    entity = domain.registry.of_type("entity").get(rid)
    parent = entity.get("parent") if entity else None
    return [
        fp.link("entity", rid),
        fp.link("entity", parent) if parent else None,
        [fp.link("entity", child) for child in pick.children_of(domain, rid)],
        [fp.listed(r) for r in pick.claims_about(domain, rid)],
        [fp.listed(r) for r in pick.claims_made_by(domain, rid)],
    ]


def _source(fp: PageFingerprints, sid: str) -> list:
    return [fp.link("source", sid), [fp.listed(r) for r in pick.claims_citing(fp.domain, sid)]]


def _pair(fp: PageFingerprints, metric: str, scope: str) -> list:
    rows = pick.claims_of_pair(fp.domain, metric, scope)
    return [fp.link("metric", metric), fp.link("scope", scope), [fp.listed(r) for r in rows]]


def _sources(fp: PageFingerprints) -> list:
    sources = sorted(fp.registry.of_type("source"))
    return [
        [fp.link("source", sid), [fp.titled(c.id) for c in pick.claims_citing(fp.domain, sid)]]
        for sid in sources
    ]


def _disputes(fp: PageFingerprints) -> list:
    shown = fp.objects
    pairs = [
        [fp.listed(shown[("claim", left)][1]), fp.listed(shown[("claim", right)][1])]
        for left, right in pick.contradictions(fp.domain)
    ]
    return [pairs, [fp.listed(r) for r in pick.disputed(fp.domain)]]


def _timeline(fp: PageFingerprints) -> list:
    return [fp.listed(r) for r in pick.shown_claims(fp.domain)]


def _entity_list(fp: PageFingerprints, *ids: str) -> list:
    return [fp.link("entity", rid) for rid in ids]


def _pair_list(fp: PageFingerprints, metric: str, *scopes: str) -> list:
    return [fp.link("metric", metric), *(fp.link("scope", rid) for rid in scopes)]


#: view kind (as pages note it) -> what it shows
VIEWS: dict[str, Callable] = {
    "table": _table,
    "entity": _entity,
    "source": _source,
    "pair": _pair,
    "sources": _sources,
    "disputes": _disputes,
    "timeline": _timeline,
    "entity_list": _entity_list,
    "pair_list": _pair_list,
}
