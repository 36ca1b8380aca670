"""A value that validation refuses reaches no view: the strict build reports it once, located and
hinted, and still writes the whole site; never a traceback.

Before, `as_of: 2025-13-45` (a typo of a real date) was reported and then crashed the chart with
"month must be in 1..12"; `2025-02-30` passed validation and crashed it too, and `value: .nan` in a
collection passed and reached the exports.
"""

from __future__ import annotations

import json
import math

import pytest
from bs4 import BeautifulSoup

from claimkb.core.claim_options import ClaimDirectiveText, claim_from_directive
from claimkb.core.records import Location, Record
from claimkb.core.schema import load_schemas
from claimkb.core.validate import check_record, valid_part
from conftest import REPO
from fuzz_project import valid_record
from helpers import copy_root, strict_sphinx_build

FIGURE = """\
```{{claim}} {claim_id}
:kind: figure
:title: {title}
:subject: deepseek
:metric: cost
:value: {value}
:scope: final-training-run
:method: cloud-rental-equivalent
:as_of: {as_of}
:claimant: deepseek
:source: deepseek-v3-report
:confidence: likely
```
"""
PAGE = (
    "---\norphan: true\n---\n\n# Typos\n\n"
    + FIGURE.format(claim_id="typo-month", title="Month 13", value=5, as_of="2025-13-45")
    + "\n"
    + FIGURE.format(claim_id="typo-day", title="30 February", value=5, as_of="2025-02-30")
    + "\n"
    + FIGURE.format(claim_id="typo-nan", title="Not a number", value="nan", as_of="2024")
    + "\n```{claim-collection} typos\n```\n"
)
RECORD = """\
  - id: {claim_id}
    kind: figure
    title: {claim_id}
    subject: [deepseek]
    metric: cost
    value: {value}
    scope: final-training-run
    method: cloud-rental-equivalent
    as_of: {as_of}
    claimant: deepseek
    source: deepseek-v3-report
    confidence: likely
"""
COLLECTION = "claims:\n" + "".join(
    RECORD.format(claim_id=claim_id, value=value, as_of=as_of)
    for claim_id, value, as_of in [
        ("yaml-nan", ".nan", "2024-12-27"),
        ("yaml-infinity", "-.inf", "2024-12-27"),
        ("yaml-day", "5", "2025-02-30"),
    ]
)
HINT = "JSON has no NaN or infinity: write the number in digits, at most about 1.8e308"
EXPECTED = [
    "claims/typos.yaml:7: WARNING: claim yaml-nan: value: must be a finite number, not .nan "
    f"(hint: {HINT}) [claim.schema]",
    "claims/typos.yaml:19: WARNING: claim yaml-infinity: value: must be a finite number, not "
    f"-.inf (hint: {HINT}) [claim.schema]",
    "claims/typos.yaml:34: WARNING: claim yaml-day: as_of: '2025-02-30' is not a date on the "
    "calendar (hint: February 2025 has 28 days) [claim.schema]",
    "typos.md:15: WARNING: claim typo-month: as_of: '2025-13-45' is not in the expected form "
    "(hint: When the figure holds or was stated: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.) "
    "[claim.schema]",
    "typos.md:29: WARNING: claim typo-day: as_of: '2025-02-30' is not a date on the calendar "
    "(hint: February 2025 has 28 days) [claim.schema]",
    f"typos.md:40: WARNING: claim typo-nan: value: 'nan' is not a finite number (hint: {HINT}) "
    "[claim.schema]",
]


@pytest.fixture(scope="module")
def strict_build(tmp_path_factory):
    src = copy_root("kb", tmp_path_factory.mktemp("typos"))
    (src / "typos.md").write_text(PAGE, encoding="utf-8")
    (src / "claims" / "typos.yaml").write_text(COLLECTION, encoding="utf-8")
    out = src.parent / "out"
    result = strict_sphinx_build(src, out)
    return src, out, result


@pytest.mark.slow
def test_each_refused_value_is_one_located_hinted_warning_and_no_traceback(strict_build):
    src, _, result = strict_build
    assert result.returncode == 1
    for word in ("Traceback", "Exception occurred"):
        assert word not in result.stdout + result.stderr
    warnings = [
        line.replace(f"{src}/", "") for line in result.stderr.splitlines() if "WARNING" in line
    ]
    assert sorted(warnings) == sorted(EXPECTED)


@pytest.mark.slow
def test_the_rest_of_the_site_is_written_chart_included(strict_build):
    _, out, _ = strict_build
    for page in ("index", "typos", "kb/metric/cost/final-training-run", "kb/timeline"):
        assert (out / f"{page}.html").is_file(), page
    chart = out / "_charts" / "kb" / "metric" / "cost" / "final-training-run" / "chart.svg"
    assert chart.read_bytes().startswith(b"<svg")


@pytest.mark.slow
def test_refused_values_reach_neither_the_exports_nor_the_cards(strict_build):
    _, out, _ = strict_build
    text = (out / "claims.json").read_text(encoding="utf-8")
    claims = {c["id"]: c for c in json.loads(text, parse_constant=_no_constant)["claims"]}
    refused = {
        "typo-month": "as_of",
        "typo-day": "as_of",
        "typo-nan": "value",
        "yaml-nan": "value",
        "yaml-infinity": "value",
        "yaml-day": "as_of",
    }
    soup = BeautifulSoup((out / "typos.html").read_text(encoding="utf-8"), "html.parser")
    for claim_id, field in refused.items():
        assert claims[claim_id][field] is None, claim_id
        card = soup.find(id=f"claim-{claim_id}")
        assert "claim-invalid" in card["class"]
        assert card.select_one(".claim-invalid-fields").get_text() == (
            f"Not shown, because invalid: {field}."
        )
    assert "2025-13-45" not in soup.find(id="claim-typo-month").get_text()
    assert claims["typo-nan"]["value_text"] is None


def _no_constant(name: str):
    raise AssertionError(f"{name} in claims.json: JSON has no such value")


# --- the core's checks, in both forms ----------------------------------------------------------
SCHEMAS = load_schemas(REPO / "schema")


def texts(rtype: str, **fields) -> list[str]:
    """The findings of a valid record of `rtype` given `fields`, as the build words them."""
    record = valid_record(rtype, "a-record")
    record.update(fields)
    return [
        f.text() for f in check_record(Record(rtype, "a-record", record, Location("p")), SCHEMAS)
    ]


CALENDAR = "is not a date on the calendar"
FORM = "is not in the expected form"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025-13-45", FORM),
        ("2025-02-30", f"{CALENDAR} (hint: February 2025 has 28 days)"),
        ("2023-02-29", f"{CALENDAR} (hint: February 2023 has 28 days)"),
        ("2024-04-31", f"{CALENDAR} (hint: April 2024 has 30 days)"),
        ("0000", f"{CALENDAR} (hint: there is no year 0000: the calendar starts at 0001)"),
        ("0000-00-00", FORM),
        ("99999-01-01", FORM),
        ("2024-00-05", FORM),
        ("2024-12-27\n", FORM),  # `$` is the end of the text, as in ECMA-262
        ("2024-02-29", None),
        ("2025-01", None),
        ("2025", None),
    ],
)
def test_as_of_is_one_finding_unless_it_is_a_date_on_the_calendar(as_of, expected):
    found = texts("claim", as_of=as_of)
    assert found == ([] if expected is None else [found[0]])
    if expected:
        assert found[0].startswith(f"claim a-record: as_of: {as_of!r} {expected}")


NUMBER_FIELDS = [
    (rtype, name)
    for rtype in SCHEMAS.record_types
    for name, spec in SCHEMAS.fields[rtype].items()
    if spec.type in ("number", "integer")
]


@pytest.mark.parametrize(("rtype", "name"), NUMBER_FIELDS)
@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf, 10**400])
def test_no_number_field_holds_what_json_cannot(rtype, name, number):
    assert NUMBER_FIELDS  # read from the schemas: value, low, high, price_year
    [found] = texts(rtype, **{name: number})
    assert found.startswith(f"{rtype} a-record: {name}: must be a ")
    record = Record(rtype, "a", {**valid_record(rtype, "a"), name: number}, Location("p"))
    assert name not in valid_part(record, check_record(record, SCHEMAS)).data


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e400", "NaN"])
def test_a_directive_refuses_them_with_the_same_hint(text):
    directive = ClaimDirectiveText(
        "a-claim", {"kind": "figure", "value": text}, {"kind": 2, "value": 3}, "", "p.md", 1, 4
    )
    record, findings = claim_from_directive(directive, SCHEMAS)
    [value] = [f for f in findings if f.field == "value"]
    assert (value.line, value.message, value.hint) == (
        3,
        f"{text!r} is not a finite number",
        "JSON has no NaN or infinity: write the number in digits, at most about 1.8e308",
    )
    assert "value" not in record.data and record.invalid == ("value",)


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\ud800", "\udfff", "\uffff"])
def test_a_text_holds_only_characters(char):
    [found] = texts("source", title=f"A{char}B")
    assert found.startswith(f"source a-record: title: holds U+{ord(char):04X}, which is not a")
    assert "\n" not in texts("entity", aliases=["x", f"line\n{char}"])[0]  # one line, escaped
