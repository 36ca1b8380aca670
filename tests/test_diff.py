"""`claimkb diff`: what a change does to the ledger, on real git repositories made here (the
`test-diff` project committed, changed and committed again), in every format."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from claimkb.cli import main
from claimkb.cli.diff import side_of
from claimkb.cli.diff_markdown import fit
from claimkb.cli.diff_report import shorten_pair
from claimkb.cli.git_tree import GitRepository
from claimkb.cli.knowledge_base import Memo, load_knowledge_base
from conftest import REPO
from helpers import edit
from kb_project import copy_project

GIT = ["git", "-c", "user.name=Claimkb Tests", "-c", "user.email=tests@example.org",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]  # fmt: skip


def git(repo: Path, *args: str) -> str:
    result = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


def commit(repo: Path, message: str = "change") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    project = copy_project("diff", tmp_path)
    git(project, "init", "-q")
    commit(project, "base")
    return project


def diff(capsys, repo: Path, *args: str) -> tuple[int, str, str]:
    status = main(["diff", "--root", str(repo), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def section(out: str, title: str) -> list[str]:
    """The lines of one section of the text report (after its `Title (n)` heading)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{title} ("))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i]), len(lines))
    return lines[start + 1 : end]


def diff_schema() -> Draft202012Validator:
    schemas = {
        name: json.loads((REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        for name in ("diff", "findings")
    }
    registry = Registry().with_resources(
        (f"{name}.schema.json", Resource.from_contents(doc)) for name, doc in schemas.items()
    )
    Draft202012Validator.check_schema(schemas["diff"])
    return Draft202012Validator(schemas["diff"], registry=registry)


INDEX, OTHER, GPUS, REGISTRY = (
    "docs/index.md",
    "docs/other.md",
    "claims/gpus.yaml",
    "claims/registry.yaml",
)


# --- claims -------------------------------------------------------------------------------------


def test_a_changed_value_and_scope_are_flagged_with_the_relative_change(capsys, repo):
    edit(repo / INDEX, ":value: 5_576_000", ":value: 5_600_000", 1)
    edit(repo / INDEX, ":scope: final-training-run", ":scope: company-infrastructure", 1)
    edit(repo / INDEX, "amount to only $5.576M.", "amount to only $5.6M.", 1)
    base = git(repo, "rev-parse", "HEAD").strip()
    commit(repo)
    status, out, err = diff(capsys, repo, "HEAD~1", "HEAD")
    assert (status, err) == (0, "")
    assert out.splitlines()[:2] == [
        f"Ledger changes from HEAD~1 ({base[:12]}) to HEAD ({git(repo, 'rev-parse', 'HEAD')[:12]})",
        "claims: 1 changed; 1 change to look at",
    ]
    assert section(out, "Claims changed") == [
        "! deepseek-v3-final-run-cost — DeepSeek-V3 final training run cost (docs/index.md:8)",
        "  ! value: $5.58M → $5.6M (+0.4%)",
        "  ! scope: final-training-run → company-infrastructure",
        "    quote: …costs amount to only $5.576M. → …costs amount to only $5.6M.",
        "    shown on: index, kb/disputes, kb/entity/deepseek, kb/entity/deepseek-v3, "
        "kb/metric/cost/company-infrastructure, kb/source/deepseek-v3-report, kb/sources, "
        "kb/timeline, kb/timeline/2024, other",
        "    no longer on: kb/metric/cost/final-training-run",
    ]


def test_every_kind_of_field_is_compared_and_written_for_people(capsys, repo):
    edit(repo / INDEX, ":subject: deepseek\n", ":subject: deepseek, deepseek-v3\n", 1)
    edit(repo / INDEX, ":low: 1.3e9", ":low: 1.2e9", 1)
    edit(repo / INDEX, ":high: 1.6e9\n", "", 1)
    edit(repo / INDEX, ":as_of: 2025-01-31", ":as_of: 2025-02", 1)
    edit(repo / INDEX, ":confidence: likely", ":confidence: speculative\n:status: disputed", 1)
    edit(repo / INDEX, ":contradicts: deepseek-v3-final-run-cost\n```",
         ":contradicts: deepseek-v3-final-run-cost\n\nEvery server, *counted*.\n```", 1)  # fmt: skip
    edit(repo / GPUS, "metric: gpu-count", "metric: cost", 1)
    edit(repo / GPUS, "value: 2048", "value: 2049", 1)
    edit(repo / GPUS, "as_of: 2024-12-27", "as_of: 2024-12-27\n    tags: [hardware]", 1)
    commit(repo)
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD")
    changed = section(out, "Claims changed")
    assert changed[:8] == [
        "! deepseek-server-capex — DeepSeek total server capital expenditure (docs/index.md:26)",
        "    subject: deepseek → deepseek, deepseek-v3",
        "  ! low: $1.3B → $1.2B (−7.7%)",
        "  ! high: $1.6B → (none)",
        "  ! as_of: 2025-01-31 → 2025-02",
        "    confidence: likely → speculative",
        "  ! status: (none) → disputed",
        "    text: (none) → Every server, *counted*.",
    ]
    # the value is written in each side's unit: GPUs before, dollars after
    assert changed[9:13] == [
        "! deepseek-v3-gpus — GPUs that trained DeepSeek-V3 (claims/gpus.yaml:2)",
        "  ! metric: gpu-count → cost",
        "  ! value: 2,048 GPUs → $2.05K (+0.049%)",
        "    tags: (none) → hardware",
    ]
    assert status == 0


def test_added_removed_and_moved_claims_and_the_relations_they_take(capsys, repo):
    other = (repo / OTHER).read_text(encoding="utf-8")
    start, end = other.index("```{claim} cheap-is-good"), other.index("```{compare}")
    (repo / OTHER).write_text(other[:start] + other[end:], encoding="utf-8")
    index = (repo / INDEX).read_text(encoding="utf-8")
    start = index.index("```{claim} deepseek-server-capex")
    (repo / INDEX).write_text(index[:start], encoding="utf-8")  # moved to a collection:
    with (repo / GPUS).open("a", encoding="utf-8") as gpus:
        gpus.write(
            "  - id: deepseek-server-capex\n    kind: figure\n"
            "    title: DeepSeek total server capital expenditure\n    subject: [deepseek]\n"
            "    metric: cost\n    value: 1600000000\n    low: 1.3e9\n    high: 1.6e9\n"
            "    scope: company-infrastructure\n    method: analyst-estimate\n"
            "    as_of: 2025-01-31\n    claimant: semianalysis\n"
            "    source: semianalysis-deepseek-debates\n    confidence: likely\n"
            "    contradicts: [deepseek-v3-final-run-cost]\n"
        )
    with (repo / "docs" / "data.md").open("a", encoding="utf-8") as data:
        data.write(
            "\n```{claim} deepseek-v3-gpu-hours\n:kind: figure\n:title: DeepSeek-V3 GPU-hours\n"
            ":subject: deepseek-v3\n:metric: gpu-count\n:value: 2788000\n"
            ":scope: final-training-run\n:method: company-disclosure\n:as_of: 2024-12-27\n"
            ":claimant: deepseek\n:source: deepseek-v3-report\n:confidence: confident\n"
            ":derived_from: deepseek-v3-final-run-cost\n```\n"
        )
    commit(repo)
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD")
    assert out.splitlines()[1] == (
        "claims: 1 added, 1 removed, 1 moved; relations: 1 added, 1 removed"
    )
    assert section(out, "Claims moved") == [
        "~ deepseek-server-capex — DeepSeek total server capital expenditure "
        "(docs/index.md → claims/gpus.yaml:14)"
    ]
    assert section(out, "Claims added") == [
        "+ deepseek-v3-gpu-hours — DeepSeek-V3 GPU-hours (docs/data.md:6): 2,788,000 GPUs",
        "    shown on: data, kb/entity/deepseek, kb/entity/deepseek-v3, "
        "kb/metric/gpu-count/final-training-run, kb/source/deepseek-v3-report, kb/sources, "
        "kb/timeline, kb/timeline/2024",
    ]
    assert section(out, "Claims removed") == [
        "- cheap-is-good — Open publication democratizes AI (docs/other.md:5)",
        "    shown on: kb/entity/deepseek, kb/source/deepseek-v3-report, kb/sources, "
        "kb/timeline, kb/timeline/undated, other",
    ]
    assert section(out, "Relations") == [
        "+ deepseek-v3-gpu-hours derived_from deepseek-v3-final-run-cost (docs/data.md:18)",
        "- cheap-is-good relies_on deepseek-v3-final-run-cost (docs/other.md:10)",
    ]
    assert "Claims changed" not in out  # moved, every field the same (1.6e9 is 1600000000)
    assert status == 0


def test_a_renamed_id_is_a_removal_and_an_addition_with_a_hint(capsys, repo):
    edit(repo / GPUS, "id: deepseek-v3-gpus", "id: deepseek-v3-gpu-count", 1)
    commit(repo)
    _, out, _ = diff(capsys, repo, "HEAD~1", "HEAD")
    assert section(out, "Claims removed")[:2] == [
        "- deepseek-v3-gpus — GPUs that trained DeepSeek-V3 (claims/gpus.yaml:2): 2,048 GPUs",
        "    same content as added claim deepseek-v3-gpu-count: renamed?",
    ]
    assert section(out, "Claims added")[:2] == [
        "+ deepseek-v3-gpu-count — GPUs that trained DeepSeek-V3 (claims/gpus.yaml:2): 2,048 GPUs",
        "    same content as removed claim deepseek-v3-gpus: renamed?",
    ]


# --- registry, relations, findings ---------------------------------------------------------------


def test_registry_records_added_removed_and_changed(capsys, repo):
    edit(repo / REGISTRY, "    unit: USD", "    unit: kUSD", 1)
    edit(
        repo / REGISTRY, "https://arxiv.org/abs/2412.19437", "https://arxiv.org/abs/2412.19437v2", 1
    )
    edit(repo / REGISTRY, "    name: DeepSeek\n", "    name: DeepSeek\n    country: CN\n", 1)
    edit(
        repo / REGISTRY, "sources:", "  - id: nvidia\n    name: NVIDIA\n    type: company\nsources:"
    )
    edit(repo / REGISTRY, "  - id: gpu-count\n    name: GPU count\n    unit: GPUs\n"
         "    definition: How many GPUs.\n", "", 1)  # fmt: skip
    edit(repo / GPUS, "metric: gpu-count", "metric: cost", 1)
    commit(repo)
    _, out, _ = diff(capsys, repo, "HEAD~1", "HEAD")
    assert out.splitlines()[1] == (
        "claims: 1 changed; registry records: 1 added, 1 removed, 3 changed; 3 changes to look at"
    )
    # a metric's unit and a source's address changed under claims: to look at, first
    assert section(out, "Registry records") == [
        "+ entity nvidia — NVIDIA (claims/registry.yaml:13)",
        "    shown on: kb/entity/nvidia",
        "- metric gpu-count — GPU count (claims/registry.yaml:28)",
        "! metric cost — Cost (claims/registry.yaml:28), used by 3 claims",
        "  ! unit: USD → kUSD",
        "! source deepseek-v3-report — DeepSeek-V3 Technical Report (claims/registry.yaml:17), "
        "used by 3 claims",
        "  ! url: https://arxiv.org/abs/2412.19437 → https://arxiv.org/abs/2412.19437v2",
        "    shown on: kb/source/deepseek-v3-report",
        "~ entity deepseek — DeepSeek (claims/registry.yaml:2), used by 4 claims",
        "    country: (none) → CN",
        "    shown on: kb/entity/deepseek",
    ]
    # the claim's value is the same number: only its metric changed, and the pages that list it
    assert section(out, "Claims changed")[1:] == [
        "  ! metric: gpu-count → cost",
        "    shown on: data, kb/entity/deepseek, kb/entity/deepseek-v3, "
        "kb/metric/cost/final-training-run, kb/source/deepseek-v3-report, kb/sources, kb/timeline, "
        "kb/timeline/2024",
        "    no longer on: kb/metric/gpu-count/final-training-run",
    ]


def test_relations_cut_and_what_is_left_pointing_at_a_removed_claim(capsys, repo):
    index = (repo / INDEX).read_text(encoding="utf-8")
    start, end = index.index("```{claim} deepseek-v3"), index.index("```{claim} deepseek-server")
    (repo / INDEX).write_text(index[:start] + index[end:], encoding="utf-8")
    commit(repo)
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD")
    assert status == 0  # findings are reported; only --fail-on findings fails on them
    assert section(out, "Left pointing at something removed") == [
        "claim deepseek-server-capex: contradicts names removed claim "
        "deepseek-v3-final-run-cost (docs/index.md:22)",
        "role claim-value names removed claim deepseek-v3-final-run-cost (docs/other.md:3)",
        "claim cheap-is-good: relies_on names removed claim deepseek-v3-final-run-cost "
        "(docs/other.md:10)",
        "directive compare names removed claim deepseek-v3-final-run-cost (docs/other.md:15)",
    ]
    assert "Relations" not in out  # they are still written: left pointing at nothing
    introduced = section(out, "Findings introduced")
    assert len(introduced) == 4
    assert introduced[0] == (
        "docs/index.md:22:1: claim deepseek-server-capex: contradicts: unknown claim "
        "'deepseek-v3-final-run-cost' (hint: did you mean 'deepseek-v3-gpus'?)"
    )
    status, _, _ = diff(capsys, repo, "HEAD~1", "HEAD", "--fail-on", "findings")
    assert status == 1


def test_findings_introduced_and_fixed_but_not_lines_that_moved(capsys, repo):
    edit(repo / OTHER, ":relies_on:", ":colour: red\n:relies_on:", 1)
    commit(repo, "a finding")
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD", "--fail-on", "findings")
    assert status == 1
    assert out.splitlines()[1] == "claims: 1 changed; findings: 1 introduced"
    assert section(out, "Findings introduced") == [
        "docs/other.md:10:1: claim cheap-is-good: colour: unknown field 'colour'"
    ]
    assert section(out, "Claims changed")[1] == "    colour: (none) → (invalid: see the findings)"
    edit(repo / OTHER, "# Other page\n", "# Other page\n\nThree\n\nnew\n\nparagraphs.\n", 1)
    commit(repo, "the finding moves down")
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD", "--fail-on", "findings")
    assert (status, out.splitlines()[1:]) == (0, ["no change to the ledger"])
    edit(repo / OTHER, ":colour: red\n", "", 1)
    edit(repo / INDEX, ":locator: Table 1", ":locator: Table 1\n:metrc: cost", 1)
    commit(repo, "one fixed, one introduced")
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD", "--fail-on", "findings")
    assert status == 1
    assert out.splitlines()[1] == "claims: 2 changed; findings: 1 introduced, 1 fixed"
    assert section(out, "Findings introduced") == [
        "docs/index.md:20:1: claim deepseek-v3-final-run-cost: metrc: unknown field 'metrc' "
        "(hint: did you mean 'metric'?)"
    ]
    assert section(out, "Findings fixed") == [
        "docs/other.md:16:1: claim cheap-is-good: colour: unknown field 'colour'"
    ]
    assert diff(capsys, repo, "HEAD~3", "HEAD", "--fail-on", "findings")[0] == 1


def test_a_file_that_cannot_be_read_at_one_side_hides_none_of_its_records(capsys, repo):
    edit(repo / GPUS, "value: 2048", "value: [2048", 1)
    (repo / OTHER).write_bytes((repo / OTHER).read_bytes().replace(b"Cheap", b"Ch\xe9ap"))
    commit(repo)
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD")
    head = f"HEAD ({git(repo, 'rev-parse', 'HEAD')[:12]})"
    base = f"HEAD~1 ({git(repo, 'rev-parse', 'HEAD~1')[:12]})"
    assert section(out, "Files not read") == [
        f"claims/gpus.yaml cannot be read at {head} (see the findings): 1 record of {base} "
        "in it not compared",
        f"docs/other.md cannot be read at {head} (see the findings): 1 record of {base} "
        "in it not compared",
    ]
    assert section(out, "Findings introduced")[1] == (
        "docs/other.md:12:1: not valid UTF-8 (byte 0xe9) (hint: save the file as UTF-8)"
    )
    assert section(out, "Findings introduced")[0].startswith("claims/gpus.yaml:")
    assert "Claims removed" not in out and "Left pointing" not in out and "Relations" not in out
    # and the other way round
    _, out, _ = diff(capsys, repo, "HEAD", "HEAD~1")
    assert [line.split(" (see")[0] for line in section(out, "Files not read")] == [
        f"claims/gpus.yaml cannot be read at {head}",
        f"docs/other.md cannot be read at {head}",
    ]
    assert "Claims added" not in out and status == 0


# --- revisions -----------------------------------------------------------------------------------


def test_uncommitted_changes_are_compared_by_default(capsys, repo):
    edit(repo / INDEX, ":value: 5_576_000", ":value: 6e6", 1)
    (repo / "docs" / "new.md").write_text(
        "# New\n\n```{claim} r1-view\n:kind: viewpoint\n:title: R1 is cheap\n"
        ":claimant: deepseek\n:source: deepseek-v3-report\n```\n",
        encoding="utf-8",
    )  # not even added to git
    status, out, _ = diff(capsys, repo, "HEAD")
    assert out.splitlines()[0].endswith(" to the working tree")
    assert section(out, "Claims changed")[1] == "  ! value: $5.58M → $6M (+7.6%)"
    assert section(out, "Claims added")[0] == "+ r1-view — R1 is cheap (docs/new.md:3)"
    _, default, _ = diff(capsys, repo)  # on main: the merge base is HEAD
    merge_base = git(repo, "rev-parse", "HEAD")[:12]
    assert default.splitlines()[0] == (
        f"Ledger changes from {merge_base} (merge base with main) to the working tree"
    )
    assert default.splitlines()[1:] == out.splitlines()[1:]


def test_the_default_base_is_the_merge_base_with_the_default_branch(capsys, repo):
    fork = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo / GPUS, "value: 2048", "value: 2000", 1)
    commit(repo, "feature")
    git(repo, "checkout", "-q", "main")
    edit(repo / INDEX, "DeepSeek-V3 final training run cost", "Final run cost", 1)
    commit(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")
    _, out, _ = diff(capsys, repo)
    assert out.splitlines()[:2] == [
        f"Ledger changes from {fork[:12]} (merge base with main) to the working tree",
        "claims: 1 changed; 1 change to look at",
    ]
    assert section(out, "Claims changed")[1] == "  ! value: 2,048 GPUs → 2,000 GPUs (−2.3%)"
    git(repo, "branch", "-m", "main", "trunk")
    status, _, err = diff(capsys, repo)
    assert status == 2
    assert err.splitlines() == [
        "claimkb diff: error: no default branch to compare with (none of origin/HEAD, "
        "origin/main, origin/master, main, master exists)",
        "claimkb diff: hint: give the revision to compare with: claimkb diff BASE",
    ]


def test_a_revision_that_does_not_exist_is_a_usage_error(capsys, repo):
    status, out, err = diff(capsys, repo, "nope")
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "claimkb diff: error: unknown revision 'nope'",
        "claimkb diff: hint: name a branch, a tag or a commit",
    ]
    status, _, err = diff(capsys, repo, "HEAD", "main~5")
    assert (status, err.splitlines()[0]) == (2, "claimkb diff: error: unknown revision 'main~5'")


def test_outside_a_git_repository_is_a_usage_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project = copy_project("diff", tmp_path)
    status, out, err = diff(capsys, project)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"claimkb diff: error: {project} is not in a git repository",
        "claimkb diff: hint: claimkb diff compares git revisions: run it in a clone of the "
        "repository",
    ]


def test_a_shallow_clone_says_to_fetch_the_history(capsys, repo, tmp_path):
    edit(repo / GPUS, "value: 2048", "value: 2000", 1)
    commit(repo)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    status, _, err = diff(capsys, clone, "HEAD~1")
    assert status == 2
    assert err.splitlines() == [
        "claimkb diff: error: unknown revision 'HEAD~1'",
        "claimkb diff: hint: this clone is shallow: fetch the history (`git fetch --unshallow`; "
        "in GitHub Actions, actions/checkout with `fetch-depth: 0`)",
    ]
    status, out, _ = diff(capsys, clone)  # origin/HEAD is there: HEAD is its own merge base
    assert status == 0 and out.splitlines()[1] == "no change to the ledger"
    assert "(merge base with origin/HEAD)" in out.splitlines()[0]


def test_a_revision_reads_as_its_checkout(repo, tmp_path):
    """The knowledge base read from git's objects is the one read from the files, mistakes of
    every kind included (the `test-validate` project: YAML errors, alias bomb, bad encoding)."""
    project = copy_project("validate", tmp_path / "validate")
    git(project, "init", "-q")
    commit(project, "every mistake")
    repository = GitRepository(project)
    at_head = load_knowledge_base(project, repository.tree(repository.commit("HEAD")))
    on_disk = load_knowledge_base(project)
    assert at_head.findings == on_disk.findings and len(on_disk.findings) > 20
    assert at_head.records == on_disk.records
    assert at_head.unreadable == on_disk.unreadable
    assert [p.path for p in at_head.pages] == [p.path for p in on_disk.pages]
    memo = Memo()  # what `claimkb diff` shares between its two sides changes nothing
    load_knowledge_base(project, repository.tree(repository.commit("HEAD")), memo)
    again = load_knowledge_base(project, memo=memo)
    assert memo.collections and memo.pages
    assert (again.findings, again.records) == (on_disk.findings, on_disk.records)


# --- formats -------------------------------------------------------------------------------------


@pytest.fixture
def changed(repo) -> Path:
    """A change of every sort: an important field, a hostile title, a claim added and one
    removed, a relation, a finding introduced."""
    edit(repo / INDEX, ":value: 5_576_000", ":value: 5_600_000", 1)
    edit(repo / INDEX, ":title: DeepSeek total server capital expenditure",
         ":title: <script>alert(1)</script> | `capex` *now*", 1)  # fmt: skip
    edit(
        repo / INDEX, ":confidence: likely", ":confidence: likely\n:relies_on: deepseek-v3-gpus", 1
    )
    edit(repo / GPUS, "id: deepseek-v3-gpus", "id: deepseek-v3-gpu-count", 1)
    edit(repo / OTHER, ":relies_on:", ":colour: red\n:relies_on:", 1)
    commit(repo)
    return repo


def test_markdown_puts_what_needs_a_look_first_and_escapes_the_ledger_text(capsys, changed):
    status, out, _ = diff(capsys, changed, "HEAD~1", "HEAD", "--format", "markdown")
    lines = out.splitlines()
    assert status == 0
    assert lines[2] == (
        "**claims: 1 added, 1 removed, 3 changed; relations: 1 added; 1 change to look at; "
        "1 reference to something removed; findings: 2 introduced**"
    )
    needs_a_look = lines[lines.index("#### Needs a look") : lines.index("#### Other changes")]
    assert needs_a_look[2:6] == [
        "**Findings introduced**",
        "",
        "- `docs/index.md:40:1: claim deepseek-server-capex: relies_on: unknown claim "
        "'deepseek-v3-gpus' (hint: did you mean 'deepseek-v3-gpu-count'?)`",
        "- `docs/other.md:10:1: claim cheap-is-good: colour: unknown field 'colour'`",
    ]
    assert needs_a_look[7:11] == [
        "**Important changes**",
        "",
        "- **`deepseek-v3-final-run-cost`** DeepSeek\\-V3 final training run cost "
        "(`docs/index.md:8`)",
        "  - **value** ⚠️: `$5.58M` → `$5.6M` (+0.4%)",
    ]
    assert (
        "- ➖ `deepseek-v3-gpus` GPUs that trained DeepSeek\\-V3 (`claims/gpus.yaml:2`): "
        "`2,048 GPUs`" in needs_a_look
    )
    assert (
        "- `claim deepseek-server-capex: relies_on names removed claim deepseek-v3-gpus "
        "(docs/index.md:40)`" in needs_a_look
    )
    # the rest is collapsed; the ledger's text is escaped, or held in code spans
    rest = lines[lines.index("#### Other changes") :]
    assert rest[2:4] == ["<details>", "<summary>Claims changed (2)</summary>"]
    assert (
        "- **`deepseek-server-capex`** &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\`capex\\` "
        "\\*now\\* (`docs/index.md:26`)"
    ) in rest
    assert (
        "  - title: `DeepSeek total server capital expenditure` → "
        "``<script>alert(1)</script> | `capex` *now*``"
    ) in rest
    assert "<summary>Pages to look at in the preview (17)</summary>" in rest
    assert (
        "- `kb/metric/gpu-count/final-training-run`: `deepseek-v3-gpu-count`, "
        "`deepseek-v3-gpus`" in rest
    )
    assert out.count("<details>") == out.count("</details>") == 4


def test_json_follows_its_schema_and_says_what_text_says(capsys, changed):
    status, out, _ = diff(capsys, changed, "HEAD~1", "HEAD", "--format", "json")
    report = json.loads(out)
    errors = list(diff_schema().iter_errors(report))
    assert errors == [], errors[0].message if errors else ""
    assert report["base"] == {
        "label": f"HEAD~1 ({git(changed, 'rev-parse', 'HEAD~1')[:12]})",
        "revision": "HEAD~1",
        "commit": git(changed, "rev-parse", "HEAD~1").strip(),
    }
    assert report["summary"]["claims_changed"] == 3 and report["summary"]["dangling"] == 1
    value = next(c for c in report["claims"]["changed"] if c["id"] == "deepseek-v3-final-run-cost")
    assert value["fields"] == [
        {
            "field": "value",
            "before": 5576000,
            "after": 5600000,
            "before_invalid": False,
            "after_invalid": False,
            "before_text": "$5.58M",
            "after_text": "$5.6M",
            "relative_change": pytest.approx(24000 / 5576000),
            "important": True,
        }
    ]
    assert (value["before"], value["moved"], value["important"]) == (
        {"path": "docs/index.md", "line": 8}, False, True
    )  # fmt: skip
    removed = report["claims"]["removed"]
    assert [(e["id"], e["same_content_as"]) for e in removed] == [
        ("deepseek-v3-gpus", "deepseek-v3-gpu-count")
    ]
    assert report["findings"]["introduced"][1]["text"] == (
        "claim cheap-is-good: colour: unknown field 'colour'"
    )
    assert report["relations"]["added"] == [
        {"claim": "deepseek-server-capex", "relation": "relies_on", "target": "deepseek-v3-gpus",
         "path": "docs/index.md", "line": 40}
    ]  # fmt: skip
    _, working_tree, _ = diff(capsys, changed, "HEAD", "--format", "json")
    assert json.loads(working_tree)["head"] == {
        "label": "the working tree", "revision": None, "commit": None
    }  # fmt: skip
    assert status == 0


def test_the_json_schema_rejects_a_report_that_breaks_it(capsys, changed):
    _, out, _ = diff(capsys, changed, "HEAD~1", "HEAD", "--format", "json")
    report = json.loads(out)
    report["claims"]["changed"][0]["fields"][0]["important"] = "yes"
    assert not diff_schema().is_valid(report)
    del report["claims"]["changed"][0]["fields"][0]["important"]
    report["findings"]["fixed"] = [{"path": "x.md"}]
    assert not diff_schema().is_valid(report)


def test_text_is_coloured_only_when_asked_or_in_a_terminal(capsys, changed, monkeypatch):
    _, plain, _ = diff(capsys, changed, "HEAD~1", "HEAD")
    assert "\x1b[" not in plain  # captured output is no terminal
    _, coloured, _ = diff(capsys, changed, "HEAD~1", "HEAD", "--color", "always")
    assert "\x1b[1;31m! \x1b[0mdeepseek-v3-final-run-cost" in coloured
    assert "  \x1b[1;31m! \x1b[0mvalue: $5.58M → $5.6M (+0.4%)" in coloured
    assert "\x1b[32m+ \x1b[0mdeepseek-v3-gpu-count" in coloured
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert "\x1b[" in diff(capsys, changed, "HEAD~1", "HEAD")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in diff(capsys, changed, "HEAD~1", "HEAD")[1]


def test_the_same_revision_twice_changes_nothing_in_any_format(capsys, repo):
    _, text, _ = diff(capsys, repo, "HEAD", "HEAD")
    assert text.splitlines()[1:] == ["no change to the ledger"]
    _, markdown, _ = diff(capsys, repo, "HEAD", "HEAD", "--format", "markdown")
    assert markdown.splitlines()[2:] == ["**no change to the ledger**"]
    _, report, _ = diff(capsys, repo, "HEAD", "HEAD", "--format", "json")
    assert not any(json.loads(report)["summary"].values())


def test_the_report_is_the_same_every_time(capsys, changed):
    first = diff(capsys, changed, "HEAD~1", "HEAD", "--format", "json")[1]
    assert diff(capsys, changed, "HEAD~1", "HEAD", "--format", "json")[1] == first
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    again = subprocess.run(
        [str(Path(os.sys.executable).parent / "claimkb"), "diff", "HEAD~1", "HEAD", "--format",
         "json"], cwd=changed, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert again == first


def test_a_markdown_report_too_long_for_a_job_summary_is_cut_and_says_so():
    report = "".join(f"- line {i}\n" for i in range(1000))
    cut = fit(report, limit=200)
    assert len(cut.encode()) <= 200
    assert cut.endswith(
        "\n\n**The report is cut here: run `claimkb diff` locally for all of it.**\n"
    )
    assert cut.startswith("- line 0\n- line 1\n")
    assert fit(report) == report


def test_long_texts_are_cut_to_where_they_differ():
    before = (
        "Assuming the rental price of the H800 GPU is $2 per GPU hour, our total training "
        "costs amount to only $5.576M, which is cheap."
    )
    after = before.replace("$5.576M", "$5.6M")
    assert shorten_pair(before, after) == (
        "…costs amount to only $5.576M, which is cheap.",
        "…costs amount to only $5.6M, which is cheap.",
    )
    assert shorten_pair("a  b\nc", "a b c") == ("a b c", "(whitespace only)")
    assert shorten_pair("short", "text") == ("short", "text")


def test_a_broken_conf_py_at_a_revision_is_a_usage_error_naming_it(capsys, repo):
    edit(repo / "docs" / "conf.py", 'claimkb_pages_dir = "kb"', "claimkb_pages_dir = (", 1)
    commit(repo)
    status, out, err = diff(capsys, repo, "HEAD~1", "HEAD")
    head = f"HEAD ({git(repo, 'rev-parse', 'HEAD')[:12]})"
    assert (status, out) == (2, "")
    assert err.startswith(f"claimkb diff: error: at {head}: cannot read docs/conf.py: ")


def test_a_schema_folder_outside_the_repository_is_read_from_the_disk(capsys, repo):
    edit(repo / "docs" / "conf.py", 'claimkb_pages_dir = "kb"',
         f'claimkb_pages_dir = "kb"\nclaimkb_schema_dir = "{REPO / "schema"}"', 1)  # fmt: skip
    edit(repo / INDEX, ":value: 5_576_000", ":value: 5_600_000", 1)
    commit(repo)
    status, out, _ = diff(capsys, repo, "HEAD~1", "HEAD")
    assert status == 0
    assert section(out, "Claims changed")[1] == "  ! value: $5.58M → $5.6M (+0.4%)"


def test_the_pages_that_show_a_claim(repo):
    (repo / "docs" / "tables.md").write_text(
        "# Tables\n\n```{claims}\n:metric: gpu-count\n```\n\n```{claims}\n:status: disputed\n```\n",
        encoding="utf-8",
    )
    side = side_of(load_knowledge_base(repo), "the working tree")
    assert side.claim_pages["deepseek-v3-gpus"] == (
        "data",  # its collection's page
        "kb/entity/deepseek",  # its claimant's
        "kb/entity/deepseek-v3",  # its subject's
        "kb/metric/gpu-count/final-training-run",
        "kb/source/deepseek-v3-report",
        "kb/sources",
        "kb/timeline",
        "kb/timeline/2024",  # its year's page
        "tables",  # a table whose filters match it
    )
    # its page, a role, a compare block and a table; the disputes page, for it contradicts one
    assert side.claim_pages["deepseek-server-capex"] == (
        "index",
        "kb/disputes",
        "kb/entity/deepseek",
        "kb/entity/semianalysis",
        "kb/metric/cost/company-infrastructure",
        "kb/source/semianalysis-deepseek-debates",
        "kb/sources",
        "kb/timeline",
        "kb/timeline/2025",
        "other",
    )
    assert side.record_pages[("entity", "deepseek")] == ("kb/entity/deepseek",)
    assert side.record_pages[("metric", "cost")] == ()


def test_control_characters_in_the_ledger_never_reach_the_terminal_or_the_page(capsys, repo):
    edit(repo / GPUS, "title: GPUs that trained DeepSeek-V3",
         'title: "GPUs \\e[2J\\e]8;;http://evil\\a that \\u202Edeniart"', 1)  # fmt: skip
    commit(repo)
    _, out, _ = diff(capsys, repo, "HEAD~1", "HEAD", "--color", "always")
    assert "\x1b[2J" not in out and "\x1b]8" not in out and "\u202e" not in out
    # validation refuses the title: the diff says so, and the finding shows it escaped
    assert "    title: GPUs that trained DeepSeek-V3 → (invalid: see the findings)" in out
    assert "title: holds U+001B, which is not a character of text" in out
    _, markdown, _ = diff(capsys, repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert "\x1b" not in markdown and "\u202e" not in markdown
    assert "(invalid: see the findings)" in markdown
