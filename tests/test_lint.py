"""`claimkb lint`: figures in prose, uncited sources and unused entities, and nothing else."""

from __future__ import annotations

import json

import pytest

from claimkb.cli import main
from claimkb.myst.prose import prose_figures
from claimkb.myst.scanner import markdown_parser, md_config
from kb_project import copy_project

MD = markdown_parser(md_config({"myst_enable_extensions": ["colon_fence"]}))


def figures(text: str) -> list[tuple[str, str, int]]:
    return [(f.kind, f.text, f.line) for f in prose_figures(text, MD)]


@pytest.fixture
def project(tmp_path):
    return copy_project("lint", tmp_path)


def lint_json(project, capsys, *extra) -> tuple[int, list[dict]]:
    code = main(["lint", "--root", str(project), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_each_kind_of_finding_once_and_located(project, capsys):
    code, findings = lint_json(project, capsys)
    assert code == 1
    found = [(f["path"], f["line"], f["code"], f["text"]) for f in findings]
    assert found == [
        ("claims/registry.yaml", 12, "unused-entity",
         "entity forgotten: no claim or record refers to it (hint: use it as a claim's subject "
         "or claimant or an entity's parent, or remove it)"),
        ("claims/registry.yaml", 21, "unused-source",
         "source uncited-source: cited by no claim (hint: cite it in a claim's source or also, "
         "or remove it)"),
        ("docs/index.md", 4, "prose-figure",
         "dollar figure '$5.6M' written in prose (hint: make it a claim and show it with "
         "{claim-value}`claim-id`)"),
        ("docs/index.md", 4, "prose-figure",
         "GPU figure '2,048 H800s' written in prose (hint: make it a claim and show it with "
         "{claim-value}`claim-id`)"),
        ("docs/index.md", 49, "prose-figure",
         "GPU figure '50,000 Hoppers' written in prose (hint: make it a claim and show it with "
         "{claim-value}`claim-id`)"),
    ]  # fmt: skip
    assert [f["column"] for f in findings if f["code"] == "prose-figure"] == [29, 38, 1]


def test_clean_project_exits_zero(project, capsys):
    page = project / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("A bare figure: the run cost $5.6M on 2,048 H800s.\n", "")
    text = text.replace("50,000 Hoppers", "many Hoppers")
    page.write_text(text, encoding="utf-8")
    (project / "docs" / "more.md").write_text(
        "# More\n\n```{claim} other\n:kind: fact\n:title: Other\n:subject: forgotten\n"
        ":claimant: lab\n:source: uncited-source\n\nA fact.\n```\n",
        encoding="utf-8",
    )
    code, findings = lint_json(project, capsys)
    assert findings == []
    assert code == 0


def test_paths_select_findings_and_text_format(project, capsys):
    code = main(["lint", "--root", str(project), str(project / "claims")])
    out = capsys.readouterr().out
    assert code == 1
    assert "source uncited-source: cited by no claim" in out
    assert "entity forgotten" in out
    assert "index.md" not in out


def test_not_a_project_is_a_usage_error(tmp_path, capsys):
    assert main(["lint", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "claimkb lint: error:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cost $5.6M.", [("dollar", "$5.6M", 1)]),
        ("It cost $1.6 billion.", [("dollar", "$1.6 billion", 1)]),
        ("It cost US$ 294,000.", [("dollar", "US$ 294,000", 1)]),
        ("It cost 5 million dollars.", [("dollar", "5 million dollars", 1)]),
        ("About six million dollars.", [("dollar", "six million dollars", 1)]),
        ("A range of $589B–$594B.", [("dollar", "$589B", 1), ("dollar", "$594B", 1)]),
        ("A total of\n$1.6\nbillion.", [("dollar", "$1.6 billion", 2)]),
        ("It used 50,000 GPUs.", [("GPU", "50,000 GPUs", 1)]),
        ("It used 2,048 H800s.", [("GPU", "2,048 H800s", 1)]),
        ("Two 24,576-GPU clusters.", [("GPU", "24,576-GPU", 1)]),
        ("About 350,000 NVIDIA H100 GPUs.", [("GPU", "350,000 NVIDIA H100", 1)]),
        ("# A page title quoting $6M\n\n## A section on $6M\n", [("dollar", "$6M", 3)]),
        ("[a link to $6M](https://example.org)", [("dollar", "$6M", 1)]),
        ("| a | b |\n|---|---|\n| x | $7M |\n", [("dollar", "$7M", 3)]),
        ("Text\n\n:::{note}\nNote text: 10,000 A100 GPUs\n:::\n", [("GPU", "10,000 A100", 4)]),
    ],
)
def test_figures_in_prose_are_found(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The H100 and the A100 are chips; GPT-4 is a model; 2.4x per year; Table 7.",
        "Its value is {claim-value}`cost-id`, with {claim}`$5.6M <cost-id>` as a link.",
        "Inline `$5.6M` and `50,000 GPUs` are code.",
        "```\n$5.6M on 2,048 H800s\n```\n",
        "    $5.6M on 2,048 H800s (indented code)\n",
        "```{code-block} text\n$5.6M on 2,048 H800s\n```\n",
        "> Quoted: $5.6M on 2,048 H800s.\n",
        "```{claim} c\n:kind: fact\n:quote: $5.6M on 2,048 H800s\n\nThe body: $5.6M.\n```\n",
        ":::{claim} c\n:kind: fact\n\nThe body: 2,048 H800s.\n:::\n",
        "```{note}\n:::{claim} c\n:kind: fact\n\nNested claim: $5.6M.\n:::\n```\n",
    ],
)
def test_no_false_positive_outside_prose(text):
    assert figures(text) == []
