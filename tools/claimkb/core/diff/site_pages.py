"""Which pages of the built site show a claim or a registry record, worked out from the records
and what the pages name, without building the site.

A claim is shown by the page it is written in, or, for a collection's claim, by the pages with a
`claim-collection` of its file (or a `registry` of `claims`); then by the pages whose roles or
`compare` blocks name it and whose `claims` tables match it; and, when the site has generated
pages (`claimkb_pages_dir`), by the pages of its subjects and claimant, of its sources, of its
metric and scope, the sources page, the timeline and its year's page, and the disputes page when
it is disputed or contradicts (or is contradicted by) a shown claim. Page names are docnames, as
in the site's addresses: `explainers/deepseek-r1-cost`, `kb/entity/deepseek`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..claim_filters import select, timeline_year
from ..page_names import GENERATED, entity_doc, pair_doc, source_doc
from ..records import JSONValue, PageReference, Record
from ..registry import Registry


def _listed(value: JSONValue) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str)]


def shown_claims(
    registry: Registry, page_claims: list[Record], references: Iterable[tuple[str, PageReference]]
) -> dict[str, tuple[Record, set[str]]]:
    """id -> (the claim, the docnames of the pages that carry its card) of every shown claim."""
    shown: dict[str, tuple[Record, set[str]]] = {}
    for record in page_claims:
        if record.id:
            shown.setdefault(record.id, (record, set()))[1].add(record.docname or "")
    collection_claims = [r for r in registry.records if r.type == "claim" and r.id]
    for docname, ref in references:
        if ref.via == "claim-collection":
            records = registry.claims_of(ref.target)
        elif ref.via == "registry" and ref.target == "claims":
            records = collection_claims
        else:
            continue
        for record in records:
            if record.id:
                shown.setdefault(record.id, (record, set()))[1].add(docname)
    return shown


def claim_pages(
    registry: Registry,
    page_claims: list[Record],
    references: list[tuple[str, PageReference]],
    tables: list[tuple[str, dict[str, list[str]]]],
    pages_dir: str = "",
) -> dict[str, tuple[str, ...]]:
    """Shown claim id -> the docnames of every page that shows it, sorted."""
    shown = shown_claims(registry, page_claims, references)
    found: dict[str, set[str]] = {cid: set(homes) for cid, (_, homes) in shown.items()}
    for docname, ref in references:
        named = ref.via == "key-figures" and ref.option == "claims"
        if (named or ref.via in ("claim", "claim-value", "compare")) and ref.target in found:
            found[ref.target].add(docname)
    shown_records = [record for record, _ in shown.values()]
    for docname, filters in tables:
        for record in select(shown_records, filters):
            found[record.id].add(docname)
    if pages_dir:
        records = {cid: record for cid, (record, _) in shown.items()}
        for cid, pages in generated_claim_pages(registry, records).items():
            found[cid] |= {f"{pages_dir.strip('/')}/{page}" for page in pages}
    return {cid: tuple(sorted(pages)) for cid, pages in sorted(found.items())}


def generated_claim_pages(registry: Registry, claims: dict[str, Record]) -> dict[str, set[str]]:
    """Shown claim id -> the generated pages (below the pages folder) that list it."""
    entities, sources = registry.of_type("entity"), registry.of_type("source")
    metrics, scopes = registry.of_type("metric"), registry.of_type("scope")
    contradicted = {
        target
        for record in claims.values()
        for target in _listed(record.get("contradicts"))
        if target in claims
    }
    found: dict[str, set[str]] = {}
    for cid, record in claims.items():
        pages = {"timeline", f"timeline/{timeline_year(record)}"}
        for rid in _listed(record.get("subject")) + _listed(record.get("claimant")):
            if rid in entities:
                pages.add(entity_doc(rid))
        for sid in _listed(record.get("source")) + _listed(record.get("also")):
            if sid in sources:
                pages |= {source_doc(sid), "sources"}
        metric, scope = record.get("metric"), record.get("scope")
        pair = (metric, scope) if isinstance(metric, str) and isinstance(scope, str) else None
        if pair and metric in metrics and scope in scopes:
            pages.add(pair_doc(*pair))
        contradicts = any(t in claims for t in _listed(record.get("contradicts")))
        if record.get("status") == "disputed" or contradicts or cid in contradicted:
            pages.add("disputes")
        found[cid] = pages
    return found


def record_pages(
    registry: Registry, references: Iterable[tuple[str, PageReference]], pages_dir: str = ""
) -> dict[tuple[str, str], tuple[str, ...]]:
    """(type, id) of a registry record -> the pages that show it: `registry` lists of its type,
    and its own generated page."""
    lists = {rtype: key for key, rtype in registry.schemas.collection_keys.items()}
    listing: dict[str, set[str]] = defaultdict(set)
    for docname, ref in references:
        if ref.via == "registry":
            listing[ref.target].add(docname)
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for record in registry.records:
        if record.type == "claim" or not record.id:
            continue
        pages = set(listing.get(lists.get(record.type, ""), ()))
        if pages_dir and record.type in GENERATED:
            pages.add(f"{pages_dir.strip('/')}/{GENERATED[record.type](record.id)}")
        found.setdefault((record.type, record.id), tuple(sorted(pages)))
    return found
