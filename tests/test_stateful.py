"""Incremental builds equal clean builds, proven by random sequences of edits (Hypothesis).

Each step edits a small knowledge base with generated pages, `claims` tables and a `compare`
block — add, rename, move or delete a claim, edit any of its fields, link to one, add or remove
an entity, edit any field of an entity, source, metric, scope or method — then rebuilds
incrementally and compares every output (pages, claim index, inventory, exports, search index)
and the warnings with a clean build of the same tree. CI runs at least 30 steps; `pytest --stateful-steps N` (or the variable
CLAIMKB_STATEFUL_STEPS) runs more.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, settings
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
#: claim field -> the values a step may give it (the first is the starting one)
CLAIM_FIELDS = {
    "title": ("Claim {id}", "Renamed {id}"),
    "metric": ("cost", "gpu-count"),
    "scope": ("final-training-run", "company-infrastructure"),
    "method": ("cloud-rental-equivalent", "analyst-estimate"),
    "as_of": ("2024-12-27", "2025-01", "2023"),
    "claimant": ("lab-a", "lab-b"),
    "source": ("report", "paper"),
    "confidence": ("likely", "confident", "speculative"),
    "status": ("current", "disputed"),
    "tags": ("", "training", "training, compute"),
    "statement": ("Statement of {id}.", "Another statement of {id}."),
}
#: (record type, id, field) -> the values a step may give it (the first is the starting one)
RECORD_FIELDS = {
    ("entity", "lab-a", "name"): ("Lab A", "Lab A Inc."),
    ("entity", "lab-a", "description"): ("", "A lab."),
    ("entity", "model-x", "parent"): ("", "lab-a", "lab-b"),
    ("source", "report", "title"): ("A report", "The report"),
    ("source", "report", "url"): ("https://example.org/report", "https://example.org/r2"),
    ("metric", "cost", "name"): ("Cost", "Total cost"),
    ("metric", "cost", "unit"): ("USD", "GPUs"),
    ("metric", "gpu-count", "name"): ("GPU count", "GPUs"),
    ("scope", "final-training-run", "name"): ("Final training run", "Final run"),
    ("scope", "company-infrastructure", "definition"): ("Every server.", "All servers."),
    ("method", "cloud-rental-equivalent", "name"): ("Cloud rental", "Rented"),
    ("method", "analyst-estimate", "definition"): ("Outside view.", "An analyst's view."),
}
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
        self.records = {key: values[0] for key, values in RECORD_FIELDS.items()}

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
                **{field: values[0] for field, values in CLAIM_FIELDS.items()},
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
            **{field: values[0] for field, values in CLAIM_FIELDS.items()},
        }

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), value=st.integers(1, 10**9))
    def edit_claim(self, data, value):
        self.claims[data.draw(st.sampled_from(sorted(self.claims)))]["value"] = value

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), field=st.sampled_from(sorted(CLAIM_FIELDS)))
    def edit_field(self, data, field):
        claim = self.claims[data.draw(st.sampled_from(sorted(self.claims)))]
        claim[field] = data.draw(st.sampled_from(CLAIM_FIELDS[field]))

    @precondition(lambda self: self.claims)
    @rule(data=st.data())
    def move_subject(self, data):
        self.claims[data.draw(st.sampled_from(sorted(self.claims)))]["subject"] = data.draw(
            st.sampled_from(self.entities)
        )

    @rule(data=st.data(), key=st.sampled_from(sorted(RECORD_FIELDS)))
    def edit_record(self, data, key):
        self.records[key] = data.draw(st.sampled_from(RECORD_FIELDS[key]))

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

    @precondition(lambda self: len(self.entities) > 3)
    @rule(data=st.data())
    def remove_entity(self, data):
        # the three first entities stay: claimants, parents and the tables name them
        self.entities.remove(data.draw(st.sampled_from(self.entities[3:])))

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
        built, expected = output_files(Path(incremental.outdir)), output_files(Path(clean.outdir))
        differing = sorted(
            f for f in built.keys() | expected.keys() if built.get(f) != expected.get(f)
        )
        assert differing == [], differing
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
        if page == "p3":
            parts.append("```{claims}\n:subject: lab-a\n```\n")
            parts.append("```{claims}\n:metric: gpu-count\n:status: disputed\n```\n")
            shown = sorted(self.claims)[:2]
            if len(shown) == 2:
                parts.append(f"```{{compare}} {' '.join(shown)}\n```\n")
        for claim_id, claim in sorted(self.claims.items()):
            if claim["page"] == page:
                parts.append(self.claim_text(claim_id, claim))
        return "\n".join(parts)

    @staticmethod
    def claim_text(claim_id: str, claim: dict) -> str:
        lines = [f"```{{claim}} {claim_id}", ":kind: figure", f":subject: {claim['subject']}"]
        lines.append(f":value: {claim['value']}")
        for field in CLAIM_FIELDS:
            if field != "statement" and claim[field]:
                lines.append(f":{field}: {claim[field]}".format(id=claim_id))
        if claim["contradicts"]:
            lines.append(f":contradicts: {claim['contradicts']}")
        statement = claim["statement"].format(id=claim_id)
        return "\n".join([*lines, "", statement, "```"]) + "\n"

    def collection_text(self) -> str:
        def record(rtype: str, rid: str, **base) -> dict:
            edited = {f: v for (t, i, f), v in self.records.items() if (t, i) == (rtype, rid)}
            return {k: v for k, v in {"id": rid, **base, **edited}.items() if v}

        def named(rtype: str, ids: tuple[str, ...]) -> list[dict]:
            return [record(rtype, rid, name=rid.title(), definition="Defined.") for rid in ids]

        data = {
            "entities": [
                record("entity", e, name=f"Entity {e}", type="lab") for e in self.entities
            ],
            "sources": [
                record(
                    "source",
                    sid,
                    title=f"Paper {sid}",
                    url=f"https://example.org/{sid}",
                    published="2024-12-27",
                    type="paper",
                )
                for sid in ("report", "paper")
            ],
            "metrics": [
                record("metric", m, name=m.title(), unit="USD", definition="Measured.")
                for m in ("cost", "gpu-count")
            ],
            "scopes": named("scope", ("final-training-run", "company-infrastructure")),
            "methods": named("method", ("cloud-rental-equivalent", "analyst-estimate")),
        }
        return yaml.safe_dump(data, sort_keys=False)

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
            # a failing sequence is printed as found: shrinking it would take minutes of builds
            phases=(Phase.explicit, Phase.reuse, Phase.generate),
        ),
    )
    assert KnowledgeBaseEdits.steps_run >= steps
