"""The large-corpus case: every model of Epoch AI's database as one generated collection.

The input is Epoch AI's full view of its models database (`all_ml_systems_full_view.csv`, next to
the repository in `../shared/data/epoch/`). Its rows are turned into the two files the importer
reads (`claimkb import epoch`): a costs file with one row per model and a trimmed full view. The
importer's three cost columns are filled from three numeric columns of the database (parameters,
training compute, training dataset size), so that each cell becomes one figure claim: a load of
the real shape (the real names, organizations and dates; about two claims a model), not figures
to read. The project, written in the bench's work folder and never committed, has the definitions
the importer needs, one page showing the collection (`claim-collection`) and the generated pages;
it is built strict with `-j 2`, killed after a timeout so that a regression cannot hang the bench.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

from ..importers.epoch.collection import slug
from ..importers.epoch.data import COST_COLUMNS, FULL_VIEW_COLUMNS
from ..sphinx_ext.search_index import BUNDLE, TIMING_FILE
from .generate import SCHEMA_DIR
from .process import BenchTimeout, claimkb_validate, run_child, sphinx_build
from .run import median
from .search_case import measure, summary
from .views_corpus import LISTINGS
from .written import EXTENSION as WRITTEN_EXTENSION

REPOSITORY = Path(__file__).resolve().parents[3]
FULL_VIEW = REPOSITORY.parent / "shared" / "data" / "epoch" / "all_ml_systems_full_view.csv"
#: importer's cost column -> the database's column whose numbers fill it
LOAD_COLUMNS = {
    "Cloud_Cost": "Parameters",
    "Hardware_Acquisition_Cost": "Training compute (FLOP)",
    "Hardware_Capex_Energy_Cost": "Training dataset size (datapoints)",
}
#: the importer's claim id suffix -> (metric of the database's column, words for the title)
METRICS = {
    "cloud": ("parameters", "parameters"),
    "hardware": ("training-compute", "training compute"),
    "amortized": ("training-dataset-size", "training dataset size"),
}
TIMEOUT_SECONDS = 20 * 60
#: the models of quick mode
QUICK_MODELS = 40
#: the issue's goals: a strict -j 2 build in at most 10 minutes, generated pages of at most 80 KB
#: on average, a time per page at most 1.5 x the real site's
GOALS = {"build": 600, "page_kb": 80, "per_page": 1.5}

REGISTRY = """\
# Written by make bench: what the importer's claims refer to.
entities:
  - id: epoch-ai
    name: Epoch AI
    type: other
metrics:
  - id: cost
    name: Cost
    unit: USD
    definition: Money, in US dollars.
  - id: parameters
    name: Parameters
    unit: parameter
    definition: How many learned numbers (weights) a model has.
  - id: training-compute
    name: Training compute
    unit: FLOP
    definition: Floating-point operations spent training the model.
  - id: training-dataset-size
    name: Training dataset size
    unit: datapoint
    definition: How many data points the model was trained on.
units:
  - id: parameter
    pint: "[parameter]"
    singular: parameter
    plural: parameters
  - id: FLOP
    pint: "[compute]"
    singular: FLOP
    plural: FLOP
  - id: datapoint
    pint: "[datapoint]"
    singular: data point
    plural: data points
scopes:
  - id: final-training-run
    name: Final training run
    definition: The run that produced the released model.
methods:
  - id: cloud-rental-equivalent
    name: Cloud-rental equivalent
    definition: Chip-hours at a cloud rental price.
  - id: hardware-acquisition
    name: Hardware acquisition
    definition: The price of the hardware.
  - id: amortized-hardware-energy
    name: Amortized hardware and energy
    definition: Hardware depreciation plus energy.
"""
CONF = f"""\
project = "Epoch AI's models as one collection (make bench)"
extensions = ["myst_parser", "sphinx_design", "claimkb", {WRITTEN_EXTENSION!r}]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
exclude_patterns = ["_build"]
nitpicky = True
claimkb_schema_dir = "../schema"
claimkb_collections_dir = "../claims"
claimkb_pages_dir = "kb"
claimkb_search = "pagefind"
"""


def _number(text: str) -> str:
    """The cell's number, when it is a finite positive one; else empty."""
    try:
        value = float(text)
    except ValueError:
        return ""
    return text.strip() if math.isfinite(value) and value > 0 else ""


def _too_long(row: dict) -> bool:
    """Whether an id or title the importer makes of this row is longer than the schemas allow
    (ids 80 characters, names and titles 120): the longest claim id and title are checked."""
    name = row["Model"].strip()
    organization = (row["Organization"] or "").split(",")[0].strip()
    claim_id = f"epoch-{slug(name)}-final-run-{max((c[2] for c in COST_COLUMNS), key=len)}"
    title = f"{name} final training run, {max((c[3] for c in COST_COLUMNS), key=len)} (Epoch AI)"
    return (
        max(len(claim_id), len(slug(organization))) > 80 or max(len(title), len(organization)) > 120
    )


def write_inputs(full_view: Path, folder: Path, limit: int | None) -> int:
    """`costs.csv` and `full_view.csv` in `folder`; the number of models kept. A model is kept
    once: the first of a name, or of an id (the slug of its name); none whose id is that of an
    organization (the importer would define the id twice), nor one whose name makes an id or title
    longer than the schemas allow."""
    with full_view.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    organizations = {slug(r["Organization"].split(",")[0]) for r in rows if r["Organization"]}
    kept, seen = [], set()
    for row in rows:
        name = row["Model"].strip()
        if not name or slug(name) in seen or slug(name) in organizations or _too_long(row):
            continue
        seen.add(slug(name))
        kept.append(row)
    kept = kept[:limit] if limit else kept
    with (folder / "costs.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Model", *(column for column, *_ in COST_COLUMNS)])
        for row in kept:
            cells = [_number(row[LOAD_COLUMNS[column]] or "") for column, *_ in COST_COLUMNS]
            writer.writerow([row["Model"].strip(), *cells])
    with (folder / "full_view.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(FULL_VIEW_COLUMNS)
        for row in kept:
            writer.writerow([row["Model"].strip(), *(row[c] for c in FULL_VIEW_COLUMNS[1:])])
    return len(kept)


def write_project(root: Path) -> Path:
    for folder in ("docs", "claims", "data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copytree(SCHEMA_DIR, root / "schema", dirs_exist_ok=True)
    (root / "claims" / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    (root / "docs" / "conf.py").write_text(CONF, encoding="utf-8")
    toctree = "\n".join(["models", *LISTINGS])
    (root / "docs" / "index.md").write_text(
        f"# Epoch AI's models\n\n```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n",
        encoding="utf-8",
    )
    (root / "docs" / "models.md").write_text(
        "# Every model\n\n```{claim-collection} epoch-model-costs\n```\n", encoding="utf-8"
    )
    return root / "docs"


def import_collection(root: Path) -> dict:
    """Run `claimkb import epoch`; the number of entities and claims it wrote."""
    main = "import sys; from claimkb.cli import main; sys.exit(main())"
    data = root / "data"
    command = [sys.executable, "-c", main, "import", "epoch", "--root", str(root)]
    command += ["--csv", str(data / "costs.csv"), "--full-view", str(data / "full_view.csv")]
    sample = run_child(command, "claimkb import epoch")
    relabel(root / "claims" / "epoch-model-costs.yaml")
    collection = YAML(typ="safe").load(root / "claims" / "epoch-model-costs.yaml")
    return {
        "import_seconds": round(sample.seconds, 2),
        "entities": len(collection.get("entities", [])) + 1,  # and epoch-ai
        "claims": len(collection.get("claims", [])),
    }


def relabel(collection: Path) -> None:
    """Each imported claim with the metric of the database column its number came from (the
    importer writes `metric: cost`, in dollars of `price_year`); line by line, as the importer
    writes its canonical form."""
    lines, suffix = [], ""
    for line in collection.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("  - id: epoch-"):
            suffix = line.rstrip().rsplit("-", 1)[-1]
        metric, words = METRICS.get(suffix, ("", ""))
        if metric and line == "    metric: cost\n":
            line = f"    metric: {metric}\n"
        elif metric and line.startswith("    title: "):
            first = line[len("    title: ")]
            quote = first if first in "'\"" else ""  # a quoted title ends quoted
            line = line.split(" final training run, ")[0] + f", {words} (Epoch AI){quote}\n"
        elif metric and line.startswith("    price_year: "):
            continue
        lines.append(line)
    collection.write_text("".join(lines), encoding="utf-8")


def epoch_case(workdir: Path, log, limit: int | None = None, full_view: Path = FULL_VIEW) -> dict:
    """Import, validate and build; what the build measured, or why it was not measured."""
    if not full_view.is_file():
        log(f"Epoch case skipped: {full_view} is absent")
        return {"skipped": f"{full_view.name} is absent (expected at {full_view})"}
    root = workdir / "epoch"
    docs = write_project(root)
    models = write_inputs(full_view, root / "data", limit)
    log(f"Epoch case: importing {models} models")
    result = {"models": models, **import_collection(root)}
    result["validate_seconds"] = round(claimkb_validate(root).seconds, 2)
    out = root / "_build"
    log(
        f"Epoch case: strict -j 2 build of {result['entities']} entities, {result['claims']} "
        f"claims (timeout {TIMEOUT_SECONDS} s)"
    )
    timing = root / "search-timing.jsonl"
    os.environ[TIMING_FILE] = str(timing)
    try:
        sample = sphinx_build(
            docs, out, jobs=2, strict=True, timeout=TIMEOUT_SECONDS, count_pages=True
        )
    except BenchTimeout as error:
        result.update(timed_out=error.seconds, pages_when_stopped=len(list(out.rglob("*.html"))))
        return result
    finally:
        os.environ.pop(TIMING_FILE, None)
    result["build"] = median([sample])
    result.update(output_measures(out, sample.pages_written or 0))
    result["search"] = epoch_search(out, timing, sample.seconds, log)
    shutil.rmtree(out, ignore_errors=True)
    return result


#: queries a reader of Epoch's database may type (models and what their training cost)
EPOCH_QUERIES = ("GPT-4 training cost", "AlphaGo Zero", "BLOOM-176B cloud", "Gemini 1.0 Ultra",
                 "Falcon-180B hardware acquisition")  # fmt: skip


def epoch_search(out: Path, timing: Path, build_seconds: float, log) -> dict:
    """The Pagefind index's build time (as a share of the build) and size, and what a reader
    downloads before the first result, and when it comes, on a phone-class CPU."""
    lines = timing.read_text(encoding="utf-8").splitlines() if timing.exists() else []
    if not lines:
        return {"skipped": "the build wrote no search index"}
    index = json.loads(lines[-1])
    bundle = out / BUNDLE
    found = {
        "index_seconds": index["seconds"],
        "index_share": round(index["seconds"] / build_seconds, 4),
        "indexed_pages": index["pages"],
        "indexed_claims": index["claims"],
        "bundle_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()),
    }
    queries = [{"query": q, "lang": "en"} for q in EPOCH_QUERIES]
    measured = measure(out, queries, log)
    if "skipped" in measured:
        return {**found, "browser": measured["skipped"]}
    return {**found, **summary(measured["visits"]), "visits": measured["visits"]}


def output_measures(out: Path, pages: int) -> dict:
    generated = [p.stat().st_size for p in (out / "kb").rglob("*.html")]
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    index = out / "searchindex.js"
    return {
        "pages": pages,
        "generated_pages": len(generated),
        "generated_page_kb": round(sum(generated) / len(generated) / 1024, 1) if generated else 0,
        "output_bytes": total,
        "searchindex_bytes": index.stat().st_size if index.exists() else 0,
    }


def epoch_rows(epoch: dict, real_site: dict | None) -> list[dict]:
    """Rows of the ratio table for the issue's goals of the Epoch case."""
    if not epoch or "skipped" in epoch:
        return []
    size = f"Epoch: {epoch['models']} models"
    if "timed_out" in epoch:
        note = f"timed out after {epoch['timed_out']:.0f} s"
        return [{"size": size, "ratio": "strict -j 2 build (s)", "value": None, "cpu": None,
                 "goal": GOALS["build"], "note": note}]  # fmt: skip
    build = epoch["build"]
    rows = [
        ("strict -j 2 build (s)", build["seconds"], GOALS["build"]),
        ("average generated page (KB)", epoch["generated_page_kb"], GOALS["page_kb"]),
    ]
    reference = (real_site or {}).get("parallel")
    if reference and reference.get("pages_written") and epoch["pages"]:
        per_page = build["seconds"] / epoch["pages"]
        real_per_page = reference["seconds"] / reference["pages_written"]
        rows.append(("time per page: Epoch / real site (-j 2)", per_page / real_per_page,
                     GOALS["per_page"]))  # fmt: skip
    return [
        {"size": size, "ratio": label, "value": round(value, 3), "cpu": None, "goal": goal}
        for label, value, goal in rows
    ]
