"""`claimkb fmt`: canonical collections that keep every comment, on copies (never the repo's)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkb.cli import main
from claimkb.core.canonical_form import canonical_text
from claimkb.core.collection_reader import parse_yaml, to_plain
from claimkb.core.schema import load_schemas
from conftest import REPO

MESSY = """\
# yaml-language-server: $schema=../schema/collection.schema.json
# A collection with comments everywhere.

sources:
  # --- group one ---
  - id: zeta
    url: https://z.example/  # eol on url
    title: Zeta
    published: 2024-01-02
    type: paper
  # about alpha, moves with it
  - id: alpha
    title: Alpha
    type: news
    published: 2024-01-01
    url: https://a.example/

  # --- group two ---
  - title: Mu
    id: mu
    url: https://m.example/
    published: 2024-01-03
    type: blog
    notes: >-
      folded text that
      spans two lines
  - id: beta
    title: Beta
    url: https://b.example/
    published: 2024-01-04
    type: paper
    authors: [P, Q]   # flow list

entities:
  - name: Example Lab
    id: lab
    type: lab
# end of file
"""

CANONICAL = """\
# yaml-language-server: $schema=../schema/collection.schema.json
# A collection with comments everywhere.

entities:
  - id: lab
    name: Example Lab
    type: lab

sources:
  # --- group one ---
  # about alpha, moves with it
  - id: alpha
    title: Alpha
    url: https://a.example/
    published: 2024-01-01
    type: news
  - id: zeta
    title: Zeta
    url: https://z.example/  # eol on url
    published: 2024-01-02
    type: paper

  # --- group two ---
  - id: beta
    title: Beta
    url: https://b.example/
    published: 2024-01-04
    type: paper
    authors: [P, Q]   # flow list
  - id: mu
    title: Mu
    url: https://m.example/
    published: 2024-01-03
    type: blog
    notes: >-
      folded text that
      spans two lines
# end of file
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    (tmp_path / "claims").mkdir()
    return tmp_path


def fmt(project: Path, *args: str) -> int:
    return main(["fmt", "--root", str(project), *args])


def comments(text: str) -> list[str]:
    """Every comment, wherever its line went (a record's dash may move to another field)."""
    return sorted("#" + line.split("#", 1)[1] for line in text.splitlines() if "#" in line)


def test_fmt_sorts_records_and_fields_and_keeps_comments(project, capsys):
    path = project / "claims" / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    assert fmt(project) == 0
    result = path.read_text(encoding="utf-8")
    assert result == CANONICAL
    assert comments(result) == comments(MESSY)
    assert result.count("\n\n") == MESSY.count("\n\n")  # blank-line grouping kept
    assert to_plain(parse_yaml(result))["sources"][0]["id"] == "alpha"
    assert "reformatted claims/messy.yaml" in capsys.readouterr().out.replace(
        str(project) + "/", ""
    )


def test_fmt_twice_changes_nothing(project):
    path = project / "claims" / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    assert fmt(project) == 0
    once = path.read_bytes()
    assert fmt(project, "--check") == 0
    assert fmt(project) == 0
    assert path.read_bytes() == once


def test_check_names_files_and_changes_nothing(project, capsys):
    messy = project / "claims" / "messy.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    tidy = project / "claims" / "tidy.yaml"
    tidy.write_text(CANONICAL, encoding="utf-8")
    assert fmt(project, "--check") == 1
    out = capsys.readouterr().out
    assert "would reformat" in out and "messy.yaml" in out
    assert "tidy.yaml" not in out.splitlines()[0]
    assert "2 files checked: 1 would reformat, 1 already canonical" in out
    assert messy.read_text(encoding="utf-8") == MESSY


def test_refuses_a_file_that_does_not_parse(project, capsys):
    broken = project / "claims" / "broken.yaml"
    text = "sources:\n  - id: a\n    title: [unclosed\n"
    broken.write_text(text, encoding="utf-8")
    assert fmt(project) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:" in err and "YAML syntax error" in err and "fmt leaves" in err
    assert broken.read_text(encoding="utf-8") == text
    assert fmt(project, "--check") == 1


def test_refuses_a_file_that_is_not_a_collection(project, capsys):
    listing = project / "claims" / "list.yaml"
    listing.write_text("- id: a\n", encoding="utf-8")
    assert fmt(project, str(listing)) == 1
    assert "a collection is a mapping" in capsys.readouterr().err
    assert listing.read_text(encoding="utf-8") == "- id: a\n"


def test_missing_path_is_a_usage_error(project, capsys):
    assert fmt(project, str(project / "claims" / "nope.yaml")) == 2
    assert "no such file" in capsys.readouterr().err


def test_flow_style_list_and_crlf_are_kept(project):
    path = project / "claims" / "flow.yaml"
    text = (
        "metrics: [{id: b, name: B, unit: USD, definition: d}, {id: a, name: A, unit: USD, "
        "definition: d}]\r\nscopes:\r\n  - name: S\r\n    id: s\r\n    definition: d\r\n"
    )
    path.write_bytes(text.encode())
    assert fmt(project) == 0
    result = path.read_bytes().decode()
    assert result.startswith("metrics: [{id: b")  # flow style: left as written
    assert "  - id: s\r\n    name: S\r\n" in result  # block records reordered, CRLF kept


def test_fmt_keeps_the_repositorys_collections_content(project):
    """On copies of the real collections: same records, same comments, idempotent."""
    sources = [REPO / "claims" / name for name in ("sources.yaml", "definitions.yaml")]
    for source in sources:
        shutil.copy(source, project / "claims" / source.name)
    assert fmt(project) == 0
    assert fmt(project, "--check") == 0
    for source in sources:
        before = source.read_text(encoding="utf-8")
        after = (project / "claims" / source.name).read_text(encoding="utf-8")
        assert comments(after) == comments(before), source.name
        old, new = to_plain(parse_yaml(before)), to_plain(parse_yaml(after))
        assert old.keys() == new.keys()
        for key in old:
            dumped = [sorted(json.dumps(r, sort_keys=True) for r in d[key]) for d in (old, new)]
            assert dumped[0] == dumped[1], (source.name, key)


# --- property: any block collection keeps its records, comments and groups, sorted -----------
FIELDS = ["id", "name", "unit", "definition"]


@st.composite
def collections_text(draw) -> str:
    lines = ["# header\n", "metrics:\n"]
    ids = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True))
    for index, rid in enumerate(ids):
        if index and draw(st.booleans()):
            lines.append("\n")  # a new group
        if draw(st.booleans()):
            lines.append(f"  # about {rid}\n")
        order = draw(st.permutations(FIELDS))
        for position, name in enumerate(order):
            value = rid if name == "id" else f"{name} of {rid}"
            comment = f"  # {name} note {rid}" if draw(st.booleans()) else ""
            lines.append(f"{'  - ' if position == 0 else '    '}{name}: {value}{comment}\n")
    return "".join(lines)


@settings(max_examples=25, deadline=None)
@given(collections_text())
def test_canonical_form_properties(text):
    schemas = load_schemas(REPO / "schema")
    result = canonical_text(text, schemas)
    assert canonical_text(result, schemas) == result  # idempotent
    assert comments(result) == comments(text)
    assert result.count("\n\n") == text.count("\n\n")
    before, after = to_plain(parse_yaml(text)), to_plain(parse_yaml(result))
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(before["metrics"], key=key) == sorted(after["metrics"], key=key)
    for group in result.split("\n\n"):
        ids = [line.split("id: ")[1].split()[0] for line in group.splitlines() if "- id: " in line]
        assert ids == sorted(ids)
    for record in parse_yaml(result)["metrics"]:
        assert list(record) == FIELDS
