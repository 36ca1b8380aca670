"""The project the state machine of tests/test_stateful.py edits, written from its state: claims
as `claim` directives in pages or as records of a collection, every registry record in one
collection, and pages that show them through every view (cards, `claims` tables, `compare`,
`claim-card`, roles, the registry lists, a collection's claims; the generated pages come with
the root, `tests/roots/test-stateful`).

Every field is written the way a contributor writes it: a page's option is one line (lists
separated by commas), a claim's `text` is its directive's body, a collection is YAML.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from stateful_fields import SCHEMAS, properties, registry_types, required

PAGES = ("p1", "p2", "p3")
#: a claim's home: a page, or the collection `claims/<COLLECTION>.yaml` (shown on p2)
COLLECTION = "bulk"
HOMES = (*PAGES, COLLECTION)
#: the page that lists the registry and shows a claim away from home
REGISTRY_PAGE = "p4"
ROLES = ("claim", "claim-value")


@dataclass
class Site:
    """What the machine has made of the project: everything the files are written from."""

    #: claim id -> {"home": a page or COLLECTION, "data": its fields but id}
    claims: dict[str, dict] = field(default_factory=dict)
    #: registry record type -> id -> fields but id
    records: dict[str, dict[str, dict]] = field(default_factory=dict)
    #: page -> the roles it holds, (role, claim id)
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: the filters of the `claims` tables of p3
    tables: list[dict[str, str]] = field(default_factory=list)

    def ids(self) -> dict[str, list[str]]:
        found = {rtype: sorted(records) for rtype, records in self.records.items()}
        return {"claim": sorted(self.claims), **found}

    # --- the files --------------------------------------------------------------------------
    def write(self, src: Path) -> None:
        for page in (*PAGES, REGISTRY_PAGE):
            _write(src / f"{page}.md", self.page_text(page))
        _write(src / "claims" / "registry.yaml", self.registry_text())
        _write(src / "claims" / f"{COLLECTION}.yaml", self.collection_text())

    def page_text(self, page: str) -> str:
        parts = [f"# Page {page}\n"]
        if self.links.get(page):
            parts.append(" ".join(f"{{{role}}}`{rid}`" for role, rid in self.links[page]) + "\n")
        if page == "p2":
            parts.append(f"```{{claim-collection}} {COLLECTION}\n```\n")
        if page == "p3":
            for filters in self.tables:
                options = "".join(f":{name}: {value}\n" for name, value in filters.items())
                parts.append(f"```{{claims}}\n{options}```\n")
            shown = sorted(self.claims)[:2]
            if len(shown) == 2:
                parts.append(f"```{{compare}} {' '.join(shown)}\n```\n")
        if page == REGISTRY_PAGE:
            parts += [f"```{{registry}} {lists}\n```\n" for lists in REGISTRY_LISTS]
            if self.claims:
                parts.append(f"```{{claim-card}} {sorted(self.claims)[-1]}\n```\n")
        for claim_id, claim in sorted(self.claims.items()):
            if claim["home"] == page:
                parts.append(claim_directive(claim_id, claim["data"]))
        return "\n".join(parts)

    def registry_text(self) -> str:
        lists = {
            LIST_OF[rtype]: [{"id": rid, **data} for rid, data in sorted(records.items())]
            for rtype, records in self.records.items()
        }
        return yaml_text(lists)

    def collection_text(self) -> str:
        claims = [
            {"id": rid, **claim["data"]}
            for rid, claim in sorted(self.claims.items())
            if claim["home"] == COLLECTION
        ]
        return yaml_text({"claims": claims})


def yaml_text(data: dict) -> str:
    """`data` as YAML 1.2, the version the collection reader (ruamel.yaml) reads: PyYAML writes
    YAML 1.1, where a string such as `0o10` needs no quotes, and the reader then finds the
    integer 8 where a text was written."""
    writer = YAML()
    writer.default_flow_style = False
    writer.allow_unicode = True
    writer.width = 4096
    out = io.StringIO()
    writer.dump(data, out)
    return out.getvalue()


#: record type -> its list in a collection ("entity" -> "entities"), from the schema
LIST_OF = {rtype: key for key, rtype in SCHEMAS.collection_keys.items()}
REGISTRY_LISTS = tuple(LIST_OF[rtype] for rtype in registry_types())


def base_site() -> Site:
    """A few records of each type and a claim in each home, linked across pages."""
    named = {"definition": "Defined."}
    records = {
        "entity": {
            "lab-a": {"name": "Lab A", "type": "lab"},
            "lab-b": {"name": "Lab B", "type": "company"},
            "model-x": {"name": "Model X", "type": "model", "parent": "lab-a"},
        },
        "source": {
            sid: {
                "title": f"Paper {sid}",
                "url": f"https://example.org/{sid}",
                "published": "2024-12-27",
                "type": "paper",
            }
            for sid in ("report", "paper")
        },  # fmt: skip
        "metric": {
            "cost": {"name": "Cost", "unit": "USD", **named},
            "gpu-count": {"name": "GPU count", "unit": "GPU", **named},
        },
        "scope": {rid: {"name": rid.title(), **named} for rid in ("final-run", "all-servers")},
        "method": {rid: {"name": rid.title(), **named} for rid in ("rental", "estimate")},
    }
    for rtype in registry_types():
        if rtype not in records:  # a record type added to the schemas: one record of examples
            records[rtype] = {example(rtype, "id"): example_record(rtype)}
    claims = {
        f"claim-{number}": {
            "home": home,
            "data": {
                "kind": "figure", "title": f"Claim {number}", "subject": ["lab-a"],
                "metric": "cost", "value": number * 1000, "scope": "final-run",
                "method": "rental", "as_of": "2024-12-27", "claimant": "lab-a",
                "source": "report", "confidence": "likely", "text": f"Statement {number}.",
            },
        }
        for number, home in enumerate(HOMES, start=1)
    }  # fmt: skip
    links = {"p1": [("claim-value", "claim-2")], "p2": [("claim", "claim-3")]}
    links["p3"] = [("claim-value", "claim-1")]
    tables = [{"subject": "lab-a"}, {"metric": "gpu-count", "status": "disputed"}]
    tables.append({"source": "report", "latest": "2"})
    return Site(claims=claims, records=records, links=links, tables=tables)


def example(rtype: str, name: str):
    return properties(rtype)[name]["examples"][0]


def example_record(rtype: str) -> dict:
    """The required fields of a record type (but its id), each with its schema's first example."""
    return {name: example(rtype, name) for name in sorted(required(rtype, {}) - {"id"})}


def claim_directive(claim_id: str, data: dict) -> str:
    """A claim as a page holds it: the fields as options in the schema's order, `text` as the
    body."""
    lines = [f"```{{claim}} {claim_id}"]
    for name in properties("claim"):
        if name in ("id", "text") or name not in data:
            continue
        lines.append(f":{name}: {option_text(data[name])}")
    return "\n".join([*lines, "", data.get("text", ""), "```"]) + "\n"


def option_text(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write(path: Path, text: str) -> None:
    """Writes only what changed: an unchanged file keeps its time, as an editor leaves it."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)  # git keeps no empty claims/ folder
        path.write_text(text, encoding="utf-8")
