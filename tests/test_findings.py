"""Every mistake a contributor can make gets one located, typed warning naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS
from helpers import build_once, copy_root, strict_sphinx_build, warnings_of

EXPECTED = [
    (
        "index.md:15",
        "claim unknown-field: metrc: unknown field 'metrc' (hint: did you mean 'metric'?)",
        "schema",
    ),
    (
        "index.md:18",
        "claim missing-by-kind: metric: missing required field (required for a figure)",
        "schema",
    ),
    (
        "index.md:42",
        "claim bad-enum: confidence: 'confidnt' is not one of confident, likely, speculative (hint: did you mean 'confident'?)",
        "schema",
    ),
    ("index.md:50", "claim bad-value: value: '$5.6M' is not a number", "schema"),
    (
        "index.md:65",
        "claim bad-bounds: low: low (6e+06) is greater than value (5.576e+06)",
        "bounds",
    ),
    (
        "index.md:77",
        "claim unknown-refs: subject: unknown entity 'deepseek-v4' (hint: did you mean 'deepseek-v3'?)",
        "ref",
    ),
    (
        "index.md:78",
        "claim unknown-refs: metric: unknown metric 'costs' (hint: did you mean 'cost'?)",
        "ref",
    ),
    ("index.md:80", "claim unknown-refs: scope: unknown scope 'final-training-runs'", "ref"),
    ("index.md:81", "claim unknown-refs: method: unknown method 'cloud-rental'", "ref"),
    ("index.md:83", "claim unknown-refs: claimant: unknown entity 'deepseak'", "ref"),
    ("index.md:84", "claim unknown-refs: source: unknown source 'deepseek-v3-reprt'", "ref"),
    ("index.md:85", "claim unknown-refs: also: unknown source 'nowhere'", "ref"),
    ("index.md:86", "claim unknown-refs: derived_from: unknown claim 'no-such-claim'", "ref"),
    ("index.md:90", "claim Bad Id: id: 'Bad Id' is not in the expected form", "schema"),
    (
        "index.md:100",
        "claim empty-viewpoint: body: missing required field (required for a viewpoint)",
        "schema",
    ),
    (
        "index.md:100",
        "claim empty-viewpoint: relies_on: missing required field (required for a viewpoint)",
        "schema",
    ),
    (
        "index.md:105",
        "claim empty-viewpoint: as_of: '2024-13' is not in the expected form",
        "schema",
    ),
    (
        "index.md:108",
        "claim unknown-field: id: duplicate claim id 'unknown-field' (hint: also defined at",
        "duplicate",
    ),
    ("index.md:118", "role claim: unknown claim 'no-such-claim-either'", "ref"),
    (
        "index.md:127",
        "claim html-in-body: body: raw HTML is not allowed in a claim's statement: '<script>'",
        "html",
    ),
    (
        "claims/bad-url.yaml:4",
        "source bad-url-source: url: 'javascript:alert(1)' is not in the expected form",
        "schema",
    ),
    (
        "claims/bad-url.yaml:5",
        "source bad-url-source: published: '2024-13-01' is not a valid date",
        "schema",
    ),
    ("claims/bad-url.yaml:6", "source bad-url-source: type: 'newz' is not one of", "schema"),
    (
        "claims/broken.yaml:8",
        "duplicate key 'publisher' (hint: the mapping starting at line 2 has it twice; keep one)",
        "yaml",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(copy_root("mistakes", tmp_path_factory.mktemp("m")))


@pytest.fixture(scope="module")
def warnings(built):
    return warnings_of(built)


@pytest.mark.parametrize(
    ("where", "message", "subtype"), EXPECTED, ids=[f"{w} {s}" for w, _, s in EXPECTED]
)
def test_each_mistake_is_located_and_typed(warnings, where, message, subtype):
    matching = [w for w in warnings if w.startswith(f"{where}: WARNING: {message}")]
    assert len(matching) == 1, "\n".join(warnings)
    assert matching[0].endswith(f"[claim.{subtype}]")


def test_no_other_warnings(warnings):
    assert len(warnings) == len(EXPECTED), "\n".join(warnings)


@pytest.mark.slow
def test_strict_build_fails_without_traceback(tmp_path):
    result = strict_sphinx_build(ROOTS / "test-mistakes", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "unknown metric 'costs'" in result.stderr


def test_raw_html_in_a_statement_never_runs_and_the_statement_is_left_out(built):
    page = (Path(built.outdir) / "index.html").read_text()
    assert "<script>alert(1)" not in page
    card = BeautifulSoup(page, "html.parser").find(id="claim-html-in-body")
    assert "claim-invalid" in card["class"]
    assert "A statement with" not in card.get_text()
    marker = card.select_one(".claim-invalid-fields")
    assert marker.get_text() == "Not shown, because invalid: body."
