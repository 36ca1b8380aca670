"""Projects for the fuzz test of the views (tests/test_fuzz_views.py): a small valid knowledge base
plus hostile records, each a valid record with one field given a hostile value, written the way a
contributor writes it (a claim directive in a page, or a record of a YAML collection), where every
view shows it.

Fields and their valid values come from the JSON Schemas in `schema/` (each property's first
example), so a new field is fuzzed without touching this file.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from myst_parser.parsers.options import TokenizeError, options_to_tokens

from conftest import REPO

SCHEMA_DIR = REPO / "schema"
RECORD_LISTS = {
    "entity": "entities",
    "source": "sources",
    "metric": "metrics",
    "unit": "units",
    "scope": "scopes",
    "method": "methods",
    "claim": "claims",
}
#: the valid ids every base record uses for its references, by the record type they name
BASE_REFS = {
    "entity": "base-lab",
    "source": "base-source",
    "metric": "cost",
    "scope": "base-scope",
    "method": "base-method",
}
#: claim relations of a hostile claim's valid version: they show it on the disputes page, etc.
BASE_CLAIM_REFS = {
    "relies_on": ["base-fact"],
    "derived_from": ["base-fact"],
    "supersedes": ["base-old"],
    "contradicts": ["base-figure"],
}
#: valid values that the schema's examples cannot give (they must agree with each other)
OVERRIDES = {
    ("claim", "low"): 1,
    ("claim", "high"): 1e12,
    ("claim", "kind"): "figure",
    ("claim", "also"): ["base-source-2"],
}
#: fields a valid record leaves out: a formula ties a claim's value to others', so a valid one
#: would make every hostile value of `value`, `low` or `high` also a formula finding; and a
#: currency, which would make a hostile metric that is not money also a currency finding
OMITTED = {("claim", "formula"), ("claim", "currency")}
#: a directive body (or a claim's `text`) is fenced with this many backticks
FENCE = "`" * 10
ABSENT = object()


class Raw(str):
    """A value written into YAML as it is, unquoted (`2025-02-30`, `.nan`)."""


def schema(rtype: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{rtype}.schema.json").read_text(encoding="utf-8"))


def properties(rtype: str) -> dict[str, dict]:
    return schema(rtype)["properties"]


#: the base claims, numbered before every other claim by `distinct_value`
BASE_CLAIMS = ("base-figure", "base-fact", "base-old")


def distinct_value(rid: str) -> float:
    """A value of its own for each valid claim, 1% from any other: valid claims are otherwise
    alike, and alike figures are reported as one figure written twice (`claim.same-figure`)."""
    if rid in BASE_CLAIMS:
        number = BASE_CLAIMS.index(rid)
    else:
        digits = re.findall(r"\d+", rid)
        number = len(BASE_CLAIMS) + 2 * int(digits[0] if digits else 0) + rid.endswith("-user")
    # from a million up: far from the hostile numbers (years such as 2023 among them), which a
    # valid claim's value must not come within 0.5% of
    return round(1_000_000 * 1.01**number, 6)


def valid_record(rtype: str, rid: str) -> dict[str, Any]:
    """Every field of a record type, each with a valid value, in the schema's order."""
    record = {}
    for name, prop in properties(rtype).items():
        if (rtype, name) in OMITTED:
            continue
        if name == "id":
            record[name] = rid
        elif (rtype, name) == ("claim", "value"):
            record[name] = distinct_value(rid)
        elif (rtype, name) in OVERRIDES:
            record[name] = OVERRIDES[(rtype, name)]
        elif rtype == "claim" and name in BASE_CLAIM_REFS:
            record[name] = list(BASE_CLAIM_REFS[name])
        elif "x-ref" in prop:
            target = BASE_REFS[prop["x-ref"]] if rtype != "entity" else "base-company"
            record[name] = [target] if prop.get("type") == "array" else target
        else:
            record[name] = prop["examples"][0]
    return record


@dataclass
class Hostile:
    """One record with one hostile field; where it was written, once it is."""

    rtype: str
    field: str
    form: str  # "page" (a claim directive) or "collection" (a YAML record)
    value: Any
    rid: str  # the id of its valid version
    path: Path | None = None
    lines: tuple[int, int] = (0, 0)  # first and last line of the record
    companion_lines: tuple[int, int] = (0, 0)  # the claim that shows a registry record

    @property
    def record(self) -> dict[str, Any]:
        record = valid_record(self.rtype, self.rid)
        if self.value is ABSENT:
            record.pop(self.field, None)
        else:
            record[self.field] = self.value
        return record

    @property
    def shown_id(self) -> str:
        """The id pages and exports know it by: its own, unless the id is the hostile field."""
        if self.field != "id":
            return self.rid
        return self.value if isinstance(self.value, str) else ""

    @property
    def reported_field(self) -> str:
        """The field as findings name it: a page claim's statement is its `body`."""
        return "body" if (self.form, self.field) == ("page", "text") else self.field

    def describe(self) -> str:
        return f"{self.rtype} {self.rid} ({self.form}) {self.field} = {show(self.value)}"


def show(value: Any) -> str:
    if value is ABSENT:
        return "<absent>"
    text = repr(value)
    return text if len(text) < 80 else text[:60] + f"... ({len(text)} characters)"


# --- YAML --------------------------------------------------------------------------------------
def _yaml_printable(char: str) -> bool:
    code = ord(char)
    return (
        code in (0x09, 0x0A, 0x0D, 0x85)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    ) and code != 0xFEFF


def yaml_value(value: Any) -> str:
    """`value` as one line of YAML flow syntax; strings double-quoted, with escapes."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_value(k)}: {yaml_value(v)}" for k, v in value.items()) + "}"
    out = []
    for char in str(value):
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t" or _yaml_printable(char) and char not in "\r\x85":
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def yaml_record(record: dict[str, Any]) -> list[str]:
    lines = []
    for index, (name, value) in enumerate(record.items()):
        lines.append(("  - " if index == 0 else "    ") + f"{name}: {yaml_value(value)}")
    if not lines:
        lines.append("  - {}")
    return lines


# --- directives --------------------------------------------------------------------------------
def option_text(value: Any) -> str | None:
    """How a contributor writes `value` as a directive option; None if it cannot be written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        items = [option_text(item) for item in value]
        return None if None in items or not items else ", ".join(items)  # type: ignore[arg-type]
    if isinstance(value, dict):
        return None
    return str(value)


def writable_option(name: str, text: str | None) -> bool:
    """MyST reads `:name: text` back as exactly `text`: one line, UTF-8, no YAML quoting."""
    if text is None or "\n" in text or "\r" in text:
        return False
    try:
        text.encode("utf-8")
        tokens, state = options_to_tokens(f"{name}: {text}")
    except (TokenizeError, UnicodeEncodeError):
        return False
    return (
        not state.has_comments
        and len(tokens) == 1
        and tokens[0][0].value == name
        and (tokens[0][1].value if tokens[0][1] is not None else "") == text.strip()
    )


def writable_body(text: Any) -> bool:
    if not isinstance(text, str) or FENCE in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\r" not in text


def directive_lines(hostile: Hostile) -> list[str]:
    record = hostile.record
    claim_id = record.pop("id", "")
    body = record.pop("text", "")
    lines = [f"{FENCE}{{claim}} {option_text(claim_id) or ''}".rstrip()]
    lines += [f":{name}: {option_text(value)}".rstrip() for name, value in record.items()]
    if body:
        lines += ["", *str(body).split("\n")]
    lines.append(FENCE)
    return lines


# --- the project -------------------------------------------------------------------------------
CONF = """\
extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
claimkb_pages_dir = "kb"
html_baseurl = "https://example.org/fuzz/"  # absolute addresses: og:url, sitemap, share pages
"""


def base_collection() -> str:
    records = {
        "entity": [valid_record("entity", "base-lab"), valid_record("entity", "base-company")],
        "source": [valid_record("source", "base-source"), valid_record("source", "base-source-2")],
        "metric": [
            valid_record("metric", "cost"),
            {**valid_record("metric", "gpus"), "unit": "GPUs"},
        ],
        "scope": [valid_record("scope", "base-scope")],
        "method": [valid_record("method", "base-method")],
        "claim": [
            valid_record("claim", "base-figure"),
            {**valid_record("claim", "base-fact"), "kind": "fact"},
            {**valid_record("claim", "base-old"), "status": "superseded", "value": 900},
        ],
    }
    records["entity"][1].pop("parent")
    records["claim"][0]["contradicts"] = []
    return collection_text(records)


def collection_text(records: dict[str, list[dict]]) -> str:
    lines = []
    for rtype, items in records.items():
        if items:
            lines.append(f"{RECORD_LISTS[rtype]}:")
            for record in items:
                lines += yaml_record(record)
    return "\n".join(lines) + "\n"


def companion(hostile: Hostile) -> dict[str, Any]:
    """A valid claim that names a hostile registry record wherever a claim can name one."""
    record = valid_record("claim", f"{hostile.rid}-user")
    for name, prop in properties("claim").items():
        if prop.get("x-ref") == hostile.rtype:
            record[name] = [hostile.rid] if prop.get("type") == "array" else hostile.rid
    return record


@dataclass
class FuzzProject:
    """A project laid out like the repository (docs/, claims/, schema/) holding `hostiles`."""

    root: Path
    hostiles: list[Hostile]
    pages: list[str] = field(default_factory=list)
    #: the build's language: "fr" runs the French path (catalogs, Babel's forms, search forms)
    language: str = "en"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def write(self) -> FuzzProject:
        shutil.copytree(SCHEMA_DIR, self.root / "schema")
        (self.root / "claims").mkdir(parents=True)
        self.docs.mkdir(parents=True)
        conf = CONF + (f"language = {self.language!r}\n" if self.language != "en" else "")
        (self.docs / "conf.py").write_text(conf, encoding="utf-8")
        (self.root / "claims" / "base.yaml").write_text(base_collection(), encoding="utf-8")
        self._write_collection()
        self._write_claims_page()
        self._write_views_page()
        pages = [
            "base",
            "page-claims",
            "collection-claims",
            "collection-table",
            "views",
            "kb/index",
        ]
        self._page("base", "# Base\n\n```{claim-collection} base\n```\n")
        self._page(
            "collection-claims",
            "# Collection claims\n\n```{claim-collection} hostile\n:layout: rows\n```\n\n"
            "```{claim-collection} companions\n```\n",
        )
        # the same claims again as one table (their cards are their homes: the first page wins)
        self._page(
            "collection-table",
            "# Collection table\n\n```{claim-collection} hostile\n:layout: table\n```\n\n"
            "```{claim-collection} companions\n:layout: table\n```\n",
        )
        toctree = "```{toctree}\n" + "\n".join(pages) + "\n```\n"
        self._page("index", "# Fuzz\n\n" + toctree)
        return self

    def _page(self, name: str, text: str) -> None:
        (self.docs / f"{name}.md").write_text(text, encoding="utf-8")
        self.pages.append(name)

    def _write_collection(self) -> None:
        """claims/hostile.yaml (hostile claims, then each registry list) and
        claims/companions.yaml (a claim naming each hostile registry record)."""
        hostile_path = self.root / "claims" / "hostile.yaml"
        lines: list[str] = []
        companions = ["claims:"]
        for rtype, name in RECORD_LISTS.items():
            hostiles = [h for h in self.hostiles if h.form == "collection" and h.rtype == rtype]
            if not hostiles:
                continue
            lines.append(f"{name}:")
            for hostile in hostiles:
                record_lines = yaml_record(hostile.record)
                hostile.path = hostile_path
                hostile.lines = (len(lines) + 1, len(lines) + len(record_lines))
                lines += record_lines
                if rtype != "claim":
                    user = yaml_record(companion(hostile))
                    hostile.companion_lines = (len(companions) + 1, len(companions) + len(user))
                    companions += user
        hostile_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        (self.root / "claims" / "companions.yaml").write_text(
            "\n".join(companions) + "\n", encoding="utf-8"
        )

    def _write_claims_page(self) -> None:
        lines = ["# Page claims", ""]
        for hostile in self.hostiles:
            if hostile.form != "page":
                continue
            hostile.path = self.docs / "page-claims.md"
            block = directive_lines(hostile)
            hostile.lines = (len(lines) + 1, len(lines) + len(block))
            lines += [*block, ""]
        (self.docs / "page-claims.md").write_text("\n".join(lines), encoding="utf-8")
        self.pages.append("page-claims")

    def _write_views_page(self) -> None:
        parts = ["# Views", "", "```{claims}", "```", "", "```{claims-pivot}", "```", ""]
        named = [h.rid for h in self.hostiles if h.rtype == "claim" and h.field != "id"]
        parts += ["```{key-figures}", ":claims: " + ", ".join(named), "```", ""]
        parts += ["```{latest-figures}", "```", "", "```{latest-figures}", ":latest: 3", "```", ""]
        for hostile in self.hostiles:
            if hostile.rtype == "claim" and hostile.field != "id":
                parts += [
                    f"{{claim}}`{hostile.rid}` is {{claim-value}}`{hostile.rid}`.",
                    "",
                    f"```{{compare}} {hostile.rid} base-figure",
                    "```",
                    "",
                ]
        for name in RECORD_LISTS.values():
            if name != "claims":
                parts += [f"```{{registry}} {name}", "```", ""]
        self._page("views", "\n".join(parts))

    def record_at(self, path: Path, line: int) -> tuple[Hostile, bool] | None:
        """The hostile record written at `path:line` (True: in the claim that shows it)."""
        for hostile in self.hostiles:
            if hostile.path is None:
                continue
            if path == hostile.path.resolve() and hostile.lines[0] <= line <= hostile.lines[1]:
                return hostile, False
            companions = (self.root / "claims" / "companions.yaml").resolve()
            first, last = hostile.companion_lines
            if path == companions and first <= line <= last:
                return hostile, True
        return None
