"""The reference of every record type and field, generated from `schema/*.schema.json` at build
time (```{schema-reference}```), so it can never say something the schemas do not.

For each record type (in the order of the collection lists): its description, then one row per
field with its type, when it is required (always, or for which `kind`, read from the schema's
`allOf`/`if`/`then`), its description, its allowed values with their meanings
(`enumDescriptions`) and an example (`examples`). Then the collection file and, when the schema is
there, the JSON reports of `claimkb validate` and `claimkb diff` and the claims of the site's
`claims.json` export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docutils import nodes

from ..core.schema import Schemas

#: a JSON object as json.load reads it
JSON = dict[str, Any]

_TYPE_NAMES = {
    "string": ("text", "texts"),
    "number": ("number", "numbers"),
    "integer": ("whole number", "whole numbers"),
    "boolean": ("true or false", "true or false values"),
    "object": ("mapping", "mappings"),
}
_FORMATS = {
    "uri": "a web address",
    "date": "a date, YYYY-MM-DD",
    "date-time": "a date and time",
    "partial-date": "a date that exists on the calendar",
}


class SchemaReference:
    """Sections of the reference; `inline` reads a description's Markdown into inline nodes, and
    `located` gives a section the directive's source and line."""

    def __init__(
        self,
        schemas: Schemas,
        inline: Callable[[str], list[nodes.Node]],
        located: Callable[[nodes.Element], None],
    ):
        self.schemas = schemas
        self.inline = inline
        self.located = located

    def sections(self) -> list[nodes.Node]:
        schemas = self.schemas
        documents = schemas.documents
        result: list[nodes.Node] = [
            self.record_section(rtype, documents[rtype]) for rtype in schemas.record_types
        ]
        result.append(self.collection_section(documents["collection"], schemas.collection_keys))
        if "findings" in documents:
            finding = documents["findings"]["$defs"]["finding"]
            result.append(
                self.fields_section("findings", documents["findings"], finding, "findings-report")
            )
        if "export" in documents:
            claim = documents["export"]["$defs"]["claim"]
            result.append(
                self.fields_section("export", documents["export"], claim, "claims-export")
            )
        if "diff" in documents:
            result += self.diff_sections(documents["diff"])
        return result

    def diff_sections(self, diff: JSON) -> list[nodes.section]:
        """The report of `claimkb diff --format json`, and one of its changed records."""
        change = diff["$defs"]["change"]
        titled = {**diff, "title": f"{diff.get('title', 'Diff report')}: a changed record"}
        titled["description"] = change.get("description", "")
        return [
            self.fields_section("diff", diff, diff, "diff-report"),
            self.fields_section("diff", titled, change, "diff-report-change"),
        ]

    # --- sections -------------------------------------------------------------
    def record_section(self, rtype: str, schema: JSON) -> nodes.section:
        return self.fields_section(rtype, schema, schema, f"schema-{rtype}")

    def fields_section(self, name: str, schema: JSON, record: JSON, anchor: str) -> nodes.section:
        section = self.section(schema.get("title", name), anchor)
        section += self.paragraph(schema.get("description", ""))
        required = set(record.get("required", ()))
        by_condition = required_by_condition(record)
        table = Table(("Field", "Type", "Required", "Description"), (2, 3, 2, 8))
        documents = self.schemas.documents
        for field, prop in record.get("properties", {}).items():
            prop, nullable = flatten(prop, schema, documents)
            table.add_row(
                self.field_name(field, f"{anchor}-{field}"),
                self.type_cell(prop, nullable),
                self.required_cell(field, required, by_condition, prop),
                self.description_cell(prop),
            )
        section += table.node
        return section

    def collection_section(self, schema: JSON, keys: dict[str, str]) -> nodes.section:
        section = self.section(schema.get("title", "Collection"), "schema-collection")
        section += self.paragraph(schema.get("description", ""))
        table = Table(("List", "Records", "Description"), (2, 2, 8))
        for key, prop in schema.get("properties", {}).items():
            rtype = keys[key]
            records = nodes.paragraph()
            records += nodes.reference("", rtype, internal=True, refid=f"schema-{rtype}")
            table.add_row(
                self.field_name(key, f"schema-collection-{key}"),
                [records],
                self.parse(prop.get("description", "")),
            )
        section += table.node
        return section

    # --- cells ----------------------------------------------------------------
    def field_name(self, name: str, anchor: str) -> list[nodes.Node]:
        para = nodes.paragraph(ids=[nodes.make_id(anchor)])
        para += nodes.literal(name, name)
        return [para]

    def type_cell(self, prop: JSON, nullable: bool = False) -> list[nodes.Node]:
        para = nodes.paragraph()
        kind = prop.get("type", "string")
        items = prop.get("items", {}) if kind == "array" else prop
        ref = prop.get("x-ref")
        if ref:
            name = f"{ref} ids" if kind == "array" else f"{ref} id"
            link = nodes.reference("", name, internal=True, refid=f"schema-{ref}")
            para += [nodes.Text("list of " if kind == "array" else ""), link]
        elif kind == "array":
            para += nodes.Text(
                f"list of {_TYPE_NAMES.get(str(items.get('type')), ('', 'values'))[1]}"
            )
        elif "const" in prop and "type" not in prop:
            para += [nodes.Text("always "), nodes.literal(str(prop["const"]), str(prop["const"]))]
        elif kind == "object" and prop.get("properties"):
            para += nodes.Text("mapping of ")
            para += joined([nodes.literal(key, key) for key in prop["properties"]], "; ")
        else:
            para += nodes.Text(_TYPE_NAMES.get(kind, (kind,))[0])
        if nullable:
            para += nodes.Text(", or null")
        result: list[nodes.Node] = [para]
        constraints = describe_constraints(prop, items)
        if constraints:
            result.append(nodes.paragraph("", "", *joined(constraints, "; ")))
        return result

    def required_cell(
        self, field: str, required: set[str], by_condition: dict[str, list[str]], prop: JSON
    ) -> list[nodes.Node]:
        if field in required:
            text = "always"
        elif field in by_condition:
            text = "for " + " or ".join(by_condition[field])
        else:
            text = "no"
        para = nodes.paragraph(text=text)
        if "default" in prop:
            para += [nodes.Text("; default "), nodes.literal("", str(prop["default"]))]
        return [para]

    def description_cell(self, prop: JSON) -> list[nodes.Node]:
        cell = self.parse(prop.get("description", ""))
        values = prop.get("enum") or prop.get("items", {}).get("enum") or ()
        meanings = prop.get("enumDescriptions", ())
        if values:
            cell.append(nodes.paragraph(text="Allowed values:"))
            bullets = nodes.bullet_list()
            for index, value in enumerate(values):
                item = nodes.paragraph()
                item += nodes.literal(str(value), str(value))
                if index < len(meanings):
                    item += nodes.Text(": ")
                    item += self.inline(meanings[index])
                bullets += nodes.list_item("", item)
            cell.append(bullets)
        for example in prop.get("examples", ())[:1]:
            para = nodes.paragraph(text="Example: ")
            para += nodes.literal("", format_example(example))
            cell.append(para)
        return cell

    # --- helpers --------------------------------------------------------------
    def section(self, title: str, anchor: str) -> nodes.section:
        section = nodes.section(
            ids=[nodes.make_id(anchor)], names=[nodes.fully_normalize_name(title)]
        )
        section += nodes.title(title, title)
        self.located(section)
        return section

    def paragraph(self, text: str) -> nodes.paragraph:
        para = nodes.paragraph()
        para += self.inline(text)
        return para

    def parse(self, text: str) -> list[nodes.Node]:
        return [self.paragraph(text)] if text else []


class Table:
    """A plain docutils table: header row, body rows of cells (lists of nodes)."""

    def __init__(self, headers: tuple[str, ...], widths: tuple[int, ...]):
        self.node = nodes.table(classes=["claimkb-schema-table"])
        group = nodes.tgroup(cols=len(headers))
        self.node += group
        group += [nodes.colspec(colwidth=width) for width in widths]
        head = nodes.thead()
        head += self._row([[nodes.paragraph(text=h)] for h in headers])
        group += head
        self.body = nodes.tbody()
        group += self.body

    def add_row(self, *cells: list[nodes.Node]) -> None:
        self.body += self._row(cells)

    @staticmethod
    def _row(cells: Iterable[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            row += nodes.entry("", *content)
        return row


def flatten(prop: JSON, document: JSON, documents: dict[str, JSON]) -> tuple[JSON, bool]:
    """`prop` as one plain type: its `$ref` followed (in `document` or in another schema file,
    the referring keys winning), and null, when a type list or an `anyOf` allows it, set apart as
    the second value."""
    while "$ref" in prop:
        where, _, pointer = prop["$ref"].partition("#")
        if where:
            document = documents[where.removesuffix(".schema.json")]
        target = document
        for part in filter(None, pointer.split("/")):
            target = target[part]
        prop = {**target, **{key: value for key, value in prop.items() if key != "$ref"}}
    nullable = False
    types = prop.get("type")
    if isinstance(types, list):
        nullable = "null" in types
        rest_types = [t for t in types if t != "null"]
        prop = {**prop, "type": rest_types[0] if len(rest_types) == 1 else " or ".join(rest_types)}
    if "anyOf" in prop:
        options = [flatten(option, document, documents)[0] for option in prop["anyOf"]]
        real = [option for option in options if option.get("type") != "null"]
        if len(real) == 1:
            nullable = len(options) > 1
            rest = {key: value for key, value in prop.items() if key != "anyOf"}
            prop = {**real[0], **rest}
    if isinstance(prop.get("items"), dict):
        prop = {**prop, "items": flatten(prop["items"], document, documents)[0]}
    if None in prop.get("enum", ()):
        nullable = True
        prop = {**prop, "enum": [value for value in prop["enum"] if value is not None]}
    return prop, nullable


def required_by_condition(schema: JSON) -> dict[str, list[str]]:
    """field -> the conditions (`a figure`, `a fact`) under which an `allOf` rule requires it."""
    found: dict[str, list[str]] = {}
    for rule in schema.get("allOf", ()):
        condition = _condition(rule.get("if", {}))
        for field in rule.get("then", {}).get("required", ()):
            found.setdefault(field, []).append(condition)
    return found


def _condition(schema: JSON) -> str:
    parts = []
    for name, prop in schema.get("properties", {}).items():
        if "const" in prop:
            value = prop["const"]
            parts.append(f"a {value}" if name == "kind" else f"{name} = {value}")
    return " and ".join(parts) or "some records"


def describe_constraints(prop: JSON, items: JSON) -> list[list[nodes.Node]]:
    """Limits beyond the type, each a short phrase: form, length, range, size."""
    found: list[list[nodes.Node]] = []
    for source in (prop, items) if items is not prop else (prop,):
        if "format" in source:
            found.append([nodes.Text(str(_FORMATS.get(source["format"], source["format"])))])
        if "pattern" in source:
            found.append([nodes.Text("matching "), nodes.literal("", source["pattern"])])
        if source.get("minLength", 0) >= 1:
            found.append([nodes.Text("not empty")])
        if "maxLength" in source:
            found.append([nodes.Text(f"at most {source['maxLength']} characters")])
    if "minimum" in prop and "maximum" in prop:
        found.append([nodes.Text(f"from {prop['minimum']} to {prop['maximum']}")])
    if prop.get("minItems"):
        found.append([nodes.Text(f"at least {prop['minItems']}")])
    return found


def format_example(value: object) -> str:
    """An example as written in YAML flow style: lists in brackets, scalars as they are."""
    if isinstance(value, list):
        return "[" + ", ".join(format_example(item) for item in value) + "]"
    return str(value)


def joined(parts: Sequence[nodes.Node | list[nodes.Node]], separator: str) -> list[nodes.Node]:
    """`parts` (each a node or a list of nodes) with a text node between each two: A; B; C."""
    result: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            result.append(nodes.Text(separator))
        result.extend(part if isinstance(part, list) else [part])
    return result
