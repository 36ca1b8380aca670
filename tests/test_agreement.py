"""`claimkb validate` and the Sphinx build report the same findings — same file, line and words —
on a corpus with one mistake of each kind (tests/roots/test-validate)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimkb.cli import main
from conftest import REPO
from helpers import build_once
from kb_project import build_warnings, copy_project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project("validate", tmp_path_factory.mktemp("agreement"))


@pytest.fixture(scope="module")
def app(project):
    return build_once(project / "docs")


@pytest.fixture(scope="module")
def build_findings(app) -> set[tuple[Path, int, str]]:
    return {
        (path, line, text)
        for path, line, text, wtype in build_warnings(app)
        if wtype.startswith("claim.") or text.startswith("'claim': ")
    }


@pytest.fixture
def report(project, capsys) -> dict:
    status = main(["validate", "--root", str(project), "--format", "json"])
    assert status == 1
    return json.loads(capsys.readouterr().out)


def cli_findings(project: Path, report: dict) -> set[tuple[Path, int, str]]:
    return {((project / f["path"]).resolve(), f["line"], f["text"]) for f in report["findings"]}


def test_validator_and_build_report_the_same_findings(project, build_findings, report):
    found = cli_findings(project, report)
    assert found == build_findings, (
        f"only the validator: {sorted(found - build_findings)}\n"
        f"only the build: {sorted(build_findings - found)}"
    )
    assert len(report["findings"]) == len(found), "a finding is reported twice"


def test_the_build_warns_about_nothing_else(app):
    others = [w for w in build_warnings(app) if not w[3].startswith("claim.")]
    assert [(w[1], w[2]) for w in others] == [
        (132, "'claim': Invalid options format: found unexpected end of stream")
    ]


@pytest.mark.parametrize(
    "expected",
    [
        "claim unknown-field: metrc: unknown field 'metrc' (hint: did you mean 'metric'?)",
        "claim missing-by-kind: metric: missing required field (required for a figure)",
        "claim bad-enum: status: 'retired' is not one of current, disputed, superseded, retracted",
        "claim bad-pattern: as_of: '2024-13' is not in the expected form",
        "claim not-a-number: value: '$5.6M' is not a number",
        "claim not-a-number: price_year: '2024.5' is not a whole number",
        "claim bad-bounds: high: value (5.576e+06) is greater than high (5e+06)",
        "claim unknown-refs: subject: unknown entity 'deepseek-v4'",
        "claim unknown-refs: metric: unknown metric 'costs'",
        "claim unknown-refs: scope: unknown scope 'final-training-runs'",
        "claim unknown-refs: method: unknown method 'cloud-rental'",
        "claim unknown-refs: claimant: unknown entity 'deepseak'",
        "claim unknown-refs: source: unknown source 'deepseek-v3-reprt'",
        "claim unknown-refs: also: unknown source 'nowhere'",
        "claim unknown-refs: derived_from: unknown claim 'no-such-claim'",
        "claim unknown-refs: supersedes: unknown claim 'unknown-feild'",
        "claim unknown-refs: contradicts: unknown claim 'bad-bound'",
        "claim unknown-relies: relies_on: unknown claim 'not-there'",
        "claim collection-refs: relies_on: unknown claim 'nothing-here'",
        "entity orphan-model: parent: unknown entity 'deepsek'",
        "claim from-collection: id: duplicate claim id 'from-collection' (hint: also defined at",
        "role claim: unknown claim 'no-such-claim-either'",
        "role claim-value: unknown claim 'no-such-value'",
        "YAML syntax error: expected ',' or ']', but got ':'",
        "duplicate key 'title' (hint: the mapping starting at line 3 has it twice; keep one)",
        "YAML aliases (*name) are not allowed in collections",
        "a collection is a mapping, this file holds a list",
        "entitys: unknown list 'entitys' in a collection (hint: did you mean 'entities'?)",
        "1 claim(s) of collection 'unshown' are shown on no page",
        "claim in-colon-fence: confidence: 'sure' is not one of",
        "claim in-tilde-fence: colour: unknown field 'colour'",
        "claim doubly-nested: confidence: 'maybe' is not one of",
        "role claim: unknown claim 'gone-from-div'",
        "role claim: unknown claim 'one-line-down'",
        "directive compare: unknown claim 'missing-by-kind-typo' (hint: did you mean 'missing-by-kind'?)",
        "directive compare: takes two or more claim ids; 1 given",
        "directive claims: subject: unknown entity 'deepseak' (hint: did you mean 'deepseek'?)",
        "directive claims: status: unknown status 'curent' (hint: did you mean 'current'?)",
        "directive claims: colour: unknown filter 'colour'",
        "directive claims: scope: unknown scope 'final-training-runs'",
        "directive claims: latest: 'x' is not a whole number greater than 0 (hint: :latest: 8",
        "directive key-figures: claims: unknown claim 'no-such-key-figure'",
        "directive key-figures: metric: unknown metric 'costs' (hint: did you mean 'cost'?)",
        "directive key-figures: limit: unknown filter 'limit'",
        "directive claims-pivot: latest: unknown filter 'latest'",
        "directive claim-collection: layout: 'tabel' is not one of cards, rows, table (hint: :layout: table)",
        "directive claim-collection: as: unknown option 'as' (hint: :layout: cards|rows|table)",
        "directive claim-collection: no collection 'tabled'",
        "directive registry: unknown registry list 'scopez' (hint: did you mean 'scopes'?)",
        "directive registry: takes one registry list name, e.g. scopes; 0 given",
        "directive claim-collection: no collection 'unshow' in a-list, alias-bomb",
        "role claim-value: unknown claim 'no-such-value-in-a-note'",
        "claim page-impossible-month: as_of: '2025-13-45' is not in the expected form",
        "claim page-impossible-day: as_of: '2025-02-30' is not a date on the calendar "
        "(hint: February 2025 has 28 days)",
        "claim yaml-impossible-day: as_of: '2025-02-30' is not a date on the calendar "
        "(hint: February 2025 has 28 days)",
        "claim page-nan: value: 'nan' is not a finite number (hint: JSON has no NaN",
        "claim yaml-nan: value: must be a finite number, not .nan (hint: JSON has no NaN",
        "claim yaml-infinity: value: must be a finite number, not .inf (hint: JSON has no NaN",
        "claim yaml-minus-infinity: low: must be a finite number, not -.inf (hint: JSON has",
        # a duplicate key hides no other mistake of its file
        "duplicate key 'title' (hint: the mapping starting at line 9 has it twice; keep one)",
        "source values-source: url: 'javascript:alert(1)' is not in the expected form",
        "claim bad-period: period: '2024-02-30' is not a day of the calendar (Feb 2024 has 29 days)",
        "claim backwards-period: period: the period starts (2024-06) after it ends (2023-07)",
        "claim forecast-without-method: period: the period 2027 ends after as_of 2024-11, so the figure is a forecast, but method 'cloud-rental-equivalent' is not a forecast (hint: use a forecast method (analyst-projection)",
        "metric hourly-price: unit: 'USD per bananas' is not a unit pint can read ('bananas' is not defined in the unit registry) (hint: declare 'bananas' in a `units:` list of claims/units.yaml",
        "claim wrong-formula: formula: value 5,576,000 USD but the formula gives 5,600,000 USD (+0.4%) (hint: tolerance 0.1%",
        "claim unit-mismatch: formula: the formula gives GPU_hour but the metric is in USD",
        "unit hour: id: pint already defines 'hour': metrics use it without declaring it",
        "unit broken: pint: '[not closed' is not a dimension",
        "unit EUR: id: EUR is a currency, not a unit (hint: money in EUR keeps a metric in USD",
        "claim euro-hours: currency: currency EUR on a figure whose metric 'gpu-hours' is not money",
        "claim unknown-currency: currency: 'XBT' is not one of USD, EUR, CNY, GBP, JPY",
        "claim loop-a: formula: the formulas form a loop: loop-a → loop-b → loop-a",
        "claim unknown-in-formula: formula: unknown claim 'v3-prise' (hint: did you mean 'v3-price'?)",
        "claim unreadable-formula: formula: unexpected '_' at character 1 of the formula",
        "claim no-number: value: missing required field (a figure needs a value, or low and/or high)",
        "claim dup-second: value: likely the same figure as claim 'dup-first' (",
        "directive claim-card: unknown claim 'no-such-figure'",
        "claim earlier-viewpoint: relies_on: relies on claim 'later-estimate' (as of 2025-01-31), stated after this claim (as of 2025-01-29)",
    ],
)
def test_the_corpus_holds_each_kind_of_mistake(build_findings, expected):
    assert any(text.startswith(expected) for _, _, text in build_findings)


@pytest.mark.parametrize(
    "ignored", ["only-an-example", "not-a-role-in", "in-a-code-block-directive", "excluded", "rST"]
)
def test_code_and_excluded_pages_are_not_read_by_either(build_findings, report, ignored):
    assert not [t for _, _, t in build_findings if ignored in t]
    assert not [f for f in report["findings"] if ignored in f["text"]]


@pytest.mark.parametrize(
    "fine", ["forecast-by-projection", "right-formula", "v3-price", "bound-only", "dup-first"]
)
def test_claims_without_mistakes_have_no_finding(build_findings, report, fine):
    assert not [t for _, _, t in build_findings if f"claim {fine}:" in t]
    assert not [f for f in report["findings"] if f["record_id"] == fine]


def test_the_validator_reads_the_claims_the_build_reads(project, app):
    from claimkb.cli.knowledge_base import load_knowledge_base

    built = app.env.domains["claim"].page_claims()
    scanned = [r for page in load_knowledge_base(project).pages for r in page.claims]
    as_key = lambda r: (Path(r.location.path).resolve(), r.location.line, r.id)  # noqa: E731
    assert sorted(map(as_key, scanned)) == sorted(map(as_key, built))
    by_key = {as_key(r): r for r in built}
    for record in scanned:
        twin = by_key[as_key(record)]
        assert (record.data, record.location.field_lines, record.docname) == (
            twin.data,
            twin.location.field_lines,
            twin.docname,
        )


# --- third-party validators --------------------------------------------------------------------

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
COLLECTION_SCHEMA = REPO / "schema" / "collection.schema.json"


def check_jsonschema(*files: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(COLLECTION_SCHEMA), *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_the_repository_s_collections(tmp_path):
    result = check_jsonschema(*sorted((REPO / "claims").glob("*.yaml")), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["registry.yaml", "shown.yaml"])
def test_check_jsonschema_rejects_a_broken_collection_naming_the_same_field(
    project, tmp_path, capsys, name
):
    path = project / "claims" / name
    result = check_jsonschema(path, cwd=tmp_path)  # $refs resolve from anywhere
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Unresolvable" not in result.stdout + result.stderr
    main(["validate", "--root", str(project), "--format", "json", str(path)])
    ours = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "schema"]
    assert ours
    for finding in ours:
        assert re.search(rf"::\$\.\w+\[\d+\]\.{finding['field']}: ", result.stdout), (
            finding,
            result.stdout,
        )
    assert len(re.findall(r"::\$\.", result.stdout)) == len(ours)


def test_editors_are_told_which_schema_checks_the_collections():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    [(schema, globs)] = settings["yaml.schemas"].items()
    assert (REPO / schema).resolve() == COLLECTION_SCHEMA and globs == ["claims/*.yaml"]
    for path in (REPO / "claims").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith("# yaml-language-server: $schema="):
            target = first.split("=", 1)[1]
            assert (path.parent / target).resolve() == COLLECTION_SCHEMA, path
