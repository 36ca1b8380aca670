"""Incremental builds equal clean builds, proven by random sequences of edits (Hypothesis).

Each step edits a small knowledge base — add, edit, rename, move or delete a claim, link to one,
add or remove a registry record, change a collection — then rebuilds incrementally and compares
every output (pages, claim index, inventory, exports, search index) and the warnings with a clean
build of the same tree. CI runs at least 30 steps; `pytest --stateful-steps N` (or the variable
CLAIMKB_STATEFUL_STEPS) runs more.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from conftest import ROOTS
from helpers import build_once, warnings_of

PAGES = ("p1", "p2", "p3")
COMPARED_SUFFIXES = {".html", ".inv", ".json", ".csv", ".svg", ".js"}


def output_files(outdir: Path) -> dict[str, object]:
    files: dict[str, object] = {}
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        if path.is_dir() or relative.startswith(("_static/", "_sources/", ".doctrees")):
            continue
        if path.suffix in COMPARED_SUFFIXES:
            files[relative] = path.read_bytes()
    if "searchindex.js" in files:
        files["searchindex.js"] = _search_index(files["searchindex.js"])
    return files


def _search_index(raw: bytes) -> dict:
    # Sphinx keeps emptied term lists after a rebuild; they match nothing, so they are dropped.
    index = json.loads(raw.decode().removeprefix("Search.setIndex(").removesuffix(")"))
    for key in ("terms", "titleterms"):
        index[key] = {term: docs for term, docs in index[key].items() if docs != []}
    return index


class KnowledgeBaseEdits(RuleBasedStateMachine):
    steps_run = 0

    def __init__(self):
        super().__init__()
        self.root = Path(os.environ["CLAIMKB_STATEFUL_TMP"]) / f"run-{id(self)}"
        self.src = self.root / "src"
        self.counter = 0
        self.claims: dict[str, dict] = {}  # id -> {"page", "value", "subject", "contradicts"}
        self.links: dict[str, list[str]] = {page: [] for page in PAGES}
        self.entities = ["lab-a", "lab-b", "model-x"]
        self.metric_name = "Cost"

    @initialize()
    def start(self):
        shutil.copytree(ROOTS / "test-stateful", self.src)
        # start from a few claims linked across pages, so that every sequence has work to do
        for number, page in enumerate(PAGES, start=1):
            self.claims[f"claim-{number}"] = {
                "page": page,
                "value": number * 1000,
                "subject": "lab-a",
                "contradicts": None,
            }
        self.counter = len(PAGES)
        self.links = {"p1": ["claim-2"], "p2": ["claim-3"], "p3": ["claim-1"]}
        self.write()
        build_once(self.src)

    # --- edits ---------------------------------------------------------------
    @rule(page=st.sampled_from(PAGES), value=st.integers(1, 10**9), data=st.data())
    def add_claim(self, page, value, data):
        self.counter += 1
        claim_id = f"claim-{self.counter}"
        others = sorted(self.claims)
        contradicts = data.draw(st.sampled_from(others)) if others and value % 3 == 0 else None
        self.claims[claim_id] = {
            "page": page,
            "value": value,
            "subject": data.draw(st.sampled_from(self.entities)),
            "contradicts": contradicts,
        }

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), value=st.integers(1, 10**9))
    def edit_claim(self, data, value):
        self.claims[data.draw(st.sampled_from(sorted(self.claims)))]["value"] = value

    @precondition(lambda self: self.claims)
    @rule(data=st.data())
    def rename_claim(self, data):
        old = data.draw(st.sampled_from(sorted(self.claims)))
        self.counter += 1
        self.claims[f"claim-{self.counter}"] = self.claims.pop(old)

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), page=st.sampled_from(PAGES))
    def move_claim(self, data, page):
        self.claims[data.draw(st.sampled_from(sorted(self.claims)))]["page"] = page

    @precondition(lambda self: self.claims)
    @rule(data=st.data())
    def delete_claim(self, data):
        del self.claims[data.draw(st.sampled_from(sorted(self.claims)))]

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), page=st.sampled_from(PAGES))
    def link_claim(self, data, page):
        self.links[page].append(data.draw(st.sampled_from(sorted(self.claims))))

    @rule()
    def add_entity(self):
        self.counter += 1
        self.entities.append(f"entity-{self.counter}")

    @precondition(lambda self: len(self.entities) > 1)
    @rule(data=st.data())
    def remove_entity(self, data):
        self.entities.remove(data.draw(st.sampled_from(self.entities)))

    @rule()
    def rename_metric(self):
        self.metric_name = "Total cost" if self.metric_name == "Cost" else "Cost"

    # --- check after every step ---------------------------------------------
    @invariant()
    def incremental_equals_clean(self):
        if not self.src.exists():
            return
        KnowledgeBaseEdits.steps_run += 1
        self.write()
        incremental = build_once(self.src)
        clean_src = self.root / f"clean-{KnowledgeBaseEdits.steps_run}"
        shutil.copytree(self.src, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = build_once(clean_src)
        assert sorted(warnings_of(incremental)) == sorted(warnings_of(clean))
        assert output_files(Path(incremental.outdir)) == output_files(Path(clean.outdir))
        shutil.rmtree(clean_src)

    # --- the tree ------------------------------------------------------------
    def write(self):
        for page in PAGES:
            self._write(self.src / f"{page}.md", self.page_text(page))
        self._write(self.src / "claims" / "registry.yaml", self.collection_text())

    def page_text(self, page: str) -> str:
        parts = [f"# Page {page}\n"]
        if self.links[page]:
            parts.append(
                " ".join(f"{{claim-value}}`{target}`" for target in self.links[page]) + "\n"
            )
        for claim_id, claim in sorted(self.claims.items()):
            if claim["page"] != page:
                continue
            lines = [
                f"```{{claim}} {claim_id}",
                ":kind: figure",
                f":title: Claim {claim_id}",
                f":subject: {claim['subject']}",
                ":metric: cost",
                f":value: {claim['value']}",
                ":scope: final-training-run",
                ":method: cloud-rental-equivalent",
                ":as_of: 2024-12-27",
                ":claimant: lab-a",
                ":source: report",
                ":confidence: likely",
            ]
            if claim["contradicts"]:
                lines.append(f":contradicts: {claim['contradicts']}")
            parts.append("\n".join([*lines, "", f"Statement of {claim_id}.", "```"]) + "\n")
        return "\n".join(parts)

    def collection_text(self) -> str:
        entities = "".join(
            f"  - id: {e}\n    name: Entity {e}\n    type: lab\n" for e in self.entities
        )
        return (
            f"entities:\n{entities}"
            "sources:\n  - id: report\n    title: A report\n    url: https://example.org/report\n"
            "    published: 2024-12-27\n    type: paper\n"
            f"metrics:\n  - id: cost\n    name: {self.metric_name}\n    unit: USD\n"
            "    definition: Money.\n"
            "scopes:\n  - id: final-training-run\n    name: Final training run\n    definition: One run.\n"
            "methods:\n  - id: cloud-rental-equivalent\n    name: Cloud rental\n    definition: Rented.\n"
        )

    @staticmethod
    def _write(path: Path, text: str) -> None:
        if not path.exists() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)  # git keeps no empty claims/ folder
            path.write_text(text)


def test_incremental_build_equals_clean_build(tmp_path, monkeypatch, pytestconfig):
    steps = pytestconfig.getoption("--stateful-steps")
    monkeypatch.setenv("CLAIMKB_STATEFUL_TMP", str(tmp_path))
    KnowledgeBaseEdits.steps_run = 0
    run_state_machine_as_test(
        KnowledgeBaseEdits,
        settings=settings(
            # the first example Hypothesis tries is the simplest (no claims at all): run a few
            max_examples=max(6, steps // 3),
            stateful_step_count=10,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert KnowledgeBaseEdits.steps_run >= steps
