"""Sphinx build events: load registries, keep incremental builds exact, report every finding."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..core import disk_cache
from ..core.cross_checks import check_knowledge_base
from ..core.records import Finding, Record
from ..core.registry import CollectionMemo, load_registry
from ..core.schema import load_schemas
from ..views.selections import shown_claims
from .domain import claim_domain
from .env_registry import registry_of, set_registry
from .generated_pages import record_fingerprint
from .warnings import log_finding

#: the doctree folder's subfolder of `core.disk_cache`
REFERENCE_DATA = "claimkb-reference-data"
#: the environment's attribute that carries the collection memo from one build to the next
COLLECTION_MEMO = "claimkb_collection_memo"


def on_builder_inited(app: Sphinx) -> None:
    disk_cache.use_folder(Path(app.doctreedir) / REFERENCE_DATA)
    confdir = Path(app.confdir).resolve()
    schemas = load_schemas((confdir / app.config.claimkb_schema_dir).resolve())
    # a collection file an edit left alone is not read and validated again (a second on the
    # real site's 1,700 records): its records and findings are kept with the environment
    memo = CarriedMemo(getattr(app.env, COLLECTION_MEMO, {}))
    directory = (confdir / app.config.claimkb_collections_dir).resolve()
    set_registry(app.env, load_registry(directory, schemas, memo=memo))
    setattr(app.env, COLLECTION_MEMO, dict(memo))


class CarriedMemo(CollectionMemo):
    """This build's collection memo, seeded with the last build's; what this build did not use
    is not carried to the next."""

    def __init__(self, previous: CollectionMemo):
        super().__init__()
        self.previous = previous

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or key in self.previous

    def __getitem__(self, key: tuple[str, str, str, str]) -> tuple[list[Record], list[Finding]]:
        if not super().__contains__(key):
            self[key] = self.previous[key]
        return super().__getitem__(key)


def on_env_get_outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages to read again: those that had findings, so a build never passes on warnings it did
    not repeat, and generated pages whose title record changed."""
    domain = claim_domain(env)
    docs = {doc for doc, found in domain.data["findings"].items() if found}
    if domain.data.get("report"):
        docs.add(app.config.root_doc)
    for doc, read in domain.data["titles"].items():
        if any(record_fingerprint(env, rtype, rid) != old for rtype, rid, old in read):
            docs.add(doc)
    return sorted(docs & env.found_docs)


def on_env_updated(app: Sphinx, env) -> list[str]:
    """Pages to rewrite, though not read again: those with a view whose model changed
    (`views.catalogue`)."""
    domain = claim_domain(env)
    models = domain.models(app.builder)
    # the theme links the claim index from every page when it exists
    every_page = bool(shown_claims(models.parts.kb))
    views = domain.data["views"]
    new = {
        doc: models.page([*views.get(doc, []), ("head", doc)], every_page)
        for doc in sorted(env.found_docs)
    }
    old = domain.data["fingerprints"]
    domain.data["fingerprints"] = new
    domain.data["report"] = all_findings(env)
    return [doc for doc, fingerprint in new.items() if old.get(doc) != fingerprint]


def all_findings(env) -> list[Finding]:
    domain = claim_domain(env)
    findings = domain.data["findings"]
    page_findings = [f for docname in sorted(findings) for f in findings[docname]]
    shown = {rid for (rtype, rid) in domain.objects if rtype == "claim"}
    return check_knowledge_base(
        registry_of(env), domain.page_claims(), page_findings, domain.page_references(), shown
    )


def on_check_consistency(app: Sphinx, env) -> None:
    for finding in claim_domain(env).data["report"]:
        log_finding(finding)


def on_warn_missing_reference(app: Sphinx, domain, node) -> bool | None:
    # unknown claim ids are reported once, located, by the consistency check
    return True if domain is not None and domain.name == "claim" else None


def setup_events(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", on_env_updated)
    app.connect("env-check-consistency", on_check_consistency)
    app.connect("warn-missing-reference", on_warn_missing_reference)
