"""`claimkb validate`: formats, exit codes, PATH selection, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from claimkb.cli import main
from conftest import REPO
from kb_project import copy_project

TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<text>.+)$")
SUMMARY = re.compile(r"^(\d+) claims, (\d+) records checked, (\d+) errors$")


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project("validate", tmp_path)


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["validate", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_repository_is_clean(capsys):
    status, out, err = run(capsys, "--root", str(REPO))
    assert (status, err) == (0, "")
    claims, records, errors = map(int, SUMMARY.match(out.strip()).groups())
    assert claims > 50 and records > claims and errors == 0


def test_the_root_is_found_upward_from_the_working_directory(capsys, monkeypatch, project):
    monkeypatch.chdir(project / "docs" / "drafts")
    status, out, _ = run(capsys)
    assert status == 1
    # paths below the working directory are shown relative to it, others in full
    assert f"{project}/docs/index.md:20:1: claim unknown-field: metrc: unknown field" in out


def test_text_format_locates_every_finding_and_sums_them_up(capsys, monkeypatch, project):
    monkeypatch.chdir(project)
    status, out, err = run(capsys)
    *lines, last = out.splitlines()
    assert (status, err) == (1, "")
    assert all(TEXT_LINE.match(line) for line in lines), out
    assert SUMMARY.match(last).groups() == ("46", "66", str(len(lines)))
    assert (
        "docs/index.md:20:1: claim unknown-field: metrc: unknown field 'metrc' "
        "(hint: did you mean 'metric'?)"
    ) in lines
    assert "docs/nested.md:24:1: claim in-tilde-fence: colour: unknown field 'colour'" in lines
    assert (
        "claims/syntax-error.yaml:5:9: YAML syntax error: expected ',' or ']', but got ':'" in lines
    )
    assert (
        "claims/alias-bomb.yaml:3:8: YAML aliases (*name) are not allowed in collections "
        "(hint: write the values out in full)"
    ) in lines
    assert "Traceback" not in out


def test_json_format_is_the_documented_schema_and_says_what_text_says(capsys, monkeypatch, project):
    monkeypatch.chdir(project)
    _, text, _ = run(capsys)
    status, out, _ = run(capsys, "--format", "json")
    report = json.loads(out)
    schema = json.loads((REPO / "schema" / "findings.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(report))
    assert errors == [], errors[0].message if errors else ""
    assert status == 1
    assert report["summary"] == {"claims": 46, "records": 66, "errors": len(report["findings"])}
    as_text = [f"{f['path']}:{f['line']}:{f['column']}: {f['text']}" for f in report["findings"]]
    assert as_text == text.splitlines()[:-1]
    first = next(f for f in report["findings"] if f["field"] == "metrc")
    assert first == {
        "path": "docs/index.md",
        "line": 20,
        "column": 1,
        "severity": "error",
        "code": "schema",
        "record_type": "claim",
        "record_id": "unknown-field",
        "field": "metrc",
        "message": "unknown field 'metrc'",
        "hint": "did you mean 'metric'?",
        "text": "claim unknown-field: metrc: unknown field 'metrc' (hint: did you mean 'metric'?)",
    }


def test_json_schema_rejects_a_report_that_breaks_it():
    schema = json.loads((REPO / "schema" / "findings.schema.json").read_text(encoding="utf-8"))
    report = {
        "version": 1,
        "summary": {"claims": 0, "records": 0, "errors": 1},
        "findings": [{"path": "x.md", "line": "3"}],
    }
    assert not Draft202012Validator(schema).is_valid(report)


def test_github_format_is_one_escaped_annotation_per_finding(capsys, monkeypatch, project):
    monkeypatch.chdir(project / "docs")  # annotations name files from the root, wherever it runs
    status, out, _ = run(capsys, "--format", "github")
    *lines, last = out.splitlines()
    assert status == 1 and SUMMARY.match(last)
    assert all(line.startswith("::error file=") for line in lines)
    assert (
        "::error file=docs/index.md,line=20,col=1,title=claimkb%3A claim unknown-field%3A metrc"
        "::unknown field 'metrc' (hint: did you mean 'metric'?)"
    ) in lines
    assert (
        "::error file=claims/duplicate-key.yaml,line=8,col=1,title=claimkb"
        "::duplicate key 'title' (hint: the mapping starting at line 3 has it twice; keep one)"
    ) in lines


def test_paths_select_findings_but_references_resolve_everywhere(capsys, monkeypatch, project):
    monkeypatch.chdir(project)
    _, everything, _ = run(capsys, "--format", "json")
    all_findings = json.loads(everything)["findings"]
    status, out, _ = run(capsys, "--format", "json", "docs/nested.md")
    nested = json.loads(out)["findings"]
    assert status == 1
    assert nested == [f for f in all_findings if f["path"] == "docs/nested.md"]
    # nested.md's claims cite entities and sources of claims/registry.yaml: no unknown reference
    assert not [f for f in nested if f["code"] == "ref" and f["record_type"] == "claim"]
    status, out, _ = run(capsys, "--format", "json", "claims", "docs/registry.md")
    selected = json.loads(out)["findings"]
    assert status == 1
    assert selected == [f for f in all_findings if f["path"].startswith("claims/")]


def test_a_path_without_findings_exits_0(capsys, monkeypatch, project):
    monkeypatch.chdir(project)
    status, out, _ = run(capsys, "docs/registry.md")
    assert status == 0
    assert out.endswith(", 0 errors\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/file.md"], "no such file or folder: no/such/file.md"),
        (["--root", "/"], "is not in a project"),
    ],
)
def test_usage_errors_exit_2(capsys, monkeypatch, project, args, message):
    monkeypatch.chdir(project)
    status, out, err = run(capsys, *args)
    assert (status, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_outside_a_project_exits_2(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys)
    assert status == 2 and "pass --root DIR" in err


def test_an_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["claims/latin1.yaml", "docs/latin1.md"])
def test_a_file_in_another_encoding_is_located_and_exits_2(capsys, monkeypatch, project, where):
    (project / where).write_bytes("entities:\n  - id: caf\xe9\n".encode("latin-1"))
    monkeypatch.chdir(project)
    status, out, err = run(capsys, where)
    assert status == 2 and err == ""
    assert (
        out.splitlines()[0]
        == f"{where}:2:1: not valid UTF-8 (byte 0xe9) (hint: save the file as UTF-8)"
    )


def test_a_collection_that_cannot_be_read_is_located_and_exits_2(capsys, monkeypatch, project):
    (project / "claims" / "folder.yaml").mkdir()
    monkeypatch.chdir(project)
    status, out, _ = run(capsys)
    assert status == 2
    assert "claims/folder.yaml:1:1: cannot read file: Is a directory" in out.splitlines()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_located_and_exits_2(capsys, monkeypatch, project):
    (project / "claims" / "registry.yaml").chmod(0)
    monkeypatch.chdir(project)
    status, out, _ = run(capsys, "claims/registry.yaml")
    assert status == 2 and "claims/registry.yaml:1:1: cannot read file" in out


def test_a_broken_conf_py_exits_2_without_traceback(capsys, project):
    (project / "docs" / "conf.py").write_text("extensions = [\n", encoding="utf-8")
    status, out, err = run(capsys, "--root", str(project))
    assert (status, out) == (2, "")
    assert "cannot read" in err and "conf.py" in err


def test_a_broken_schema_exits_2_without_traceback(capsys, project):
    (project / "schema" / "claim.schema.json").write_text("{", encoding="utf-8")
    status, out, err = run(capsys, "--root", str(project))
    assert (status, out) == (2, "")
    assert "cannot load the schemas" in err


def test_the_installed_command_runs(project):
    command = Path(sys.executable).parent / "claimkb"
    result = subprocess.run(
        [str(command), "validate", "--format", "github"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("::error file=claims/a-list.yaml,line=1,col=1,")
    assert "Traceback" not in result.stderr


def test_the_pre_commit_hook_and_the_repository_s_own_hook_run_the_validator():
    yaml = YAML(typ="safe")
    [hook] = [
        h for h in yaml.load(REPO / ".pre-commit-hooks.yaml") if h["id"] == "claimkb-validate"
    ]
    command, *args = hook["entry"].split()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert command in scripts and args == ["validate"] and hook["language"] == "python"
    files = re.compile(hook["files"])
    for path in ("docs/explainers/a.md", "claims/entities.yaml", "schema/claim.schema.json"):
        assert files.search(path), path
    for path in ("README.md", "tools/claimkb/cli.py", "docs/conf.py"):
        assert not files.search(path), path
    config = yaml.load(REPO / ".pre-commit-config.yaml")
    [local] = [
        h
        for r in config["repos"]
        if r["repo"] == "local"
        for h in r["hooks"]
        if h["id"] == "claimkb-validate"
    ]
    assert (local["files"], local["pass_filenames"]) == (hook["files"], hook["pass_filenames"])
    result = subprocess.run(
        local["entry"].split(), cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_page_showing_a_collection_that_does_not_exist_is_a_finding(capsys, project):
    page = project / "docs" / "registry.md"
    page.write_text(page.read_text() + "\n```{claim-collection} showm\n```\n", encoding="utf-8")
    status, out, _ = run(capsys, "--root", str(project), str(page))
    assert status == 1
    assert out.splitlines()[0] == (
        f"{page}:6:1: directive claim-collection: no collection 'showm' in a-list, alias-bomb, "
        "duplicate-key, registry, shown, syntax-error, units, unshown, values, wrong-list "
        "(hint: did you mean 'shown'?)"
    )
