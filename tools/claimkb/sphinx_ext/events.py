"""Sphinx build events: load registries, keep incremental builds exact, report every finding."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..core.cross_checks import CLAIM_ROLES, check_knowledge_base
from ..core.formulas import formula_ids
from ..core.records import RELATIONS, REVERSE_RELATIONS, Finding
from ..core.registry import load_registry
from ..core.schema import load_schemas
from .warnings import log_finding

#: references that name a claim: their pages show its title or value
CLAIM_NAMING = frozenset({*CLAIM_ROLES, "compare", "claim-card"})


def on_builder_inited(app) -> None:
    confdir = Path(app.confdir).resolve()
    schemas = load_schemas((confdir / app.config.claimkb_schema_dir).resolve())
    app.env.claimkb_registry = load_registry(
        (confdir / app.config.claimkb_collections_dir).resolve(), schemas
    )


def on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """Re-read pages that had findings, so a build never passes on warnings it did not repeat."""
    domain = env.domains["claim"]
    docs = {doc for doc, found in domain.data["findings"].items() if found}
    if domain.data.get("report"):
        docs.add(app.config.root_doc)
    return sorted(docs & env.found_docs)


#: Fields a claim's card shows but no list of claims does (tables, generated pages): an edit of
#: only these rewrites the pages with the claim's card, not every page that lists claims.
CARD_ONLY_FIELDS = frozenset({"text", "quote", "locator"})


def on_env_updated(app, env) -> list[str]:
    """Pages to rewrite because a claim or record they show or link to changed elsewhere."""
    domain = env.domains["claim"]
    registry = env.claimkb_registry
    new = {("claim", r.id): _fingerprint(r.docname, r.data) for r in domain.page_claims()}
    for record in registry.records:
        new.setdefault((record.type, record.id), _fingerprint(None, record.data))
    for key, (docname, _) in domain.objects.items():
        new[("shown",) + key] = docname
    for target, sources in _reverse_links(domain).items():
        new[("reverse", target)] = _fingerprint(None, sources)
    new[("findings",)] = _fingerprint(None, [str(f) for f in registry.findings])
    new[("listed",)] = _fingerprint(None, _listed_view(domain))
    old = domain.data["fingerprints"]
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    domain.data["fingerprints"] = new
    domain.data["report"] = all_findings(env)
    if not changed:
        return []
    claim_ids = {key[-1] for key in changed if key[-2:-1] == ("claim",)}
    records_changed = any(key[0] not in ("claim", "shown", "reverse", "listed") for key in changed)
    docs = {
        doc
        for doc, refs in domain.data["refs"].items()
        if any(r.via in CLAIM_NAMING and r.target in claim_ids for r in refs)
    }
    if records_changed or ("listed",) in changed:
        docs |= set(domain.data["queries"])
    if records_changed:
        # cards show registry names
        docs |= set(domain.data["claims"]) | set(domain.data["shown"])
    else:
        # cards show the titles of the claims they relate to, in both directions
        related = claim_ids | {key[1] for key in changed if key[0] == "reverse"}
        docs |= _pages_with_cards_about(domain, related)
    docs.add(app.config.root_doc)
    return sorted(docs & env.found_docs)


def _listed_view(domain) -> list:
    """What pages that list claims (`note_query`) can show of them: every shown claim, where it
    is shown, and its fields but the card-only ones."""
    return [
        (rid, docname, {k: v for k, v in record.data.items() if k not in CARD_ONLY_FIELDS})
        for (rtype, rid), (docname, record) in sorted(domain.objects.items())
        if rtype == "claim"
    ]


def _reverse_links(domain) -> dict[str, list]:
    """Claim id -> the claims that supersede or contradict it, with their titles: its card
    shows them."""
    found: dict[str, list] = {}
    for (rtype, rid), (_, record) in sorted(domain.objects.items()):
        if rtype != "claim":
            continue
        for name, _label in REVERSE_RELATIONS:
            targets = record.get(name)
            for target in targets or []:
                found.setdefault(target, []).append((name, rid, record.get("title")))
    return found


def _pages_with_cards_about(domain, ids: set[str]) -> set[str]:
    """Pages with the card of one of `ids`, or a card that links to one of them."""
    if not ids:
        return set()

    def about(record) -> bool:
        # a card shows the claims it relates to, and the values its formula computes with
        linked = [record.get(name) for name, _label in RELATIONS]
        linked.append(formula_ids(record.get("formula")))
        return record.id in ids or any(
            target in ids for targets in linked for target in targets or []
        )

    docs = {doc for doc, records in domain.data["claims"].items() if any(map(about, records))}
    for doc, shown in domain.data["shown"].items():
        records = [domain.objects[k][1] for k in shown if k[0] == "claim" and k in domain.objects]
        if any(map(about, records)):
            docs.add(doc)
    return docs


def all_findings(env) -> list[Finding]:
    domain = env.domains["claim"]
    findings = domain.data["findings"]
    page_findings = [f for docname in sorted(findings) for f in findings[docname]]
    shown = {rid for (rtype, rid) in domain.objects if rtype == "claim"}
    return check_knowledge_base(
        env.claimkb_registry, domain.page_claims(), page_findings, domain.page_references(), shown
    )


def on_check_consistency(app, env) -> None:
    for finding in env.domains["claim"].data["report"]:
        log_finding(finding)


def on_warn_missing_reference(app, domain, node) -> bool | None:
    # unknown claim ids are reported once, located, by the consistency check
    return True if domain is not None and domain.name == "claim" else None


def _fingerprint(docname, data) -> str:
    return hashlib.sha1(json.dumps([docname, data], sort_keys=True).encode()).hexdigest()


def setup_events(app) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", on_env_updated)
    app.connect("env-check-consistency", on_check_consistency)
    app.connect("warn-missing-reference", on_warn_missing_reference)
