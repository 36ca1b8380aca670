"""The MyST scanner of `claimkb validate` finds what the build finds, where the build finds it."""

from __future__ import annotations

import pytest

from claimkb.core.schema import load_schemas
from claimkb.myst.scanner import markdown_parser, md_config, scan_page
from conftest import REPO

FIGURE = """\
:kind: figure
:title: A figure
:subject: deepseek-v3
:metric: cost
:value: 5_576_000
:scope: final-training-run
:method: cloud-rental-equivalent
:as_of: 2024-12-27
:claimant: deepseek
:source: deepseek-v3-report
:confidence: confident
"""


@pytest.fixture(scope="module")
def schemas():
    return load_schemas(REPO / "schema")


@pytest.fixture(scope="module")
def md():
    return markdown_parser(md_config({"myst_enable_extensions": ["colon_fence", "deflist"]}))


def scan(text: str, schemas, md):
    return scan_page(text, "page.md", schemas, md, "page")


def test_a_claim_becomes_the_record_the_directive_writes(schemas, md):
    page = scan(f"# T\n\n```{{claim}} a-figure\n{FIGURE}\nThe **statement**.\n```\n", schemas, md)
    [record] = page.claims
    assert (record.id, record.location.line, record.docname) == ("a-figure", 3, "page")
    assert record.data["value"] == 5576000
    assert record.data["subject"] == ["deepseek-v3"]
    assert record.data["text"] == "The **statement**."
    assert dict(record.location.field_lines)["kind"] == 4
    assert dict(record.location.field_lines)["confidence"] == 14
    assert page.findings == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("```{claim} x\n:kind: fact\n```\n", 1),
        ("~~~{claim} x\n:kind: fact\n~~~\n", 1),
        ("\n:::{claim} x\n:kind: fact\n:::\n", 2),
        ("::::{note}\ntext\n\n:::{claim} x\n:kind: fact\n:::\n::::\n", 4),
        ("````{tab-set}\n```{claim} x\n:kind: fact\n```\n````\n", 2),
        ("````{admonition} Title\n:class: tip\n\n```{claim} x\n:kind: fact\n```\n````\n", 4),
        ("`````{note}\n````{important}\n```{claim} x\n:kind: fact\n```\n````\n`````\n", 3),
        (":::div\n\n```{claim} x\n:kind: fact\n```\n:::\n", 3),
        ("- item\n\n  ```{claim} x\n  :kind: fact\n  ```\n", 3),
    ],
    ids=[
        "backticks",
        "tildes",
        "colons",
        "in-colon-note",
        "in-directive",
        "after-options",
        "twice-nested",
        "in-div",
        "in-list",
    ],
)
def test_claims_are_found_wherever_myst_runs_them(schemas, md, text, line):
    page = scan(text, schemas, md)
    assert [(r.id, r.location.line) for r in page.claims] == [("x", line)]
    assert dict(page.claims[0].location.field_lines)["kind"] == line + 1


@pytest.mark.parametrize(
    "text",
    [
        "````markdown\n```{claim} x\n:kind: fact\n```\n````\n",
        "````{code-block} markdown\n```{claim} x\n```\n````\n",
        "    ```{claim} x\n    :kind: fact\n    ```\n",
        "```{eval-rst}\n.. claim:: x\n```\n",
        "Inline ``` ```{claim} x``` ``` code.\n",
        "<!-- ```{claim} x\n``` -->\n",
    ],
    ids=["fenced-code", "code-block", "indented-code", "eval-rst", "inline-code", "html-comment"],
)
def test_claims_in_code_are_examples_not_claims(schemas, md, text):
    page = scan(text, schemas, md)
    assert page.claims == [] and page.references == []


def test_a_role_is_located_at_its_paragraph_s_first_line_as_myst_does(schemas, md):
    text = "Intro\n\nFirst line,\nsecond {claim}`a` and {claim-value}`Title <b>`.\n\n# {claim}`c`\n"
    refs = scan(text, schemas, md).references
    assert [(r.target, r.line, r.via) for r in refs] == [
        ("a", 3, "claim"),
        ("b", 3, "claim-value"),
        ("c", 6, "claim"),
    ]


def test_roles_in_a_claim_body_and_in_nested_blocks_are_found(schemas, md):
    text = (
        f"```{{claim}} v\n{FIGURE}\nBody line one\nsee {{claim}}`in-body`.\n```\n\n"
        "::::{note}\n:::{tip}\n\nTip {claim}`in-tip`.\n:::\n::::\n\n"
        "Term\n: Def {claim}`in-dd`.\n\n| a |\n|---|\n| {claim}`in-cell` |\n"
    )
    refs = {r.target: r.line for r in scan(text, schemas, md).references}
    # MyST puts a newline before a body that opens with a `:::` fence (so that it is not read as
    # an option): the lines inside are one further down, in the build and here alike
    assert refs == {"in-body": 14, "in-tip": 22, "in-dd": 26, "in-cell": 30}


def test_other_roles_and_disabled_references_are_not_claim_references(schemas, md):
    text = "{ref}`a`, {doc}`b`, {claim}`!not-a-link`, `{claim}` in code.\n"
    assert scan(text, schemas, md).references == []


def test_shown_collections_and_registries_are_noted(schemas, md):
    text = "```{claim-collection} epoch-model-costs\n```\n\n```{registry} claims\n```\n"
    page = scan(text, schemas, md)
    assert [(r.via, r.target, r.line) for r in page.references] == [
        ("claim-collection", "epoch-model-costs", 1),
        ("registry", "claims", 4),
    ]


def test_findings_carry_the_claim_id_field_and_line(schemas, md):
    text = f"```{{claim}} a-figure\n{FIGURE}:valeu: 3\n```\n"
    [finding] = scan(text, schemas, md).findings
    assert (finding.line, finding.record_id, finding.field) == (13, "a-figure", "valeu")
    assert finding.hint == "did you mean 'value'?"


def test_an_options_block_myst_cannot_read_is_a_finding(schemas, md):
    text = '```{claim} x\n:kind: fact\n:title: "unclosed\n```\n'
    messages = [(f.line, f.code, f.message) for f in scan(text, schemas, md).findings]
    assert (
        3,
        "myst",
        "'claim': Invalid options format: found unexpected end of stream",
    ) in messages


def test_front_matter_changes_the_page_s_myst_configuration(schemas):
    plain = markdown_parser(md_config({}))
    text = "---\nmyst:\n  enable_extensions: [colon_fence]\n---\n\n:::{claim} x\n:kind: fact\n:::\n"
    assert [r.location.line for r in scan(text, schemas, plain).claims] == [6]
    assert scan(text.split("---\n", 2)[2], schemas, plain).claims == []


def every_claim_page():
    return sorted(
        path
        for folder in ("docs", "tests/roots")
        for path in (REPO / folder).rglob("*.md")
        if "{claim}" in path.read_text(encoding="utf-8")
    )


def test_the_quick_key_scan_agrees_with_the_myst_tokenizer(schemas, md, monkeypatch):
    """`option_lines` scans line starts and only falls back to MyST's tokenizer when the scan
    misses; on every claim of the repository and of the test roots, the two must agree."""
    from claimkb.myst import scanner as scan_module
    from claimkb.myst.option_lines import option_lines

    compared = []

    def both(block_text, lineno, names):
        quick = option_lines(block_text, lineno, names)
        compared.append((block_text, quick, option_lines(block_text, lineno, ["no such key"])))
        return quick

    monkeypatch.setattr(scan_module, "option_lines", both)
    for path in every_claim_page():
        scan_page(path.read_text(encoding="utf-8"), str(path), schemas, md, path.stem)
    assert len(compared) > 100
    assert [c for c in compared if c[1] != c[2]] == []
