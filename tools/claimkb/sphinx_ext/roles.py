"""Roles: {claim}`id` links to a claim with its title; {claim-value}`id` shows its value."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole

from ..core.records import PageReference
from .domain import claim_domain


class ClaimRefRole(XRefRole):
    def __init__(self, reftype: str):
        super().__init__(innernodeclass=nodes.inline, warn_dangling=False)
        self.claim_reftype = reftype

    def run(self):
        self.refdomain, self.reftype = "claim", self.claim_reftype
        self.classes = ["xref", "claim", f"claim-{self.claim_reftype}"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()

    def result_nodes(self, document, env: BuildEnvironment, node, is_ref):
        if not is_ref:  # {claim}`!id`: plain text, no reference to check
            return [node], []
        path = str(env.doc2path(env.docname))
        reference = PageReference(node["reftarget"], path, self.lineno, self.name)
        domain = claim_domain(env)
        domain.note_refs(env.docname, [reference])
        domain.note_view(env.docname, (self.claim_reftype, node["reftarget"]))
        return [node], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("claim", ClaimRefRole("claim"))
    app.add_role("claim-value", ClaimRefRole("value"))
