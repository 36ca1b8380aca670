"""The edit cases of `make bench`: what a contributor waits for after one change.

Each run builds the project from scratch, then applies the edits one after the other, rebuilding
after each (timed, with the pages the rebuild wrote), and writes the files back as they were. On
the real site (a copy of the repository's `docs/`, `claims/`, `schema/` and `CONTRIBUTING.md`,
which `docs/guide/contributing.md` includes) the run also times one strict `-j 2` full build, the
reference of the Epoch case's time per page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .edits import Edit, EditError, real_site_edits, synthetic_edits
from .generate import knowledge_base, write_project
from .process import BenchError, Sample, sphinx_build
from .run import median
from .written import EXTENSION as WRITTEN_EXTENSION

REPOSITORY = Path(__file__).resolve().parents[3]
#: what a copy of the real site needs, relative to the repository
REAL_SITE_PARTS = ("docs", "claims", "schema", "CONTRIBUTING.md")
#: the goal of the issue for the real site: an edit's rebuild at most 10% of a full build
REAL_SITE_GOAL = 0.10


def copy_real_site(target: Path) -> Path:
    """Copy the real site into `target`, its conf.py listing the page counter; its docs folder."""
    for part in REAL_SITE_PARTS:
        source = REPOSITORY / part
        if not source.exists():
            raise BenchError(f"the real site needs {source}, which does not exist")
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target / part)
    conf = target / "docs" / "conf.py"
    with conf.open("a", encoding="utf-8") as out:
        out.write(f"\n# added by make bench: count the pages each build writes\n"
                  f"extensions.append({WRITTEN_EXTENSION!r})\n")  # fmt: skip
    return target / "docs"


def measure_edits(docs: Path, edits: list[Edit], runs: int, log, label: str) -> dict:
    """Per run: a strict full build, then each edit and a strict rebuild; medians by edit."""
    originals = {edit.path: edit.path.read_text(encoding="utf-8") for edit in edits}
    out = docs.parent / "_build"
    full: list[Sample] = []
    by_kind: dict[str, list[Sample]] = {edit.kind: [] for edit in edits}
    try:
        for run in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            log(f"{label}: full build and {len(edits)} edits, run {run + 1} of {runs}")
            full.append(sphinx_build(docs, out, strict=True, count_pages=True))
            for edit in edits:
                edit.apply()
                by_kind[edit.kind].append(sphinx_build(docs, out, strict=True, count_pages=True))
            _restore(originals)
    except EditError as error:
        raise BenchError(str(error)) from None
    finally:
        _restore(originals)
        shutil.rmtree(out, ignore_errors=True)
    edited: list[dict[str, object]] = []
    result = {"full": median(full), "pages": full[0].pages_written, "edits": edited}
    for edit in edits:
        edited.append({"kind": edit.kind, "what": edit.what, **median(by_kind[edit.kind])})
    return result


def _restore(originals: dict[Path, str]) -> None:
    for path, text in originals.items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def synthetic_case(pages: int, per_page: int, runs: int, workdir: Path, log) -> dict:
    kb = knowledge_base(pages, per_page)
    root = workdir / f"edits-{pages}x{per_page}"
    docs = write_project(kb, "views", root)
    try:
        edits = synthetic_edits(kb, root)
    except EditError as error:
        raise BenchError(str(error)) from None
    label = f"{pages}x{per_page} with views"
    return {"project": label, **measure_edits(docs, edits, runs, log, label)}


def real_site_case(runs: int, workdir: Path, log, kinds: tuple[str, ...] | None = None) -> dict:
    """The edits of `real_site_edits` (those of `kinds`, when given) on a copy of the site, and
    one strict `-j 2` full build."""
    root = workdir / "real-site"
    docs = copy_real_site(root)
    try:
        edits = [e for e in real_site_edits(root) if kinds is None or e.kind in kinds]
    except EditError as error:
        raise BenchError(f"{error} (the real site changed: update claimkb.bench.edits)") from None
    result = {"project": "real site", **measure_edits(docs, edits, runs, log, "real site")}
    log("real site: full build, -j 2")
    out = root / "_build-parallel"
    result["parallel"] = median([sphinx_build(docs, out, jobs=2, strict=True, count_pages=True)])
    shutil.rmtree(out, ignore_errors=True)
    return result


def edit_rows(cases: dict) -> list[dict]:
    """Ratio rows (as `run.summary` gives them): each edit's rebuild over its project's full
    build, with the real site's goal."""
    rows = []
    for case in cases.values():
        full = case["full"]
        goal = REAL_SITE_GOAL if case["project"] == "real site" else None
        for edit in case["edits"]:
            rows.append(
                {
                    "size": case["project"],
                    "ratio": f"{edit['kind']} edit: rebuild / full build",
                    "value": round(edit["seconds"] / full["seconds"], 3),
                    "cpu": round(edit["cpu"] / full["cpu"], 3) if full["cpu"] else None,
                    "goal": goal,
                }
            )
    return rows
