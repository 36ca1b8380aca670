"""The field facts of `core.fields` hold with the schema: every claim field exported or left out
with a reason, every relation with words, every filter on fields that exist, every annotation
where it makes sense. Each check runs on the real schema, and on a schema made to break it, so
that the test can fail."""

from __future__ import annotations

import json

import pytest

from claimkb.core import fields
from conftest import REPO


def schema(rtype: str) -> dict:
    return json.loads((REPO / "schema" / f"{rtype}.schema.json").read_text(encoding="utf-8"))


CLAIM = schema("claim")["properties"]


# --- the checks -------------------------------------------------------------------------------
def unexported(properties: dict, exported: dict, not_exported: dict) -> list[str]:
    """Claim fields neither in a column of `claims.csv` nor left out with a reason."""
    found = [
        f"claim field {name!r} is neither exported (core.fields.CSV_COLUMNS) nor in "
        "core.fields.NOT_EXPORTED with the reason"
        for name in properties
        if name not in exported and not not_exported.get(name, "").strip()
    ]
    found += [
        f"{name!r} is exported and in NOT_EXPORTED" for name in exported if name in not_exported
    ]
    found += [f"{name!r}: no such claim field" for name in not_exported if name not in properties]
    return found


def unlabelled_relations(properties: dict, relations: tuple, reverse: tuple) -> list[str]:
    """Claim fields that name claims without the words a card shows them under, and words for
    fields that do not name claims."""
    naming = [name for name, prop in properties.items() if prop.get("x-ref") == "claim"]
    labels = dict(relations)
    found = [
        f"claim field {name!r} names claims (x-ref: claim) but has no label in "
        "core.fields.RELATIONS"
        for name in naming
        if not labels.get(name, "").strip()
    ]
    found += [
        f"core.fields.RELATIONS labels {name!r}, which names no claims"
        for name in labels
        if name not in naming
    ]
    found += [
        f"core.fields.REVERSE_RELATIONS labels {name!r}, which is not a relation"
        for name, label in reverse
        if name not in labels or not label.strip()
    ]
    return found


def bad_filters(properties: dict, filters: dict) -> list[str]:
    """Filters on fields the schema lacks, or on fields that name different things."""
    found = []
    for option, names in filters.items():
        missing = [name for name in names if name not in properties]
        if missing or not names:
            found.append(f"filter {option!r} matches {missing or 'no'} claim field")
            continue
        refs = {properties[name].get("x-ref") for name in names}
        if len(refs) > 1:
            found.append(f"filter {option!r} matches fields naming {sorted(map(str, refs))}")
    return found


def bad_annotations(documents: dict[str, dict]) -> list[str]:
    """`x-unit` on what is not a number, `x-important` that is not `true`, an `x-ref` to a type
    no collection holds."""
    types = set(documents)
    found = []
    for rtype, document in documents.items():
        for name, prop in document["properties"].items():
            if "x-unit" in prop and (prop["x-unit"] != "metric" or prop.get("type") != "number"):
                found.append(f"{rtype}.{name}: x-unit is for numbers, in the metric's unit")
            if "x-important" in prop and prop["x-important"] is not True:
                found.append(f"{rtype}.{name}: x-important is true or absent")
            if "x-ref" in prop and prop["x-ref"] not in types:
                found.append(f"{rtype}.{name}: x-ref names {prop['x-ref']!r}, not a record type")
    return found


RECORD_TYPES = ("claim", "entity", "source", "metric", "scope", "method")


# --- on the real schema -----------------------------------------------------------------------
def test_every_claim_field_is_exported_or_left_out_with_a_reason():
    assert unexported(CLAIM, fields.exported_columns(), fields.NOT_EXPORTED) == []


def test_every_column_shows_a_claim_field_or_says_it_is_worked_out():
    names = [column.name for column in fields.CSV_COLUMNS]
    assert len(names) == len(set(names))
    assert [c.name for c in fields.CSV_COLUMNS if c.field and c.field not in CLAIM] == []


def test_every_exported_field_and_direct_column_is_a_key_of_claims_json():
    keys = schema("export")["$defs"]["claim"]["properties"]
    required = set(schema("export")["$defs"]["claim"]["required"])
    assert set(fields.exported_columns()) <= required
    assert {c.name for c in fields.CSV_COLUMNS if c.direct} <= required <= set(keys)


def test_every_relation_has_words_and_every_word_a_relation():
    assert unlabelled_relations(CLAIM, fields.RELATIONS, fields.REVERSE_RELATIONS) == []
    assert set(fields.RELATION_FIELDS) == {
        name for name, rtype in fields.references("claim") if rtype == "claim"
    }


def test_filters_match_fields_the_schema_has():
    assert bad_filters(CLAIM, fields.FILTERS) == []


def test_annotations_are_where_they_make_sense():
    assert bad_annotations({rtype: schema(rtype) for rtype in RECORD_TYPES}) == []


def test_facts_are_read_from_the_schema():
    assert fields.named_fields("claim") == tuple(
        (name, prop["x-ref"])
        for name, prop in CLAIM.items()
        if prop.get("x-ref") not in (None, "claim")
    )
    for rtype in RECORD_TYPES:
        properties = schema(rtype)["properties"]
        assert fields.important_fields(rtype) == tuple(
            name for name, prop in properties.items() if prop.get("x-important")
        )
    assert fields.metric_unit_fields() and set(fields.metric_unit_fields()) <= set(CLAIM)
    # a filter's values name what its fields name, and an absent field counts as its default
    assert fields.filter_ref("source") == "source" and fields.filter_ref("tag") is None
    assert fields.filter_values("status", {}) == [CLAIM["status"]["default"]]
    assert fields.filter_values("source", {"source": "a", "also": ["b"]}) == ["a", "b"]


# --- the checks can fail ----------------------------------------------------------------------
def test_a_new_claim_field_must_be_exported_or_left_out_with_a_reason():
    properties = {**CLAIM, "nickname": {"type": "string"}}
    assert unexported(properties, fields.exported_columns(), fields.NOT_EXPORTED) == [
        "claim field 'nickname' is neither exported (core.fields.CSV_COLUMNS) nor in "
        "core.fields.NOT_EXPORTED with the reason"
    ]
    assert unexported(properties, fields.exported_columns(), {"nickname": " "}) != []
    assert unexported(properties, fields.exported_columns(), {"nickname": "internal"}) == []


def test_a_relation_without_words_is_found():
    properties = {**CLAIM, "refutes": {"type": "array", "x-ref": "claim"}}
    assert unlabelled_relations(properties, fields.RELATIONS, fields.REVERSE_RELATIONS) == [
        "claim field 'refutes' names claims (x-ref: claim) but has no label in "
        "core.fields.RELATIONS"
    ]
    reverse = (*fields.REVERSE_RELATIONS, ("nickname", "Nicknamed by"))
    assert unlabelled_relations(CLAIM, fields.RELATIONS, reverse) == [
        "core.fields.REVERSE_RELATIONS labels 'nickname', which is not a relation"
    ]


def test_a_filter_on_an_unknown_or_mixed_field_is_found():
    filters = {**fields.FILTERS, "colour": ("colour",), "who": ("subject", "source")}
    assert bad_filters(CLAIM, filters) == [
        "filter 'colour' matches ['colour'] claim field",
        "filter 'who' matches fields naming ['entity', 'source']",
    ]


def test_a_misplaced_annotation_is_found():
    documents = {rtype: schema(rtype) for rtype in RECORD_TYPES}
    documents["claim"]["properties"]["title"]["x-unit"] = "metric"
    documents["source"]["properties"]["url"]["x-important"] = "yes"
    documents["entity"]["properties"]["parent"]["x-ref"] = "company"
    assert bad_annotations(documents) == [
        "claim.title: x-unit is for numbers, in the metric's unit",
        "entity.parent: x-ref names 'company', not a record type",
        "source.url: x-important is true or absent",
    ]


@pytest.mark.parametrize("rtype", RECORD_TYPES)
def test_fields_reads_the_schema_the_build_reads(rtype):
    assert fields.properties(rtype) == schema(rtype)["properties"]
