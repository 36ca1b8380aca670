"""```{schema-reference}```: the reference of every record type and field
(`views.schema_reference`); the schema files are dependencies of its page."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..views.schema_reference import SchemaReference
from .env_registry import registry_of


class SchemaReferenceDirective(SphinxDirective):
    """```{schema-reference}``` (no argument, no content)."""

    def run(self) -> list[nodes.Node]:
        schemas = registry_of(self.env).schemas
        for path in sorted(schemas.directory.glob("*.json")):
            self.env.note_dependency(str(path))
        return SchemaReference(schemas, self.inline, self.set_source_info).sections()

    def inline(self, text: str) -> list[nodes.Node]:
        """Schema descriptions are Markdown (backticks for code), read by the page's own parser."""
        parsed, messages = self.parse_inline(text, lineno=self.lineno)
        return parsed + messages


def setup_schema_reference(app: Sphinx) -> None:
    app.add_directive("schema-reference", SchemaReferenceDirective)
