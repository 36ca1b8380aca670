"""Hostile or broken collection files: each is one clear, located finding (or harmlessly accepted);
never a hang, a traceback or an exhausted machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkb.core.collection_reader import MAX_BYTES, MAX_DEPTH
from claimkb.core.collection_records import load_collection
from claimkb.core.schema import load_schemas
from claimkb.core.validate import check_record, valid_part
from conftest import REPO

SOURCE = (
    "sources:\n"
    "  - id: a-source\n"
    "    title: A source\n"
    "    url: https://example.org/a\n"
    "    published: 2024-01-02\n"
    "    type: news\n"
)
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)


@pytest.fixture(scope="module")
def schemas():
    return load_schemas(REPO / "schema")


def load(tmp_path: Path, schemas, content: bytes | str):
    path = tmp_path / "collection.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return load_collection(path, schemas)


def only_finding(result):
    records, findings = result
    assert records == []
    assert len(findings) == 1, findings
    return findings[0]


def test_alias_bomb_is_refused_at_its_first_alias(tmp_path, schemas):
    finding = only_finding(load(tmp_path, schemas, BILLION_LAUGHS))
    assert (finding.line, finding.code) == (2, "yaml")
    assert finding.message == "YAML aliases (*name) are not allowed in collections"


def test_merge_key_alias_is_refused_too(tmp_path, schemas):
    text = "sources:\n  - &base {id: a, type: news}\n  - <<: *base\n    id: b\n"
    assert only_finding(load(tmp_path, schemas, text)).line == 3


def test_deep_nesting_is_refused(tmp_path, schemas):
    depth = 10_000
    finding = only_finding(load(tmp_path, schemas, "a: " + "[" * depth + "]" * depth + "\n"))
    assert finding.message == f"nested more than {MAX_DEPTH} levels deep"


def test_oversized_file_is_refused_before_reading(tmp_path, schemas):
    finding = only_finding(load(tmp_path, schemas, "# " + "x" * MAX_BYTES + "\n"))
    assert "the limit is 5,242,880 bytes" in finding.message
    assert finding.hint == "split it into several files"


def test_non_utf8_bytes_are_located(tmp_path, schemas):
    finding = only_finding(load(tmp_path, schemas, SOURCE.encode() + b"    notes: caf\xe9\n"))
    assert (finding.line, finding.message) == (7, "not valid UTF-8 (byte 0xe9)")
    assert finding.hint == "save the file as UTF-8"


@pytest.mark.parametrize(
    "content",
    [b"\xef\xbb\xbf" + SOURCE.encode(), SOURCE.replace("\n", "\r\n").encode()],
    ids=["bom", "crlf"],
)
def test_bom_and_crlf_are_accepted_with_true_lines(tmp_path, schemas, content):
    records, findings = load(tmp_path, schemas, content)
    assert findings == []
    assert [r.id for r in records] == ["a-source"]
    assert records[0].location.line_of("published") == 5


def test_tab_indentation_gets_a_hint(tmp_path, schemas):
    finding = only_finding(load(tmp_path, schemas, SOURCE.replace("    title", "\ttitle")))
    assert finding.line == 3 and finding.code == "yaml"
    assert finding.hint == "indent with spaces: YAML does not allow tabs"


def test_empty_file(tmp_path, schemas):
    finding = only_finding(load(tmp_path, schemas, ""))
    assert (finding.line, finding.code, finding.message) == (1, "file", "the file is empty")


@pytest.mark.parametrize(("content", "found"), [("- a\n- b\n", "a list"), ("just text\n", "a str")])
def test_file_that_is_not_a_mapping(tmp_path, schemas, content, found):
    finding = only_finding(load(tmp_path, schemas, content))
    assert finding.message == f"a collection is a mapping, this file holds {found}"


def test_duplicate_keys_are_errors_not_merged(tmp_path, schemas):
    [record], [finding] = load(tmp_path, schemas, SOURCE + "    type: blog\n")
    assert (finding.line, finding.message) == (7, "duplicate key 'type'")
    assert finding.hint == "the mapping starting at line 2 has it twice; keep one"
    # read, but the field written twice reaches no view: neither value is the right one
    assert record.invalid == ("type",)
    assert "type" not in valid_part(record, check_record(record, schemas)).data


def test_a_duplicate_key_hides_no_other_mistake_of_the_file(tmp_path, schemas):
    text = (
        SOURCE.replace("https://example.org/a", "javascript:alert(1)")
        + SOURCE.replace("sources:\n", "").replace("a-source", "b-source")
        + "    title: Again\n"
        + SOURCE.replace("a-source", "c-source").replace("2024-01-02", "2024-02-30")
    )
    records, findings = load(tmp_path, schemas, text)
    assert [r.id for r in records] == ["a-source", "b-source", "c-source"]
    findings += [f for r in records for f in check_record(r, schemas)]
    assert sorted((f.line, f.field, f.message) for f in findings) == [
        (4, "url", "'javascript:alert(1)' is not in the expected form"),
        (12, "", "duplicate key 'title'"),
        (13, "", "duplicate key 'sources'"),  # a list written twice: both are read
        (17, "published", "'2024-02-30' is not a valid date"),
    ]


def test_unknown_list_and_non_mapping_items(tmp_path, schemas):
    records, findings = load(tmp_path, schemas, SOURCE + "sauces: []\nentities:\n  - just-an-id\n")
    assert [r.id for r in records] == ["a-source"]
    assert [(f.line, f.field or f.record_type) for f in findings] == [(7, "sauces"), (9, "entity")]
    assert findings[0].hint == "did you mean 'sources'?"


def test_unreadable_file(tmp_path, schemas):
    finding = only_finding(load_collection(tmp_path / "missing.yaml", schemas))
    assert finding.message.startswith("cannot read file")
