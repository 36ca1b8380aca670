"""`claimkb lint`: figures in prose, uncited sources and unused entities, and nothing else."""

from __future__ import annotations

import json

import pytest

from claimkb.cli import main
from claimkb.core.prose_checks import doubled_words, identifiers, missing_spaces
from claimkb.myst.prose import prose_figures, scan_prose
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


HINT = (
    " (hint: say it in words for readers; ids, files and commands belong in the contributors' "
    "guide)"
)
READERS = "in a reader page"


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
        ("docs/readers.md", 3, "doubled-words",
         "role cluster-gpus: the value shows '2,048 GPUs'; the prose around it repeats 'GPUs' "
         "(hint: leave the unit and the bound to the value)"),
        ("docs/readers.md", 4, "doubled-words",
         "role fleet-low: the value shows 'at least 10,000 GPUs'; the prose around it repeats "
         "'at at least' (hint: leave the unit and the bound to the value)"),
        ("docs/readers.md", 5, "missing-space",
         "role run-cost: {claim-value} is glued to the word next to it (hint: put a space "
         "between the role and the word)"),
        ("docs/readers.md", 7, "identifier", f"inline code 'model_costs.csv' {READERS}{HINT}"),
        ("docs/readers.md", 7, "identifier", f"identifier 'e13599f' {READERS}'s prose{HINT}"),
        ("docs/readers.md", 8, "identifier",
         f"identifier 'PCU518210518210' {READERS}'s prose{HINT}"),
        ("docs/readers.md", 36, "contradicts",
         "claim cluster-gpus-reported: contradicts: cluster-gpus: their values agree within 5% "
         "(hint: keep both claims and say how they differ in the text; contradicts is for "
         "comparable figures that disagree)"),
        ("docs/readers.md", 59, "scope-mismatch",
         "claim query-energy-daily: scope: scope 'one-query' counts one item, but its unit, "
         "MWh / day, is a rate over time (hint: choose a scope that counts the whole total (or "
         "the metric per item))"),
    ]  # fmt: skip
    assert [f["column"] for f in findings if f["code"] == "prose-figure"] == [29, 38, 1]
    # roles and identifiers are located where they start
    columns = [f["column"] for f in findings if f["path"] == "docs/readers.md"]
    assert columns[:6] == [17, 1, 16, 26, 53, 1]


def test_clean_project_exits_zero(project, capsys):
    page = project / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("A bare figure: the run cost $5.6M on 2,048 H800s.\n", "")
    text = text.replace("50,000 Hoppers", "many Hoppers")
    page.write_text(text, encoding="utf-8")
    readers = project / "docs" / "readers.md"
    text = readers.read_text(encoding="utf-8")
    for old, new in (
        ("{claim-value}`cluster-gpus` GPUs", "{claim-value}`cluster-gpus`"),
        ("put the fleet at\n", "reported a fleet of\n"),
        ("exactly{claim-value}", "exactly {claim-value}"),
        (
            "from `model_costs.csv` at commit e13599f, deflated with series\nPCU518210518210.",
            "from the research group's data, deflated with a producer price index.",
        ),
        (":contradicts: cluster-gpus\n", ""),
        (":metric: daily-energy\n", ":metric: cost\n"),
    ):
        assert old in text
        text = text.replace(old, new)
    readers.write_text(text, encoding="utf-8")
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


@pytest.mark.parametrize(
    ("shown", "before", "after", "doubled"),
    [
        # the site as it was (reader review, December 2026)
        (
            "$60 per million tokens",
            "GPT-4 cost ",
            " per million tokens when it came out",
            "per million",
        ),
        ("$60 per million tokens", "o1-preview cost ", " per million output tokens", "per million"),
        ("at least 85 percent", "put at ", " of the price", "at at least"),
        ("at least 1,300,000 GPUs", "(at least ", " by the end", "at least at least"),
        ("at least $8B", "More than ", " in 2025", "More than at least"),
        ("2,048 GPUs", "had ", " GPUs.", "GPUs"),
        ("2.9 Wh", "", " Wh per query", "Wh"),
        # what is fine
        ("$60 per million tokens", "cost ", ", the same as", ""),
        ("$2 per GPU-hour", "at ", " per hour of use", ""),
        ("$5.58M", "cost ", " million dollars", ""),
        ("at least $50K per GPU", "costs ", ", before electricity", ""),
        ("$191M", "at ", " in 2023", ""),
        ("$1.6B (range $1.3B–$1.6B)", "about ", " of servers", ""),
    ],
)
def test_doubled_words(shown, before, after, doubled):
    assert doubled_words(shown, before, after) == doubled


def test_roles_are_read_with_the_words_around_them():
    text = (
        "It cost {claim-value}`a` per *million*\ntokens, or {claim}`b`{claim-value}`c`.\n\n"
        "```{claim} d\n:kind: fact\n\nAt least {claim-value}`e`.\n```\n"
    )
    roles = [(r.name, r.target, r.before, r.after, r.line) for r in scan_prose(text, MD).roles]
    assert roles == [
        ("claim-value", "a", "It cost ", " per million tokens, or ", 1),
        ("claim", "b", " per million tokens, or ", "", 2),
        ("claim-value", "c", "", ".", 2),
        ("claim-value", "e", "At least ", ".", 7),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "from model_costs.csv, commit e13599f, series PCU518210518210",
            ["model_costs.csv", "e13599f", "PCU518210518210"],
        ),
        ("the api-input-list-price scope", ["api-input-list-price"]),
        ("a final-run, cloud-rental-equivalent figure of 2025-12-27", []),
        ("state-of-the-art models, facade 1234567", []),
    ],
)
def test_identifiers(text, expected):
    assert identifiers(text, ["api-input-list-price", "cloud-rental-equivalent"]) == expected


def test_missing_spaces():
    assert missing_spaces("a frontier model for$5.58M; others say it spent$1.6B.") == [
        "r$5",
        "t$1",
    ]
    assert missing_spaces("It cost $5.58M, about 1.6 times. See p. 4, e.g. the U.S. figure.") == []
