"""The fast libyaml reader of collections must read exactly what the ruamel reader reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkb.core import collection_reader as c

REPO = Path(__file__).parents[1]
YAML_FILES = sorted(
    [*REPO.glob("claims/*.yaml"), *REPO.glob("tests/roots/*/claims/*.yaml")],
    key=lambda path: str(path),
)

TRICKY = """\
# comment
entities:
- id: a  # trailing comment
  name: "quoted: yes"
  aliases: [yes, no, on, off, 'y', ~, null, Null]
  numbers: [1_000, 0o17, 0x1F, 012, 1.5e3, 1e9, -3, +7, .inf, -.inf, .nan, 5.576]
  dates: [2025-01-20, 2025-01-20T10:00:00Z, 12:30, 1:30:00]
  bools: [true, True, TRUE, false]
  block: |
    line one
      indented

  folded: >-
    folded
    text
  empty:
  unicode: "€ 中文 \\u00e9"
  flow: {x: 1, y: [2, 3]}
  nested:
    - - deep
      - er
sources: []
"""


def dump(value):
    """Everything the records are made of: keys, values, their types and every line, and the
    keys written twice."""
    if isinstance(value, c.LocatedMap):
        return {
            "map": [(key, value.key_lines[key], dump(item)) for key, item in value.items()],
            "line": value.line,
            "again": [(key, line, dump(item)) for key, line, item in value.duplicates],
        }
    if isinstance(value, c.LocatedList):
        return {
            "list": [(line, dump(item)) for line, item in zip(value.item_lines, value, strict=True)]
        }
    plain = c.to_plain(value)
    return (type(plain).__name__, repr(plain))


def fast(text: str):
    return c.read_fast(text)


def slow(text: str):
    return c.read_round_trip(text)


@pytest.mark.parametrize(
    "text",
    [TRICKY, TRICKY.replace("\n", "\r\n")] + [c.read_text(path) for path in YAML_FILES],
    ids=["tricky", "tricky-crlf"] + [str(path.relative_to(REPO)) for path in YAML_FILES],
)
def test_fast_reader_reads_what_ruamel_reads(text):
    try:
        expected = dump(slow(text))
    except c.CollectionError:
        pytest.skip("a broken file: read by ruamel only, for its messages")
    assert dump(fast(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # alias
        "a: !!str 3\n",  # explicit tag
        "a: 1\n---\nb: 2\n",  # two documents
        "%YAML 1.1\n---\na: yes\n",  # another YAML version
        "<<: {a: 1}\n",  # merge key
        "1: one\n",  # a key that is not text
        "[" * (c.MAX_DEPTH + 1) + "]" * (c.MAX_DEPTH + 1) + "\n",  # too deep
    ],
)
def test_fast_reader_leaves_the_unusual_to_ruamel(text):
    with pytest.raises(c.NeedsRoundTrip):
        fast(text)


def test_read_located_gives_ruamel_messages():
    with pytest.raises(c.CollectionError, match="aliases"):
        c.read_located("a: &x 1\nb: *x\n")
    with pytest.raises(c.CollectionError, match="expected ',' or ']'"):
        c.read_located("a: [1, 2\nb: 3\n")


DUPLICATES = """\
sources:
  - id: a
    title: A
    title: B
    nested: {x: 1, x: [2, 3]}
entities: []
sources:
  - id: b
"""


@pytest.mark.parametrize("read", [fast, slow], ids=["libyaml", "ruamel"])
def test_a_key_written_twice_is_noted_and_the_rest_is_read(read):
    data = read(DUPLICATES)
    assert [r["id"] for r in data["sources"]] == ["a"]
    [(key, line, again)] = data.duplicates
    assert (key, line, [r["id"] for r in again]) == ("sources", 7, ["b"])
    record = data["sources"][0]
    assert (record["title"], record.line, record.duplicates) == ("A", 2, [("title", 4, "B")])
    assert record["nested"].duplicates == [("x", 5, [2, 3])]
    assert dump(read(DUPLICATES)) == dump(slow(DUPLICATES))
