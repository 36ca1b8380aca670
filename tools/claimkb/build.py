"""Sphinx build events: load registries, keep incremental builds exact, report every finding."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .records import Finding
from .registry import load_registry
from .report import log_finding
from .schema import load_schemas
from .validate import check_knowledge_base


def on_builder_inited(app) -> None:
    confdir = Path(app.confdir).resolve()
    schemas = load_schemas((confdir / app.config.claimkb_schema_dir).resolve())
    app.env.claimkb_registry = load_registry(
        (confdir / app.config.claimkb_collections_dir).resolve(), schemas
    )
    from docutils.parsers.rst import directives

    from .directives import ClaimDirective

    ClaimDirective.option_spec.update(
        {name: directives.unchanged for name in schemas.fields["claim"] if name not in ("id", "text")}
    )


def on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """Re-read pages that had findings, so a build never passes on warnings it did not repeat."""
    domain = env.domains["claim"]
    docs = {doc for doc, found in domain.data["findings"].items() if found}
    if domain.data.get("report"):
        docs.add(app.config.root_doc)
    return sorted(docs & env.found_docs)


def on_env_updated(app, env) -> list[str]:
    """Pages to rewrite because a claim or record they show or link to changed elsewhere."""
    domain = env.domains["claim"]
    registry = env.claimkb_registry
    new = {("claim", r.id): _fingerprint(r.docname, r.data) for r in domain.page_claims()}
    for record in registry.records:
        new.setdefault((record.type, record.id), _fingerprint(None, record.data))
    for key, (docname, _) in domain.objects.items():
        new[("shown",) + key] = docname
    new[("findings",)] = _fingerprint(None, [str(f) for f in registry.findings])
    old = domain.data["fingerprints"]
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    domain.data["fingerprints"] = new
    domain.data["report"] = all_findings(env)
    if not changed:
        return []
    claim_ids = {key[-1] for key in changed if key[-2:-1] == ("claim",)}
    records_changed = any(key[0] not in ("claim", "shown") for key in changed)
    docs = {doc for doc, refs in domain.data["refs"].items() if any(r.target in claim_ids for r in refs)}
    docs |= set(domain.data["queries"])
    if records_changed or claim_ids:
        # cards show registry names and relations in both directions
        docs |= set(domain.data["claims"]) | set(domain.data["shown"])
    docs.add(app.config.root_doc)
    return sorted(docs & env.found_docs)


def all_findings(env) -> list[Finding]:
    domain = env.domains["claim"]
    findings = domain.data["findings"]
    page_findings = [f for docname in sorted(findings) for f in findings[docname]]
    shown = {rid for (rtype, rid) in domain.objects if rtype == "claim"}
    return check_knowledge_base(
        env.claimkb_registry, domain.page_claims(), page_findings, domain.role_refs(), shown
    )


def on_check_consistency(app, env) -> None:
    for finding in env.domains["claim"].data["report"]:
        log_finding(finding)


def on_warn_missing_reference(app, domain, node) -> bool | None:
    # unknown claim ids are reported once, located, by the consistency check
    return True if domain is not None and domain.name == "claim" else None


def _fingerprint(docname, data) -> str:
    return hashlib.sha1(json.dumps([docname, data], sort_keys=True).encode()).hexdigest()
