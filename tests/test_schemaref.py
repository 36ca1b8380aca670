"""The schema reference page is generated from `schema/*.schema.json`: every record type, every
field with its type, when it is required, its allowed values and their meanings, an example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO
from helpers import build, build_once, copy_root, html, warnings_of

SCHEMA = REPO / "schema"
STRAIGHT_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def load(name: str) -> dict:
    return json.loads((SCHEMA / f"{name}.schema.json").read_text(encoding="utf-8"))


RECORD_TYPES = [
    prop["items"]["$ref"].removesuffix(".schema.json")
    for prop in load("collection")["properties"].values()
]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    app = build_once(copy_root("schemaref", tmp_path_factory.mktemp("schemaref")))
    assert warnings_of(app) == []
    return BeautifulSoup(html(app, "index.html"), "html.parser")


def row(page, rtype: str, field: str) -> list[str]:
    anchor = page.find(id=f"schema-{rtype}-{field.replace('_', '-')}")
    assert anchor is not None, f"no row for {rtype}.{field}"
    return [cell.get_text(" ", strip=True) for cell in anchor.find_parent("tr").find_all("td")]


def words(text: str) -> str:
    """Markdown backticks become code and quotes curl (smartquotes): compare the letters."""
    return "".join(text.replace("`", "").translate(STRAIGHT_QUOTES).split())


def test_every_record_type_has_a_section_with_its_description(page):
    for rtype in RECORD_TYPES:
        section = page.find("section", id=f"schema-{rtype}")
        assert section is not None, rtype
        assert section.find("h2").get_text(strip=True).rstrip("¶") == load(rtype)["title"]
        assert words(load(rtype)["description"]) in words(section.get_text(" "))


@pytest.mark.parametrize("rtype", RECORD_TYPES)
def test_every_field_has_its_description_allowed_values_and_example(page, rtype):
    schema = load(rtype)
    for field, prop in schema["properties"].items():
        name, _type, required, description = row(page, rtype, field)
        assert name == field
        assert words(prop["description"]) in words(description)
        for value, meaning in zip(
            prop.get("enum", ()), prop.get("enumDescriptions", ()), strict=True
        ):
            assert f"{value}:{words(meaning)}" in words(description)
        if "examples" in prop:
            assert "Example:" in description
        assert required == "always" if field in schema["required"] else required != "always"


@pytest.mark.parametrize(
    ("field", "required"),
    [
        ("metric", "for a figure"),
        ("subject", "for a figure or a fact"),
        ("text", "for a fact or a viewpoint"),
        ("relies_on", "for a viewpoint"),
        ("low", "no"),
        ("status", "no; default current"),
    ],
)
def test_required_by_kind_is_read_from_the_schema_s_conditions(page, field, required):
    assert row(page, "claim", field)[2] == required


@pytest.mark.parametrize(
    ("rtype", "field", "expected"),
    [
        ("claim", "subject", "list of entity ids"),
        ("claim", "metric", "metric id"),
        ("claim", "value", "number"),
        ("claim", "price_year", "whole number from 1900 to 2100"),
        ("source", "published", "text a date, YYYY-MM-DD"),
        ("entity", "aliases", "list of texts not empty"),
    ],
)
def test_types_name_what_is_referenced_and_the_limits(page, rtype, field, expected):
    assert row(page, rtype, field)[1].startswith(expected)


def test_references_link_to_the_referenced_record_type(page):
    anchor = page.find(id="schema-claim-metric").find_parent("tr")
    assert anchor.find("a", href="#schema-metric") is not None


def test_the_collection_file_and_the_findings_report_are_documented(page):
    collection = page.find("section", id="schema-collection")
    for key in load("collection")["properties"]:
        assert collection.find(id=f"schema-collection-{key}") is not None
    report = page.find("section", id="findings-report")
    for field in load("findings")["$defs"]["finding"]["properties"]:
        assert report.find(id=f"findings-report-{field.replace('_', '-')}") is not None


def test_changing_a_description_in_the_schema_changes_the_page(tmp_path):
    srcdir = copy_root("schemaref", tmp_path)
    schema_dir = tmp_path / "schema"
    shutil.copytree(SCHEMA, schema_dir)
    overrides = {"claimkb_schema_dir": str(schema_dir)}
    app = build_once(srcdir, confoverrides=overrides)
    assert "The name readers know it by." in html(app, "index.html")
    entity = schema_dir / "entity.schema.json"
    data = json.loads(entity.read_text(encoding="utf-8"))
    data["properties"]["name"]["description"] = "What everyone calls it, now in new words."
    entity.write_text(json.dumps(data), encoding="utf-8")
    app = build_once(srcdir, confoverrides=overrides)  # incremental: the page is read again
    page = html(app, "index.html")
    assert "What everyone calls it, now in new words." in page
    assert "The name readers know it by." not in page
    assert warnings_of(app) == []


def test_the_site_lists_the_page_in_its_reference():
    index = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    assert "reference/schema" in index
    page = (REPO / "docs" / "reference" / "schema.md").read_text(encoding="utf-8")
    assert "```{schema-reference}\n```" in page


def test_nothing_is_written_twice_the_page_has_no_field_by_hand():
    page = (REPO / "docs" / "reference" / "schema.md").read_text(encoding="utf-8")
    assert not [f for f in load("claim")["properties"] if f"`{f}`:" in page or f"| {f} |" in page]


def test_only_the_reference_page_depends_on_the_schemas(make_app, tmp_path):
    srcdir = copy_root("schemaref", tmp_path)
    app = build(make_app, srcdir)
    assert any(Path(dep).name == "claim.schema.json" for dep in app.env.dependencies["index"])
    assert not any(Path(dep).suffix == ".json" for dep in app.env.dependencies.get("other", ()))


def test_the_claims_export_has_a_section_with_every_field(page):
    export = load("export")
    section = page.find("section", id="claims-export")
    assert section is not None
    assert section.find("h2").get_text(strip=True).rstrip("¶") == export["title"]
    for field in export["$defs"]["claim"]["properties"]:
        anchor = section.find(id=f"claims-export-{field.replace('_', '-')}")
        assert anchor is not None, field
    cells = {
        name: [cell.get_text(" ", strip=True) for cell in anchor.find_parent("tr").find_all("td")]
        for name in ("claimant", "subject", "value", "id", "confidence")
        for anchor in [section.find(id=f"claims-export-{name}")]
    }
    # followed `$ref`s, null set apart, mappings named by their keys
    assert cells["claimant"][1].startswith("mapping of id ; name")
    assert cells["claimant"][1].endswith(", or null")
    assert cells["subject"][1] == "list of mappings"
    assert cells["value"][1] == "number, or null"
    assert cells["id"][1].startswith("text matching")  # from claim.schema.json
    assert "or null" in cells["confidence"][1] and "speculative" in cells["confidence"][3]


def test_the_diff_report_and_its_changed_record_have_sections_with_every_field(page):
    diff = load("diff")
    section = page.find("section", id="diff-report")
    assert section is not None
    assert section.find("h2").get_text(strip=True).rstrip("¶") == diff["title"]
    for field in diff["properties"]:
        assert section.find(id=f"diff-report-{field.replace('_', '-')}") is not None, field
    change = page.find("section", id="diff-report-change")
    assert (
        change.find("h2").get_text(strip=True).rstrip("¶") == f"{diff['title']}: a changed record"
    )
    for field in diff["$defs"]["change"]["properties"]:
        assert change.find(id=f"diff-report-change-{field.replace('_', '-')}") is not None, field
    moved = change.find(id="diff-report-change-moved").find_parent("tr").find_all("td")
    assert moved[1].get_text(" ", strip=True) == "true or false"
    summary = section.find(id="diff-report-summary").find_parent("tr").find_all("td")
    assert (
        summary[1].get_text(" ", strip=True).startswith("mapping of claims_added ; claims_removed")
    )
