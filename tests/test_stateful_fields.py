"""The state machine of tests/test_stateful.py edits every field the JSON Schemas define, with
values the project accepts, written so that they read back as they were: checked here without
building anything, so that a schema that gains a field the machine cannot edit fails at once,
naming the field (the state machine itself runs in the slow tier and asserts that a CI run
changes each of them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkb.core.collection_records import load_collection
from claimkb.core.formulas import parse
from claimkb.core.periods import parse_period
from claimkb.core.records import Location, Record
from claimkb.core.schema import Schemas
from claimkb.core.units import parse_unit
from claimkb.core.validate import check_record
from claimkb.myst.scanner import markdown_parser, md_config, scan_page
from conftest import REPO
from stateful_fields import (
    RENAMED,
    SCHEMAS,
    Context,
    record_types,
    registry_types,
    schema_fields,
    unreachable,
    values,
)
from stateful_site import COLLECTION, Site, base_site, claim_directive


def fields_in_schema_files() -> list[tuple[str, str]]:
    """(record type, field) of every record type a collection holds, read from the files."""
    folder = REPO / "schema"
    collection = json.loads((folder / "collection.schema.json").read_text(encoding="utf-8"))
    found = []
    for prop in collection["properties"].values():
        name = prop["items"]["$ref"]
        document = json.loads((folder / name).read_text(encoding="utf-8"))
        found += [(name.removesuffix(".schema.json"), field) for field in document["properties"]]
    return sorted(found)


#: what the project checks of a value beyond its record's schema (the cross-checks' readers)
READERS = {
    ("claim", "formula"): parse,
    ("claim", "period"): parse_period,
    ("metric", "unit"): parse_unit,
}


def test_the_machine_edits_every_field_of_every_record_type():
    """The proof the issue asks for: the fields the machine edits are the schemas' fields, all
    of them (each is listed by the test below), and each has values."""
    assert sorted(schema_fields()) == fields_in_schema_files()
    assert {rtype for rtype, _ in schema_fields()} == {"claim", *registry_types()}
    assert unreachable(schema_fields()) == []


def base_record(rtype: str, site: Site) -> tuple[str, dict]:
    if rtype == "claim":
        rid = sorted(site.claims)[0]
        return rid, dict(site.claims[rid]["data"])
    rid = sorted(site.records[rtype])[0]
    return rid, dict(site.records[rtype][rid])


@pytest.mark.parametrize(
    ("rtype", "name"),
    [field for field in schema_fields() if field[1] != RENAMED],
    ids=[f"{t}.{f}" for t, f in schema_fields() if f != RENAMED],
)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_field_is_given_values_the_project_accepts(rtype, name, data):
    site = base_site()
    rid, record = base_record(rtype, site)
    in_collection = rtype != "claim" or site.claims[rid]["home"] == COLLECTION
    value = data.draw(values(rtype, name, Context(site.ids(), rid, record, in_collection)))
    record[name] = value
    where = ("claims/registry.yaml", None) if in_collection else ("p1.md", "p1")
    found = Record(rtype, rid, {"id": rid, **record}, Location(where[0], 1), docname=where[1])
    findings = check_record(found, SCHEMAS)
    assert [f.message for f in findings if f.field == name] == []
    if (rtype, name) in READERS:
        READERS[(rtype, name)](value)  # raises if the project cannot read it


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_claim_with_every_field_reads_back_from_its_page_as_written(data):
    site = base_site()
    record = {"kind": "figure"}
    for _, name in [f for f in schema_fields() if f[0] == "claim" and f[1] not in ("id", "kind")]:
        record[name] = data.draw(values("claim", name, Context(site.ids(), "new", record)))
    page = scan_page(
        claim_directive("new", record),
        "p.md",
        SCHEMAS,
        markdown_parser(md_config({"myst_enable_extensions": ["colon_fence"]})),
        docname="p",
    )
    assert [f.message for f in page.findings] == []
    assert page.claims[0].data == {"id": "new", **record}


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_collections_with_every_field_read_back_as_written(data, tmp_path_factory):
    site = base_site()
    for rtype in record_types():
        rid, record = base_record(rtype, site)
        for _, name in [f for f in schema_fields() if f[0] == rtype and f[1] != RENAMED]:
            context = Context(site.ids(), rid, record, in_collection=True)
            record[name] = data.draw(values(rtype, name, context))
        if rtype == "claim":
            site.claims[rid] = {"home": COLLECTION, "data": record}
        else:
            site.records[rtype][rid] = record
    folder = tmp_path_factory.mktemp("claims")
    written: dict[str, dict] = {}
    for path, text in (("registry", site.registry_text()), ("bulk", site.collection_text())):
        (folder / f"{path}.yaml").write_text(text, encoding="utf-8")
        records, findings = load_collection(folder / f"{path}.yaml", SCHEMAS)
        assert findings == []
        for found in records:
            assert [f.message for f in check_record(found, SCHEMAS)] == []
            written[f"{found.type} {found.id}"] = found.data
    expected = {
        f"claim {rid}": {"id": rid, **c["data"]}
        for rid, c in site.claims.items()
        if c["home"] == COLLECTION
    }
    expected |= {
        f"{rtype} {rid}": {"id": rid, **record}
        for rtype, records in site.records.items()
        for rid, record in records.items()
    }
    assert written == expected


def test_a_field_the_machine_cannot_edit_is_named():
    documents = json.loads(json.dumps(SCHEMAS.documents))
    documents["claim"]["properties"]["costs"] = {"type": "object", "description": "By item."}
    documents["source"]["properties"]["mirror"] = {"type": "string", "format": "hostname"}
    documents["method"]["properties"]["id"]["pattern"] = "^[A-Z]+$"
    schemas = Schemas(Path("schema"), documents)
    assert unreachable(schema_fields(schemas), schemas) == [
        "source.mirror: a string with ['format']",
        "method.id: no new id of the form method-N matches '^[A-Z]+$'",
        "claim.costs: type 'object' with ['description', 'type']",
    ]


def test_a_new_field_would_be_edited_without_touching_the_machine():
    documents = json.loads(json.dumps(SCHEMAS.documents))
    documents["scope"]["properties"]["share"] = {"type": "number", "minimum": 0, "maximum": 1}
    documents["scope"]["properties"]["id"]["pattern"] = "^[A-Za-z][A-Za-z0-9_]*$"  # no hyphen
    schemas = Schemas(Path("schema"), documents)
    assert ("scope", "share") in schema_fields(schemas)
    assert unreachable(schema_fields(schemas), schemas) == []


def test_the_site_writes_yaml_the_reader_reads_back_as_written():
    """A text such as `0o10` is plain in YAML 1.1 (PyYAML) but an integer in YAML 1.2, which the
    collection reader reads: the state machine's files must quote it (Hypothesis found it)."""
    from ruamel.yaml import YAML

    from stateful_site import yaml_text

    texts = ["0o10", "0x1F", "8", "1e3", "yes", "null", "~", ".inf"]
    assert YAML(typ="safe", pure=True).load(yaml_text({"titles": texts})) == {"titles": texts}
