"""Which pages an incremental build rewrites, for each kind of edit: exactly the pages that show
what changed (a page's fingerprint is its views' models: `views.catalogue`), listed page by page, plus the toctree parents Sphinx rewrites with
any page it writes (`index`, and `kb/index`, the parent of the timeline and disputes pages).

Each edit starts from the same built project and is undone after; the lists are the pages the
edit affects, worked out by reading the pages, not a bound.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import build_once, copy_root, edit, warnings_of

PARENTS = {"index", "kb/index"}
#: the generated pages that list each claim of `claims.md`
GENERATED = {
    "deepseek-v3-final-run-cost": {
        "kb/entity/deepseek-v3",
        "kb/entity/deepseek",
        "kb/source/deepseek-v3-report",
        "kb/metric/cost/final-training-run",
        "kb/timeline",
        "kb/timeline/2024",  # its year's page (stated 2024-12-27)
        "kb/disputes",
    },
    "deepseek-gpus": {
        "kb/entity/deepseek",
        "kb/entity/semianalysis",
        "kb/source/semianalysis-deepseek-debates",
        "kb/source/deepseek-v3-report",
        "kb/metric/gpu-count/company-infrastructure",
        "kb/timeline",
        "kb/timeline/2025",
        "kb/disputes",
    },
}
NEW_CLAIM = """
```{claim} gpt-3-rental-estimate
:kind: figure
:title: Another GPT-3 estimate
:subject: openai
:metric: cost
:value: 4_600_000
:scope: final-training-run
:method: cloud-rental-equivalent
:as_of: 2024
:claimant: epoch-ai
:source: epoch-training-costs
:confidence: likely
```
"""
DELETED_CLAIM = (
    "\n```{claim} openai-compute-note"
    + Path(__file__)
    .parent.joinpath("roots/test-rewrites/claims.md")
    .read_text()
    .split("```{claim} openai-compute-note")[1]
)
SEMIANALYSIS_ROWS = {  # pages listing a claim semianalysis makes (capex, GPUs)
    "tables",
    "kb/entity/deepseek",
    "kb/entity/high-flyer",
    "kb/entity/semianalysis",
    "kb/source/semianalysis-deepseek-debates",
    "kb/source/deepseek-v3-report",
    "kb/metric/cost/company-infrastructure",
    "kb/metric/gpu-count/company-infrastructure",
    "kb/timeline",
    "kb/timeline/2025",
    "kb/disputes",
}

#: kind of edit -> (file, old text, new text, the pages it rewrites besides PARENTS)
EDITS = {
    "value": (
        "claims.md",
        ":value: 50_000\n",
        ":value: 60_000\n",
        # its home, the role showing its value, the tables matching it, its generated pages
        {"claims", "roles", "tables", *GENERATED["deepseek-gpus"]},
    ),
    "title": (
        "claims.md",
        ":title: DeepSeek-V3 final training run cost\n",
        ":title: DeepSeek-V3 final run cost\n",
        # + the compare block, the card that contradicts it (not the sources page: it counts the
        # claims citing each source, it does not name them)
        {
            "claims",
            "tables",
            "compare",
            "card",
            *GENERATED["deepseek-v3-final-run-cost"],
        },
    ),
    "statement": (
        "claims.md",
        "DeepSeek puts the **final",
        "DeepSeek puts its **final",
        {"claims"},
    ),
    "subject": (
        "claims.md",
        ":subject: deepseek\n:metric: gpu-count",
        ":subject: deepseek-v3\n:metric: gpu-count",
        # both entity pages; not the role, which shows only its value, nor the metric-and-scope
        # page, whose table has no "About" column
        {"claims", "tables", "kb/entity/deepseek-v3", *GENERATED["deepseek-gpus"]}
        - {"kb/metric/gpu-count/company-infrastructure"},
    ),
    "scope": (
        "claims.md",
        ":value: 50_000\n:scope: company-infrastructure",
        ":value: 50_000\n:scope: final-training-run",
        # the new metric-and-scope page and the metrics listing; the old page is gone; not the
        # claimant's page, the sources' pages and the timeline, whose tables have no "Scope"
        # column
        {"claims", "tables", "kb/metrics", "kb/metric/gpu-count/final-training-run"}
        | GENERATED["deepseek-gpus"]
        - {
            "kb/metric/gpu-count/company-infrastructure",
            "kb/entity/semianalysis",
            "kb/source/semianalysis-deepseek-debates",
            "kb/source/deepseek-v3-report",
            "kb/timeline",
            "kb/timeline/2025",
        },
    ),
    "new claim": (
        "claims.md",
        "A claim that the deletion case removes.\n```\n",
        "A claim that the deletion case removes.\n```\n" + NEW_CLAIM,
        # + the card of the collection claim it supersedes (a later statement of the same
        # figure: `core.current_status`), whose status is now "superseded"; the compare blocks
        # whose "compare instead" names the final runs it joins (the disputes page's too)
        {
            "collection",
            "claims",
            "tables",
            "compare",
            "kb/disputes",
            "kb/entity/openai",
            "kb/entity/epoch-ai",
            "kb/source/epoch-training-costs",
            "kb/sources",
            "kb/metric/cost/final-training-run",
            "kb/timeline",
            "kb/timeline/2024",
        },
    ),
    "deleted claim": (
        "claims.md",
        DELETED_CLAIM,
        "",
        {
            "claims",
            "kb/entity/openai",
            "kb/entity/epoch-ai",
            "kb/source/epoch-training-costs",
            "kb/sources",
            "kb/timeline",
            "kb/timeline/2024",
        },
    ),
    "collection claim value": (
        "claims/epoch.yaml",
        "value: 78_400_000",
        "value: 78_500_000",
        {
            "collection",
            "tables",
            "compare",  # "compare instead" shows its value
            "kb/disputes",
            "kb/entity/gpt-4",
            "kb/entity/epoch-ai",
            "kb/source/epoch-training-costs",
            "kb/metric/cost/final-training-run",
            "kb/timeline",
            "kb/timeline/2024",
        },
    ),
    "entity rename": (
        "claims/registry.yaml",
        "    name: SemiAnalysis\n",
        "    name: SemiAnalysis LLC\n",
        # every card, row and listing naming it; not the role or the sources page
        {"claims", "compare", "card", "kb/entities", *SEMIANALYSIS_ROWS},
    ),
    "source title": (
        "claims/registry.yaml",
        "    title: DeepSeek Debates\n",
        "    title: The DeepSeek Debates\n",
        # not the timeline nor the other source's page, whose tables do not name sources
        {"claims", "compare", "card", "kb/sources", *SEMIANALYSIS_ROWS}
        - {"kb/source/deepseek-v3-report", "kb/timeline", "kb/timeline/2025"},
    ),
    "metric rename": (
        "claims/registry.yaml",
        "    name: GPU count\n",
        "    name: GPU total\n",
        # not the claimant's page and the sources' pages, whose tables show values, not
        # metrics; the timeline's filter names the metrics of its rows
        {"claims", "tables", "kb/metrics", *GENERATED["deepseek-gpus"]}
        - {
            "kb/entity/semianalysis",
            "kb/source/semianalysis-deepseek-debates",
            "kb/source/deepseek-v3-report",
        },
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    src = copy_root("rewrites", tmp_path_factory.mktemp("rewrites"))
    app = build_once(src)
    assert warnings_of(app) == []
    return src


def written(src: Path, change) -> tuple[set[str], list[str]]:
    """Apply `change`, rebuild, and return the docnames whose page was written, and warnings."""
    out = src / "_build" / "html"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    change()
    app = build_once(src)
    docs = {
        doc
        for doc in app.env.found_docs
        if before.get(out / f"{doc}.html") != (out / f"{doc}.html").stat().st_mtime_ns
    }
    return docs, warnings_of(app)


@pytest.mark.parametrize("kind", EDITS)
def test_an_edit_rewrites_exactly_the_pages_that_show_it(project, kind):
    file, old, new, expected = EDITS[kind]
    original = (project / file).read_text(encoding="utf-8")
    try:
        docs, warnings = written(project, lambda: edit(project / file, old, new))
    finally:
        written(project, lambda: (project / file).write_text(original, encoding="utf-8"))
    assert warnings == []
    assert sorted(docs - PARENTS) == sorted(expected)
