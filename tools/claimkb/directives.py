"""Directives: `claim` (one claim), `registry` (a list of records), `claim-collection`."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .directive_text import claim_from_directive, option_lines
from .nodes import claim_node, registry_node


class OpenOptionSpec(dict):
    """Accepts every option name, as text, so that an unknown field gets our located, hinted
    finding instead of MyST's generic refusal; the schema converts and checks them."""

    def __missing__(self, key):
        return directives.unchanged

    def __contains__(self, key):
        return True

    def __bool__(self):  # MyST reads an options block only when a directive has options
        return True


class ClaimDirective(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = OpenOptionSpec()

    def run(self) -> list[nodes.Node]:
        env = self.env
        registry = env.claimkb_registry
        domain = env.domains["claim"]
        if not domain.data["claims"].get(env.docname):  # the page's first claim
            for path in registry.schemas.paths:
                env.note_dependency(str(path))
        claim_id = self.arguments[0].strip() if self.arguments else ""
        record, findings = claim_from_directive(
            claim_id,
            self.options,
            option_lines(self.block_text, self.lineno, self.options),
            "\n".join(self.content),
            str(env.doc2path(env.docname)),
            self.lineno,
            registry.schemas,
            env.docname,
            body_line=self.lineno + self.content_offset + 1,
        )
        domain.note_claim(env.docname, record, findings)
        node = claim_node(record=record)
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        neutralise_raw(node)
        return [node]


def neutralise_raw(node: nodes.Element) -> None:
    """Raw HTML in a statement is refused (a finding); it is also shown as text, never run."""
    for raw in list(node.findall(nodes.raw)):
        text = raw.astext()
        raw.replace_self(
            nodes.literal(text, text) if "\n" not in text else nodes.literal_block(text, text)
        )


class RegistryDirective(SphinxDirective):
    """```{registry} scopes``` lists every record of a collection list, each with an anchor."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        registry = self.env.claimkb_registry
        key = self.arguments[0]
        if key not in registry.schemas.collection_keys:
            raise self.error(
                f"unknown registry list {key!r}; "
                f"use one of {', '.join(registry.schemas.collection_keys)}"
            )
        rtype = registry.schemas.collection_keys[key]
        for path in registry.files:
            self.env.note_dependency(str(path))
        records = sorted(registry.of_type(rtype).values(), key=lambda r: r.id)
        self.env.domains["claim"].note_shown(self.env.docname, records)
        node = registry_node(rtype=rtype, ids=[r.id for r in records])
        self.set_source_info(node)
        return [node]


class ClaimCollectionDirective(SphinxDirective):
    """```{claim-collection} epoch-model-costs``` shows the claims of `claims/<name>.yaml`."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        registry = self.env.claimkb_registry
        name = self.arguments[0]
        paths = [p for p in registry.files if p.stem == name]
        if not paths:
            raise self.error(
                f"no collection {name!r} in {', '.join(p.stem for p in registry.files)}"
            )
        self.env.note_dependency(str(paths[0]))
        records = registry.claims_of(name)
        self.env.domains["claim"].note_shown(self.env.docname, records)
        result = []
        for record in records:
            node = claim_node(record=record)
            self.set_source_info(node)
            if record.get("text"):
                node.extend(self.parse_text_to_nodes(record.get("text")))
                neutralise_raw(node)
            result.append(node)
        return result


def setup_directives(app) -> None:
    app.add_directive("claim", ClaimDirective)
    app.add_directive("registry", RegistryDirective)
    app.add_directive("claim-collection", ClaimCollectionDirective)
