"""Incremental builds equal clean builds, proven by random sequences of edits (Hypothesis).

Each step edits a small knowledge base (tests/stateful_site.py) whose pages show it through every
view: add, delete or move a claim (between pages and a collection), link to one, edit some of its
fields, add or remove a registry record, edit some fields of an entity, source, metric, scope or
method. The fields are every field of the JSON Schemas, each given valid values derived from its
schema (tests/stateful_fields.py); an `id` is edited by a rename, whose references follow. After
each step the project is rebuilt incrementally and every output (pages, share pages, claim index,
inventory, exports, charts, search index) and the warnings are compared with a clean build of the
same tree; a difference names the files that differ and the last step's edits.

The fields a step edits are those the whole run changed least so far, so that a run of CI_STEPS
steps changes every field and runs every rule at least once, which the test asserts (a schema
that gains fields may need more steps: raise CI_STEPS). A failure's message lists the last step's
edits with their values. `pytest --stateful-steps N` (or the variable
CLAIMKB_STATEFUL_STEPS) runs N steps; `-s` prints how often each rule ran and each field changed.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings, stateful
from hypothesis import strategies as st
from hypothesis.errors import StopTest
from hypothesis.internal.conjecture.data import ConjectureData
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
from stateful_fields import (
    RENAMED,
    Context,
    fresh_id,
    properties,
    registry_types,
    removable,
    required,
    schema_fields,
    values,
)
from stateful_site import COLLECTION, HOMES, PAGES, ROLES, Site, base_site

#: the steps CI runs (conftest's --stateful-steps default): enough to edit every field
CI_STEPS = 160
#: steps per example: each example starts from a fresh project and a clean build
STEPS_PER_EXAMPLE = 20
#: at most this many fields change in one step (a contributor's save often holds several edits;
#: with 6, runs of 140 to 200 steps change every field and run every rule, simulated with the
#: builds stubbed out; shorter ones may not, as Hypothesis leaves some rules out of an example)
FIELDS_PER_STEP = 6
#: what an edit draws through Hypothesis for each field it edits: a seed of the field's values
SEEDS = st.integers(0, 2**32 - 1)


class Values:
    """The values of one field's edit, drawn from their strategies with a source of choices of
    their own, seeded by a draw of the step. Which fields a step edits depends on what the whole
    run edited so far (`least_edited`), which Hypothesis must not see: every draw it sees then
    has the same shape whatever the field (it checks that a replayed sequence draws alike)."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.choices = self.fresh()

    def fresh(self) -> ConjectureData:
        return ConjectureData(random=self.random, prefix=None, max_choices=10_000)

    def draw(self, strategy: st.SearchStrategy):
        for _ in range(20):
            try:
                return self.choices.draw(strategy)
            except StopTest:  # a filter refused what it was given: draw again, on fresh choices
                self.choices = self.fresh()
        raise AssertionError(f"no value of {strategy!r} in 20 tries")


#: every field of the schemas, in two cycles that the edit rules go through
CYCLES = {
    "claim": [(rtype, name) for rtype, name in schema_fields() if rtype == "claim"],
    "registry": [(rtype, name) for rtype, name in schema_fields() if rtype != "claim"],
}
#: no sitemap.xml: the root has no html_baseurl, with which sphinx-sitemap forks a
#: multiprocessing Manager per build; in-process builds left them running, holding the pipes of
#: Playwright's driver in the same pytest worker, whose session then never ended
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
    #: over the whole test: the steps checked, the rules run, the fields whose value changed
    #: (counted once the step that did it is checked)
    steps_run = 0
    rules_run: Counter = Counter()
    edited: Counter = Counter()
    #: the steps to check: once checked, the examples Hypothesis still runs build nothing
    target = CI_STEPS

    @classmethod
    def reset(cls, target: int) -> None:
        cls.steps_run, cls.target = 0, target
        cls.rules_run.clear()
        cls.edited.clear()

    @classmethod
    def done(cls) -> bool:
        return cls.steps_run >= cls.target

    def __init__(self):
        super().__init__()
        self.root = Path(os.environ["CLAIMKB_STATEFUL_TMP"]) / f"run-{id(self)}"
        self.src = self.root / "src"
        self.site = Site()
        self.counter = 100
        self.step: list[str] = []  # what the last step did, for a failure's message
        self.rules = Counter()  # what the last step did, counted once it is checked
        self.fields = Counter()

    def new_id(self, rtype: str) -> str:
        self.counter += 1
        return fresh_id(rtype, self.counter)

    def ran(self, name: str, *what: str) -> None:
        self.rules[name] += 1
        self.step = [f"{name} {' '.join(what)}".strip()]

    @initialize()
    def start(self):
        self.site = base_site()
        if self.done():
            return
        shutil.copytree(ROOTS / "test-stateful", self.src)
        self.site.write(self.src)
        build_once(self.src)

    # --- claims --------------------------------------------------------------------------------
    @rule(home=st.sampled_from(HOMES), data=st.data())
    def add_claim(self, home, data):
        claim_id = self.new_id("claim")
        kinds = properties("claim")["kind"]["enum"]
        kind = data.draw(st.sampled_from([k for k in kinds if self.site.claims or k == "figure"]))
        record = {"kind": kind}
        context = Context(self.site.ids(), claim_id, record, in_collection=home == COLLECTION)
        for name in sorted(required("claim", record) - {"id", "kind"}) + ["value"]:
            if kind == "figure" or name != "value":
                record[name] = data.draw(values("claim", name, context), label=name)
        self.site.claims[claim_id] = {"home": home, "data": record}
        self.ran("add_claim", claim_id, home, kind)

    @precondition(lambda self: self.site.claims)
    @rule(data=st.data())
    def delete_claim(self, data):
        claim_id = data.draw(st.sampled_from(sorted(self.site.claims)))
        del self.site.claims[claim_id]  # what names it is left naming nothing
        self.ran("delete_claim", claim_id)

    @precondition(lambda self: self.site.claims)
    @rule(data=st.data(), home=st.sampled_from(HOMES))
    def move_claim(self, data, home):
        claim_id = data.draw(st.sampled_from(sorted(self.site.claims)))
        self.site.claims[claim_id]["home"] = home
        self.ran("move_claim", claim_id, home)

    @precondition(lambda self: self.site.claims)
    @rule(data=st.data(), page=st.sampled_from(PAGES), role=st.sampled_from(ROLES))
    def link_claim(self, data, page, role):
        claim_id = data.draw(st.sampled_from(sorted(self.site.claims)))
        self.site.links.setdefault(page, []).append((role, claim_id))
        self.ran("link_claim", role, claim_id, page)

    @precondition(lambda self: self.site.claims)
    @rule(data=st.data())
    def edit_claim(self, data):
        """Edit one to FIELDS_PER_STEP fields of a claim: one edit, or a save with several (what
        also makes a run of CI_STEPS reach every field: Hypothesis picks rules unevenly, so a
        rule of its own for several fields could run too seldom)."""
        claim_id = data.draw(st.sampled_from(sorted(self.site.claims)))
        self.ran("edit_claim", claim_id)
        count = data.draw(st.integers(1, FIELDS_PER_STEP), label="fields")
        seeds = data.draw(st.lists(SEEDS, min_size=count, max_size=count), label="seeds")
        for (rtype, name), seed in zip(self.least_edited("claim", count), seeds, strict=True):
            claim_id = self.edit(seed, rtype, claim_id, name)

    # --- registry records ----------------------------------------------------------------------
    @rule(rtype=st.sampled_from(registry_types()), data=st.data())
    def add_record(self, rtype, data):
        rid = self.new_id(rtype)
        record: dict = {}
        context = Context(self.site.ids(), rid, record)
        for name in sorted(required(rtype, record) - {"id"}):
            record[name] = data.draw(values(rtype, name, context), label=name)
        self.site.records[rtype][rid] = record
        self.ran("add_record", rtype, rid)

    def removable_types(self) -> list[str]:
        # one record of each type stays: claims and records need something to name
        return [rtype for rtype, records in self.site.records.items() if len(records) > 1]

    @precondition(lambda self: self.removable_types())
    @rule(data=st.data())
    def remove_record(self, data):
        """Remove a record, used or not: what names it is left naming nothing."""
        rtype = data.draw(st.sampled_from(self.removable_types()))
        rid = data.draw(st.sampled_from(sorted(self.site.records[rtype])))
        del self.site.records[rtype][rid]
        self.ran("remove_record", rtype, rid)

    @rule(data=st.data())
    def edit_record(self, data):
        """Edit one to FIELDS_PER_STEP of the registry's fields edited least so far, each of a
        record of its type."""
        self.ran("edit_record")
        count = data.draw(st.integers(1, FIELDS_PER_STEP), label="fields")
        picks = st.tuples(st.integers(0, 2**16), SEEDS)
        drawn = data.draw(st.lists(picks, min_size=count, max_size=count), label="records, seeds")
        for (rtype, name), (which, seed) in zip(
            self.least_edited("registry", count), drawn, strict=True
        ):
            ids = sorted(self.site.records[rtype])
            self.edit(seed, rtype, ids[which % len(ids)], name)

    # --- fields ----------------------------------------------------------------------------
    def least_edited(self, cycle: str, count: int) -> list[tuple[str, str]]:
        """The `count` fields of a cycle that the whole run changed least so far (this step's
        changes included), in the schemas' order among equals: a run of CI_STEPS changes each."""
        changed = KnowledgeBaseEdits.edited + self.fields
        fields = sorted(CYCLES[cycle], key=lambda field: changed[field])  # stable: schema order
        return fields[:count]

    def edit(self, seed: int, rtype: str, rid: str, name: str) -> str:
        """Give one field a new value (or rename the record); the record's id afterwards."""
        if name == RENAMED:
            return self.rename(rtype, rid)
        self.edit_field(Values(seed), rtype, rid, name)
        return rid

    def edit_field(self, data: Values, rtype: str, rid: str, name: str) -> None:
        record = (
            self.site.claims[rid]["data"] if rtype == "claim" else self.site.records[rtype][rid]
        )
        before = record.get(name)
        removing = data.draw(st.integers(0, 3)) == 0
        if name in record and removable(rtype, name, record) and removing:
            del record[name]
        else:
            strategy = values(rtype, name, self.context(rtype, rid, record))
            if strategy.is_empty:
                return  # nothing to name yet (a relation without other claims)
            for _ in range(3):  # a value that changes something, mostly
                record[name] = data.draw(strategy)
                if record[name] != before:
                    break
        for needed in sorted(required(rtype, record) - set(record) - {"id"}):
            # a new kind needs its own fields (a viewpoint relies on claims...)
            strategy = values(rtype, needed, self.context(rtype, rid, record))
            if not strategy.is_empty:
                record[needed] = data.draw(strategy)
        if record.get(name) != before:
            self.fields[(rtype, name)] += 1
            self.step.append(f"{rtype} {rid}: {name} {before!r} -> {record.get(name, '(none)')!r}")

    def context(self, rtype: str, rid: str, record: dict) -> Context:
        home = self.site.claims[rid]["home"] if rtype == "claim" else None
        return Context(self.site.ids(), rid, record, in_collection=home == COLLECTION)

    def rename(self, rtype: str, old: str) -> str:
        """A new id, and every reference to the old one follows (claims, records, pages)."""
        new = self.new_id(rtype)
        site = self.site
        if rtype == "claim":
            site.claims[new] = site.claims.pop(old)
            site.links = {
                p: [(r, new if i == old else i) for r, i in ls] for p, ls in site.links.items()
            }
        else:
            site.records[rtype][new] = site.records[rtype].pop(old)
            site.tables = [{k: new if v == old else v for k, v in t.items()} for t in site.tables]
        everything = [(c["data"], "claim") for c in site.claims.values()]
        everything += [(r, t) for t, records in site.records.items() for r in records.values()]
        for record, holder in everything:
            for name, prop in properties(holder).items():
                if prop.get("x-ref") == rtype and name in record:
                    value = record[name]
                    record[name] = (
                        [new if v == old else v for v in value]
                        if isinstance(value, list)
                        else (new if value == old else value)
                    )
        self.fields[(rtype, RENAMED)] += 1
        self.step.append(f"{rtype} {old}: renamed {new}")
        return new

    # --- check after every step ---------------------------------------------------------------
    @invariant()
    def incremental_equals_clean(self):
        if not self.src.exists() or self.done():
            return
        KnowledgeBaseEdits.steps_run += 1
        self.site.write(self.src)
        incremental = build_once(self.src)
        clean_src = self.root / f"clean-{KnowledgeBaseEdits.steps_run}"
        shutil.copytree(self.src, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = build_once(clean_src)
        last = "\n  ".join(self.step)
        assert sorted(warnings_of(incremental)) == sorted(warnings_of(clean)), last
        built, expected = output_files(Path(incremental.outdir)), output_files(Path(clean.outdir))
        differing = sorted(
            f for f in built.keys() | expected.keys() if built.get(f) != expected.get(f)
        )
        assert differing == [], f"{differing}\nafter:\n  {last}"
        shutil.rmtree(clean_src)
        KnowledgeBaseEdits.rules_run.update(self.rules)
        KnowledgeBaseEdits.edited.update(self.fields)
        self.rules.clear()
        self.fields.clear()


def rule_names() -> list[str]:
    marked = vars(KnowledgeBaseEdits).items()
    return sorted(name for name, value in marked if getattr(value, stateful.RULE_MARKER, None))


def coverage() -> tuple[str, list[str]]:
    """How often each rule ran and each field changed; what was never reached."""
    rules = rule_names()
    lines = [f"{KnowledgeBaseEdits.steps_run} steps checked", "rules:"]
    lines += [f"  {name}: {KnowledgeBaseEdits.rules_run[name]}" for name in rules]
    lines.append("fields changed:")
    lines += [f"  {t}.{f}: {KnowledgeBaseEdits.edited[(t, f)]}" for t, f in schema_fields()]
    missing = [name for name in rules if not KnowledgeBaseEdits.rules_run[name]]
    missing += [f"{t}.{f}" for t, f in schema_fields() if not KnowledgeBaseEdits.edited[(t, f)]]
    return "\n".join(lines), missing


@pytest.mark.slow
def test_incremental_build_equals_clean_build(tmp_path, monkeypatch, pytestconfig):
    steps = pytestconfig.getoption("--stateful-steps")
    monkeypatch.setenv("CLAIMKB_STATEFUL_TMP", str(tmp_path))
    KnowledgeBaseEdits.reset(steps)
    run_state_machine_as_test(
        KnowledgeBaseEdits,
        settings=settings(
            # examples end early at times: enough of them, and those past the steps build nothing
            max_examples=2 * math.ceil(steps / STEPS_PER_EXAMPLE) + 2,
            stateful_step_count=STEPS_PER_EXAMPLE,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
            # a failing sequence is printed as found: shrinking it would take minutes of builds
            phases=(Phase.explicit, Phase.reuse, Phase.generate),
        ),
    )
    table, missing = coverage()
    print(table)
    assert KnowledgeBaseEdits.steps_run >= steps, table
    if steps >= CI_STEPS:
        assert missing == [], f"never reached in {steps} steps (raise CI_STEPS):\n{table}"
