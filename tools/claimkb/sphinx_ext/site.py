"""The knowledge base as this build offers it to views (`views.kb.KnowledgeBase`), and the build's
models (`views.catalogue.Models`), computed once all pages are read and kept while the domain's
records stand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from ..core.current_status import superseded_by
from ..core.money import latest_full_year
from ..core.records import Record
from ..core.registry import Registry
from ..core.time_checks import claims_by_id
from ..views.catalogue import Models, Parts
from ..views.selections import Selections
from ..views.sharing import permalink_path

if TYPE_CHECKING:
    from .domain import ClaimDomain

HTML_BUILDERS = ("html", "dirhtml")


class SiteKnowledgeBase:
    """`views.kb.KnowledgeBase` over the `claim` domain, the configuration and the builder."""

    def __init__(self, domain: ClaimDomain, builder: Builder):
        self.domain = domain
        self.builder = builder
        self.registry: Registry = domain.registry
        config = domain.env.config
        configured = getattr(config, "claimkb_base_year", None)
        self.base_year = configured if isinstance(configured, int) else latest_full_year()
        self.html = builder.format == "html"
        self.pages_dir: str = config.claimkb_pages_dir
        base = str(config.html_baseurl or "")
        self.site_url = base if not base or base.endswith("/") else base + "/"
        self._selections: Selections | None = None
        self._formula_inputs: dict[str, Record] | None = None
        self._superseded: dict[str, list[str]] | None = None

    def home(self, rtype: str, rid: str) -> tuple[str, Record] | None:
        return self.domain.objects.get((rtype, rid))

    def claim(self, claim_id: str) -> tuple[str, Record] | None:
        return self.domain.objects.get(("claim", claim_id))

    def page_claims(self, docname: str) -> list[Record]:
        return list(self.domain.data["claims"].get(docname, []))

    def every_claim(self) -> list[Record]:
        return self.domain.page_claims() + self.registry.records

    def claims_on_page(self, docname: str) -> list[str]:
        data = self.domain.data
        ids = [record.id for record in data["claims"].get(docname, []) if record.id]
        ids += [rid for rtype, rid in data["shown"].get(docname, []) if rtype == "claim"]
        return list(dict.fromkeys(ids))

    def selections(self) -> Selections:
        if self._selections is None:
            objects = self.domain.objects
            claims = [r for (rtype, _), (_, r) in sorted(objects.items()) if rtype == "claim"]
            self._selections = Selections(claims, self.registry.of_type("entity"))
        return self._selections

    def superseded(self) -> dict[str, list[str]]:
        if self._superseded is None:
            self._superseded = superseded_by(self.selections().claims)
        return self._superseded

    def referrers(self, field: str, claim_id: str) -> list[str]:
        return self.domain.referrers(field, claim_id)

    def formula_inputs(self) -> dict[str, Record]:
        if self._formula_inputs is None:
            self._formula_inputs = claims_by_id(self.registry.records + self.domain.page_claims())
        return self._formula_inputs

    def has_doc(self, docname: str) -> bool:
        return docname in self.domain.env.all_docs

    def page_uri(self, docname: str) -> str:
        return self.builder.get_target_uri(docname)

    def relative_uri(self, from_doc: str, path: str) -> str:
        return relative_uri(self.builder.get_target_uri(from_doc), path)

    def share_uri(self, docname: str, claim_id: str) -> str | None:
        """The address of a claim's share page from `docname` (HTML builds only)."""
        path = permalink_path(claim_id)
        if self.builder.name not in HTML_BUILDERS or path is None:
            return None
        return self.relative_uri(docname, path)


def site_models(domain: ClaimDomain, builder: Builder) -> Models:
    """The models of the domain's current state, computed once and reused by every view."""
    objects = domain.objects
    found = getattr(domain, "_models", None)
    if found is None or found[0] is not objects or found[1] is not builder:
        kb = SiteKnowledgeBase(domain, builder)
        found = (objects, builder, Models(Parts(kb, kb.share_uri)))
        domain._models = found
    return found[2]
