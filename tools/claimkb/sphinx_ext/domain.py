"""The `claim` domain: claims and registry records by docname, their index, roles' resolution."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, cast

from docutils import nodes
from sphinx.builders import Builder
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..core.formatting import format_value
from ..core.records import Finding, PageReference, Record
from ..views.catalogue import Models
from ..views.i18n import _, _lazy
from ..views.timeline import bulk_key, bulk_keys
from .env_registry import registry_of
from .site import site_models

#: domain data kept per document: purged and merged by docname
PER_DOCUMENT = ("claims", "shown", "refs", "findings", "views", "homes", "titles")


class ClaimIndex(Index):
    """Every claim under each entity it is about (its claimant's when it has no subject), the
    entities by name under their first letter, each claim with its value and who says so. A data
    set's figures stated on one day without a period (`views.timeline.bulk_keys`) are one line
    under the company whose models they are about, linked to the first of them."""

    name = "index"
    localname = _lazy("Claim index")
    shortname = "claims"

    def generate(self, docnames: Iterable[str] | None = None):
        domain: ClaimDomain = self.domain  # type: ignore[assignment]
        entities = domain.registry.of_type("entity")
        names = domain.registry.name_of
        claims = [
            (docname, record)
            for (rtype, _rid), (docname, record) in sorted(domain.objects.items())
            if rtype == "claim" and not (docnames and docname not in docnames)
        ]
        bulk = bulk_keys([record for _doc, record in claims])
        by_entity: dict[str, list[IndexEntry]] = defaultdict(list)
        gathered: dict[tuple[str, tuple], list[tuple[str, Record]]] = defaultdict(list)
        for docname, record in claims:
            key = bulk_key(record)
            subjects = record.get("subject") or [record.get("claimant", "")]
            if key in bulk:  # under the company whose models they are, once
                for top in dict.fromkeys(top_entity(entities, s) for s in subjects):
                    gathered[(top, key)].append((docname, record))
                continue
            for subject in subjects:
                by_entity[subject].append(self.entry(docname, record, entities))
        for (subject, (source, _as_of)), found in sorted(gathered.items()):
            docname, first = found[0]
            words = _("%(count)s figures of %(source)s, stated on one day") % {
                "count": len(found),
                "source": names("source", source),
            }
            by_entity[subject].append(IndexEntry(words, 2, docname, first.anchor, "", "", ""))
        letters: dict[str, list[IndexEntry]] = defaultdict(list)
        for subject in sorted(by_entity, key=lambda s: (names("entity", s).lower(), s)):
            name = names("entity", subject)
            home = domain.objects.get(("entity", subject))
            doc, anchor = (home[0], home[1].anchor) if home else ("", "")
            letter = (name[:1] or "?").upper()
            letters[letter].append(IndexEntry(name, 1, doc, anchor, "", "", ""))
            letters[letter] += sorted(by_entity[subject], key=lambda e: (e.name.lower(), e))
        return sorted(letters.items()), False

    def entry(self, docname: str, record: Record, entities) -> IndexEntry:
        domain: ClaimDomain = self.domain  # type: ignore[assignment]
        unit = domain.registry.unit_of(record.get("metric"))
        value = format_value(record.data, unit)
        claimant = record.get("claimant")
        said = _("claimed by %s") % domain.registry.name_of("entity", claimant)
        return IndexEntry(
            record.get("title", record.id), 2, docname, record.anchor, value, "",
            said if claimant in entities else "",
        )  # fmt: skip


def top_entity(entities, rid: str) -> str:
    """The entity at the top of `rid`'s parents (a model's maker's group)."""
    seen = {rid}
    while (parent := (entities.get(rid).get("parent") if rid in entities else None)) and (
        parent not in seen
    ):
        rid = parent
        seen.add(rid)
    return rid


#: the claim index's introduction (`templates/domainindex.html`)
INDEX_INTRO = _lazy(
    "Every claim, under each company, model or person it is about, with its value and who says "
    "so. A data set's figures stated on one day are one line under the company whose models "
    "they are about, linked to the first of them."
)


def add_index_intro(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: the claim index's introduction, in the build's language."""
    if pagename == f"{ClaimDomain.name}-{ClaimIndex.name}":
        context["claimkb_index_intro"] = str(INDEX_INTRO)


class ClaimDomain(Domain):
    name = "claim"
    label = _lazy("Claims")
    object_types = {
        "claim": ObjType(_lazy("claim"), "claim", "value"),
        "entity": ObjType(_lazy("entity"), "entity"),
        "source": ObjType(_lazy("source"), "source"),
        "metric": ObjType(_lazy("metric"), "metric"),
        "scope": ObjType(_lazy("scope"), "scope"),
        "method": ObjType(_lazy("method"), "method"),
    }
    indices = [ClaimIndex]
    data_version = 6
    initial_data: dict[str, Any] = {
        "claims": {},  # docname -> [Record] written in that page
        "shown": {},  # docname -> [(type, id)] collection records that page renders
        "refs": {},  # docname -> [PageReference]: what its roles and directives name
        "findings": {},  # docname -> [Finding] found while reading it
        "views": {},  # docname -> [(kind, *arguments)]: every view it shows (`views.catalogue`)
        "homes": {},  # docname -> [(type, id)] records whose own generated page it is
        "titles": {},  # docname -> [(type, id)] records its title was read from
        "fingerprints": {},  # docname -> what its views showed when it was last written
        "report": [],  # every finding of the last build, logged by the consistency check
    }

    # --- per-document data -------------------------------------------------
    def note_claim(self, docname: str, record: Record, findings: list[Finding]) -> tuple:
        """A claim written in `docname`; returns the key of its card's view."""
        claims = self.data["claims"].setdefault(docname, [])
        claims.append(record)
        if findings:
            self.data["findings"].setdefault(docname, []).extend(findings)
        self._objects = None
        return self.note_view(docname, ("card", docname, len(claims) - 1))

    def note_shown(self, docname: str, records: Iterable[Record]) -> None:
        self.data["shown"].setdefault(docname, []).extend((r.type, r.id) for r in records)
        self._objects = None

    def note_refs(self, docname: str, refs: Iterable[PageReference]) -> None:
        self.data["refs"].setdefault(docname, []).extend(refs)

    def note_view(self, docname: str, view: tuple) -> tuple:
        """`docname` shows a view built at write time, `(kind, *arguments)` with a kind of
        `views.catalogue.VIEWS`: the page is rewritten when that view's model changes."""
        self.data["views"].setdefault(docname, []).append(view)
        return view

    def views_of(self, docname: str, kind: str) -> int:
        """How many views of `kind` the page noted so far."""
        return sum(1 for view in self.data["views"].get(docname, []) if view[0] == kind)

    def note_title(self, docname: str, rtype: str, rid: str, fingerprint: str) -> None:
        """`docname`'s title is read from record (rtype, rid), whose data has `fingerprint`:
        the page is read again when that changes."""
        self.data["titles"].setdefault(docname, []).append((rtype, rid, fingerprint))

    def note_home(self, docname: str, rtype: str, rid: str) -> None:
        """`docname` is the page of record (rtype, rid): links to the record go there first."""
        self.data["homes"].setdefault(docname, []).append((rtype, rid))
        self._objects = None

    def note_findings(self, docname: str, findings: Iterable[Finding]) -> None:
        self.data["findings"].setdefault(docname, []).extend(findings)

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOCUMENT:
            self.data[key].pop(docname, None)
        self._objects = None

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOCUMENT:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self._objects = None

    # --- views -------------------------------------------------------------
    @property
    def registry(self):
        return registry_of(self.env)

    def page_claims(self) -> list[Record]:
        return [r for doc in sorted(self.data["claims"]) for r in self.data["claims"][doc]]

    def page_references(self) -> list[PageReference]:
        return [ref for doc in sorted(self.data["refs"]) for ref in self.data["refs"][doc]]

    def claims_on_page(self, docname: str) -> list[Record]:
        """The claims a page shows (written in it or from a collection it shows), by id."""
        ids = {r.id for r in self.data["claims"].get(docname, []) if r.id}
        ids |= {rid for rtype, rid in self.data["shown"].get(docname, []) if rtype == "claim"}
        return [found[1] for rid in sorted(ids) if (found := self.claim(rid)) is not None]

    @property
    def objects(self) -> dict[tuple[str, str], tuple[str, Record]]:
        """(type, id) -> (docname, record) of every record a page shows; the first page wins."""
        if getattr(self, "_objects", None) is None:
            objects: dict[tuple[str, str], tuple[str, Record]] = {}
            for docname in sorted(self.data["claims"]):
                for record in self.data["claims"][docname]:
                    if record.id:
                        objects.setdefault(("claim", record.id), (docname, record))
            by_type = {t: self.registry.of_type(t) for t in self.registry.schemas.record_types}
            homes = self.data.get("homes", {})
            shown = [(d, key) for d in sorted(homes) for key in homes[d]]
            shown += [(d, key) for d in sorted(self.data["shown"]) for key in self.data["shown"][d]]
            for docname, (rtype, rid) in shown:
                record = by_type.get(rtype, {}).get(rid)
                if record is not None:
                    objects.setdefault((rtype, rid), (docname, record))
            self._objects = objects
        return self._objects

    def referrers(self, field: str, claim_id: str) -> list[str]:
        """Ids of the claims whose list `field` (`relies_on`, say) names `claim_id`."""
        objects = self.objects
        if getattr(self, "_referrers_of", None) is not objects:
            # one pass over every claim while the objects stand, not one per page or card
            index: dict[tuple[str, str], list[str]] = {}
            for (rtype, rid), (_, record) in sorted(objects.items()):
                if rtype != "claim":
                    continue
                for name, targets in record.data.items():
                    if isinstance(targets, list):  # valid records: lists of ids
                        for target in dict.fromkeys(targets):
                            index.setdefault((name, target), []).append(rid)
            self._referrers, self._referrers_of = index, objects
        return self._referrers.get((field, claim_id), [])

    def claim(self, claim_id: str) -> tuple[str, Record] | None:
        return self.objects.get(("claim", claim_id))

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (rtype, rid), (docname, record) in sorted(self.objects.items()):
            name = record.get("title") or record.get("name") or rid
            # priority -1: kept out of Sphinx's search objects, whose links would point at
            # "#<type>-<display name>"; `search` indexes each record under its anchor instead
            yield rid, name, rtype, docname, record.anchor, -1

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return node.get("reftarget")

    # --- cross-references ----------------------------------------------------
    def models(self, builder: Builder) -> Models:
        return site_models(self, builder)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        """Roles (`{claim}`, `{claim-value}`) through their views' models; any other record
        type by its name."""
        models = self.models(builder)
        if typ in ("claim", "value"):
            link = models.model((typ, target))
        else:
            found = self.objects.get((typ, target))
            name = (found[1].get("title") or found[1].get("name") or target) if found else target
            link = models.parts.names.link(typ, target, name)
        if link.doc is None:
            return None
        if typ == "value":
            contnode = nodes.inline(link.text, link.text, classes=list(link.classes))
        elif not node.get("refexplicit"):
            contnode = nodes.inline(link.text, link.text)
        return make_refnode(builder, fromdocname, link.doc, link.anchor, contnode, link.tooltip)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        results = []
        for rtype in self.object_types:
            found = self.objects.get((rtype, target))
            if found:
                ref = self.resolve_xref(env, fromdocname, builder, rtype, target, node, contnode)
                if ref is not None:
                    results.append((f"claim:{rtype}", ref))
        return results


def claim_domain(env: BuildEnvironment) -> ClaimDomain:
    """The `claim` domain, typed (`env.domains[...]` is any Domain to a type checker)."""
    return cast(ClaimDomain, env.domains["claim"])
