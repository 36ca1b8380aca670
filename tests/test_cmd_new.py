"""`claimkb new`: skeletons written where they belong, validated, nothing else touched."""

from __future__ import annotations

import datetime
import io
import shutil
from pathlib import Path

import pytest

from claimkb.cli import main
from claimkb.core.collection_reader import parse_yaml, to_plain
from claimkb.core.schema import load_schemas
from conftest import REPO, ROOTS
from helpers import build_once

TODAY = datetime.date.today().isoformat()

CONF = """\
extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
claimkb_schema_dir = "../schema"
claimkb_collections_dir = "../claims"
"""

PAGE = "# Costs\n\nSome prose about costs.\n"

FIGURE = [
    "--id", "deepseek-v3-rental-cost", "--kind", "figure", "--title", "DeepSeek-V3 rental cost",
    "--subject", "deepseek-v3", "--metric", "cost", "--value", "5_576_000",
    "--scope", "final-training-run", "--method", "cloud-rental-equivalent",
    "--claimant", "deepseek", "--source", "deepseek-v3-report", "--confidence", "confident",
    "--quote", "our total training costs amount to only $5.576M.",
    "--text", "DeepSeek prices the **final run** at $2 per GPU-hour.",
]  # fmt: skip


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    shutil.copytree(ROOTS / "test-basic" / "claims", tmp_path / "claims")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    return tmp_path


def new(*args: str) -> int:
    return main(["new", *args])


def test_claim_appended_to_page_validates_and_builds(project, capsys):
    page = project / "docs" / "index.md"
    before = page.read_bytes()
    assert new("claim", "--page", "docs/index.md", *FIGURE) == 0
    out = capsys.readouterr().out
    assert "added claim deepseek-v3-rental-cost to docs/index.md:5" in out
    after = page.read_bytes()
    assert after.startswith(before)  # nothing already there changed
    added = after[len(before) :].decode()
    assert added.startswith("\n```{claim} deepseek-v3-rental-cost\n:kind: figure\n")
    assert f":as_of: {TODAY}\n" in added  # today's date where the kind needs one
    assert ":value: 5_576_000\n" in added
    assert added.endswith("\nDeepSeek prices the **final run** at $2 per GPU-hour.\n```\n")
    assert main(["validate"]) == 0
    capsys.readouterr()
    app = build_once(project / "docs")
    assert app.warning.getvalue() == ""
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'id="claim-deepseek-v3-rental-cost"' in html
    assert "$5.58M" in html


def test_record_inserted_into_collection_keeps_every_byte(project, capsys):
    path = project / "claims" / "registry.yaml"
    original = "# A comment that must stay.\n" + path.read_text(encoding="utf-8")
    original += "  # trailing comment of the methods\n"
    path.write_text(original, encoding="utf-8")
    args = ["--collection", "claims/registry.yaml", "--id", "deepseek-r1-paper", "--title",
            "DeepSeek-R1", "--url", "https://example.org/r1", "--published", "2025-01-22",
            "--type", "paper", "--authors", "DeepSeek-AI, Others"]  # fmt: skip
    assert new("source", *args) == 0
    result = path.read_text(encoding="utf-8")
    lines, old = result.splitlines(keepends=True), original.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "deepseek-r1-paper" in line)
    added = lines[at : at + 7]
    assert lines[:at] + lines[at + 7 :] == old  # everything else byte for byte, in place
    assert "".join(added) == (
        "  - id: deepseek-r1-paper\n    title: DeepSeek-R1\n    url: https://example.org/r1\n"
        "    published: 2025-01-22\n    type: paper\n    authors: [DeepSeek-AI, Others]\n"
        f"    accessed: {TODAY}\n"
    )
    sources = [r["id"] for r in to_plain(parse_yaml(result))["sources"]]
    assert sources == ["deepseek-r1-paper", "deepseek-v3-report", "semianalysis-deepseek-debates"]
    assert (
        f"added source deepseek-r1-paper to claims/registry.yaml:{at + 1}"
        in capsys.readouterr().out
    )


def test_record_after_the_last_of_its_list_keeps_the_prefix(project):
    path = project / "claims" / "registry.yaml"
    before = path.read_bytes()
    assert new("entity", "--collection", "claims/registry.yaml", "--id", "zz-lab",
               "--name", "ZZ Lab", "--type", "lab") == 0  # fmt: skip
    after = path.read_bytes()
    index = after.index(b"  - id: zz-lab\n")
    assert after[:index] + after[index:].split(b"\n", 3)[-1] == before


def test_collection_that_was_canonical_stays_canonical(project, capsys):
    assert main(["fmt"]) == 0
    assert new("entity", "--collection", "claims/registry.yaml", "--id", "mistral",
               "--name", "Mistral AI", "--type", "company") == 0  # fmt: skip
    capsys.readouterr()
    assert main(["fmt", "--check"]) == 0


def test_new_collection_file_is_created(project, capsys):
    assert new("entity", "--collection", "claims/labs.yaml", "--id", "new-lab",
               "--name", "New Lab", "--type", "lab") == 0  # fmt: skip
    text = (project / "claims" / "labs.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/collection.schema.json\n")
    assert to_plain(parse_yaml(text)) == {
        "entities": [{"id": "new-lab", "name": "New Lab", "type": "lab"}]
    }


def test_claim_in_a_collection_no_page_shows_is_reported(project, capsys):
    args = [a for a in FIGURE if not a.startswith("DeepSeek prices")]
    args.remove("--text")
    assert new("claim", "--collection", "claims/extra.yaml", *args) == 1
    out = capsys.readouterr().out
    assert "added claim deepseek-v3-rental-cost to claims/extra.yaml:4" in out
    assert "claims/extra.yaml:4:1: 1 claim(s) of collection 'extra' are shown on no page" in out
    (project / "docs" / "index.md").write_text(PAGE + "\n```{claim-collection} extra\n```\n")
    assert main(["validate"]) == 0


def test_id_clash_with_the_whole_knowledge_base_writes_nothing(project, capsys):
    (project / "docs" / "other.md").write_text(
        "# Other\n\n```{claim} taken\n:kind: fact\n:title: T\n:subject: deepseek\n"
        ":claimant: deepseek\n:source: deepseek-v3-report\n\nA fact.\n```\n",
        encoding="utf-8",
    )
    page = project / "docs" / "index.md"
    args = ["--id", "taken", "--kind", "fact", "--title", "T", "--subject", "deepseek",
            "--claimant", "deepseek", "--source", "deepseek-v3-report",
            "--text", "Again."]  # fmt: skip
    assert new("claim", "--page", "docs/index.md", *args) == 2
    err = capsys.readouterr().err
    assert "claim id 'taken' already exists" in err and "docs/other.md:3" in err
    assert page.read_text(encoding="utf-8") == PAGE
    collection = project / "claims" / "registry.yaml"
    before = collection.read_bytes()
    assert new("entity", "--collection", "claims/registry.yaml", "--id", "deepseek",
               "--name", "D", "--type", "lab") == 2  # fmt: skip
    assert collection.read_bytes() == before


def test_missing_required_fields_are_named_when_not_in_a_terminal(project, capsys):
    assert new("claim", "--page", "docs/index.md", "--id", "x", "--kind", "figure") == 2
    err = capsys.readouterr().err
    assert "missing required fields for a new claim:" in err
    for flag in ("--title", "--claimant", "--source", "--subject", "--metric", "--value",
                 "--scope", "--method", "--confidence"):  # fmt: skip
        assert flag in err
    assert "--as-of" not in err  # today's date fills it
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == PAGE


def test_asks_for_missing_fields_in_a_terminal(project, monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["viewpont", "viewpoint", "Cheap is relative", "semianalysis",
                    "deepseek-v3-report", "deepseek-v3-final-run-cost",
                    "The figure leaves out most of the cost."])  # fmt: skip
    prompts: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    assert new("claim", "--page", "docs/index.md", "--id", "cheap-is-relative") == 1
    assert prompts == [
        "kind> ",
        "kind> ",
        "title> ",
        "claimant> ",
        "source> ",
        "relies_on> ",
        "text> ",
    ]
    page = (project / "docs" / "index.md").read_text(encoding="utf-8")
    assert ":relies_on: deepseek-v3-final-run-cost\n" in page
    assert page.endswith("\nThe figure leaves out most of the cost.\n```\n")
    captured = capsys.readouterr()
    assert "did you mean 'viewpoint'?" in captured.err  # a wrong answer is asked again
    # the claim it relies on is in no page of this project: reported, located, after writing
    out = captured.out
    assert "claim cheap-is-relative: relies_on: unknown claim 'deepseek-v3-final-run-cost'" in out


def test_bad_value_is_a_usage_error(project, capsys):
    args = [a if a != "5_576_000" else "$5.6M" for a in FIGURE]
    assert new("claim", "--page", "docs/index.md", *args) == 2
    assert "--value: '$5.6M' is not a number" in capsys.readouterr().err
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == PAGE


def test_invalid_fields_are_refused_before_writing(project, capsys):
    collection = project / "claims" / "registry.yaml"
    before = collection.read_bytes()
    args = ["--collection", "claims/registry.yaml", "--id", "Bad_Id", "--name", "X",
            "--type", "compny"]  # fmt: skip
    assert new("entity", *args) == 2
    err = capsys.readouterr().err
    assert "error: --id: 'Bad_Id' is not in the expected form" in err
    assert "error: --type: 'compny' is not one of" in err and "did you mean 'company'?" in err
    assert collection.read_bytes() == before


def test_every_schema_field_is_a_flag(project, capsys):
    schemas = load_schemas(REPO / "schema")
    for rtype in ("claim", "source", "entity"):
        with pytest.raises(SystemExit) as exit_info:
            new(rtype, "--help")
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        for name in schemas.fields[rtype]:
            assert f"--{name.replace('_', '-')}" in out, (rtype, name)


def test_where_it_goes_is_required(project, capsys):
    assert new("claim", *FIGURE) == 2
    assert "--page" in capsys.readouterr().err
    assert new("claim", "--page", "docs/missing.md", *FIGURE) == 2
    assert "no MyST page" in capsys.readouterr().err
    assert new("widget", "--id", "x") == 2
    assert "unknown record type 'widget'" in capsys.readouterr().err


def test_crlf_page_gets_crlf_lines(project):
    page = project / "docs" / "index.md"
    page.write_bytes(PAGE.replace("\n", "\r\n").encode())
    before = page.read_bytes()
    assert new("claim", "--page", "docs/index.md", *FIGURE) == 0
    after = page.read_bytes()
    assert after.startswith(before)
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_crlf_collection_gets_crlf_lines_in_place(project):
    path = project / "claims" / "registry.yaml"
    original = path.read_text(encoding="utf-8").replace("\n", "\r\n").encode()
    path.write_bytes(original)
    assert new("entity", "--collection", "claims/registry.yaml", "--id", "aaa-lab",
               "--name", "AAA Lab", "--type", "lab") == 0  # fmt: skip
    after = path.read_bytes()
    added = b"  - id: aaa-lab\r\n    name: AAA Lab\r\n    type: lab\r\n"
    assert after.replace(added, b"", 1) == original
    assert b"\n" not in after.replace(b"\r\n", b"")
