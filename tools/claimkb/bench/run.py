"""Measure: every build a fresh `sphinx-build` child, the three variants interleaved, medians.

Wall time is what a contributor waits; CPU time (user + system of the child, from `wait4`) is
what the build costs, and is the steadier figure on a shared machine. Peak memory is the child's
maximum resident set size.
"""

from __future__ import annotations

import cProfile
import os
import platform
import pstats
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from .generate import VARIANTS, WITH_REGISTRIES, edit_one_claim, knowledge_base, write_project
from .process import BenchError, Sample, claimkb_validate, html_times, sphinx_build

__all__ = ["BenchError", "Sample", "Size", "measure_size", "plan", "summary"]

STEPS = ("full", "nochange", "edit", "parallel", "validate")
STEP_LABELS = {
    "full": "full build",
    "nochange": "no-change rebuild",
    "edit": "rebuild after editing one claim",
    "parallel": "full build, -j 2",
    "validate": "claimkb validate",
}
#: Module prefixes of the profile's buckets, longest match wins; the rest is "other".
PROFILE_BUCKETS = {
    "parsing": (
        "markdown_it",
        "mdit_py_plugins",
        "myst_parser",
        "docutils/parsers",
        "docutils/statemachine",
        "docutils/transforms",
        "sphinx/transforms",
        "sphinx/directives",
        "sphinx/roles",
        "sphinx/util/docutils",
        "sphinx/io",
        "sphinx/parsers",
        "sphinx/environment/collectors",
        "sphinx_design",
        "claimkb/sphinx_ext/claim_directives",
        "claimkb/sphinx_ext/roles",
        "claimkb/core/claim_options",
        "claimkb/myst",
    ),
    "validation": (
        "claimkb/core",
        "claimkb/sphinx_ext/events",
        "jsonschema",
        "referencing",
        "rpds",
        "ruamel",
        "rfc3987_syntax",
        "lark",
    ),
    "resolving": (
        "sphinx/transforms/post_transforms",
        "sphinx/domains",
        "claimkb/sphinx_ext/domain",
        "sphinx/environment/adapters",
        "sphinx/util/nodes",
    ),
    "rendering": (
        "claimkb/views",
        "claimkb/core/formatting",
        "sphinx/writers",
        "docutils/writers",
        "sphinx/builders/html",
        "sphinx/jinja2glue",
        "jinja2",
        "furo",
        "pygments",
        "markupsafe",
        "sphinx/util/template",
    ),
    "writing": (
        "pickle",
        "sphinx/search",
        "snowballstemmer",
        "sphinx/util/fileutil",
        "sphinx/util/osutil",
        "shutil",
        "<built-in method _pickle",
        "<method 'write'",
        "<built-in method io.open",
    ),
}


@dataclass(frozen=True)
class Size:
    pages: int
    per_page: int
    runs: int
    variants: tuple[str, ...] = VARIANTS
    steps: tuple[str, ...] = STEPS

    @property
    def name(self) -> str:
        return f"{self.pages}x{self.per_page}"


def plan(runs: int, quick: bool) -> list[Size]:
    if quick:
        return [Size(5, 10, 1), Size(20, 25, 1)]
    return [
        Size(20, 25, runs),
        Size(200, 25, runs),
        # 20,000 claims must build, in at most 1.5 x the memory of the baseline; measured once
        Size(400, 50, 1, variants=("claimkb", "baseline"), steps=("full",)),
    ]


# --- one variant of one size, once -----------------------------------------------------------
def measure_once(kb, size: Size, variant: str, root: Path, docs: Path) -> dict[str, Sample]:
    out = root / "_build"
    shutil.rmtree(out, ignore_errors=True)
    samples = {"full": sphinx_build(docs, out)}
    if "nochange" in size.steps:
        samples["nochange"] = sphinx_build(docs, out)
    if "edit" in size.steps:
        before = html_times(out)
        path, original = edit_one_claim(kb, docs)
        try:
            samples["edit"] = sphinx_build(docs, out)
        finally:
            path.write_text(original, encoding="utf-8")
        after = html_times(out)
        samples["edit"].pages_written = sum(after[p] != before.get(p) for p in after)
    shutil.rmtree(out, ignore_errors=True)
    # -j 2 of sphinx-needs is left out to keep `make bench` within 30 minutes
    if "parallel" in size.steps and variant not in ("needs", "views"):
        samples["parallel"] = sphinx_build(docs, out, jobs=2)
        shutil.rmtree(out, ignore_errors=True)
    if "validate" in size.steps and variant in WITH_REGISTRIES:
        samples["validate"] = claimkb_validate(root)
    return samples


def median(samples: list[Sample]) -> dict:
    written = [s.pages_written for s in samples if s.pages_written is not None]
    totals = [s.pages_total for s in samples if s.pages_total is not None]
    return {
        "seconds": round(statistics.median(s.seconds for s in samples), 3),
        "cpu": round(statistics.median(s.cpu for s in samples), 3),
        "max_rss_mb": round(statistics.median(s.max_rss for s in samples) / 2**20, 1),
        "runs": len(samples),
        **({"pages_written": max(written)} if written else {}),
        **({"pages_total": max(totals)} if totals else {}),
    }


def measure_size(size: Size, workdir: Path, log) -> dict[str, dict[str, dict]]:
    """Medians by variant and step; the variants take turns within each run."""
    kb = knowledge_base(size.pages, size.per_page)
    projects = {}
    for variant in size.variants:
        root = workdir / size.name / variant
        projects[variant] = (root, write_project(kb, variant, root))
    collected: dict[str, dict[str, list[Sample]]] = {v: {} for v in size.variants}
    for run in range(size.runs):
        for variant in size.variants:
            log(f"{size.name} {variant}: run {run + 1} of {size.runs}")
            for step, sample in measure_once(kb, size, variant, *projects[variant]).items():
                collected[variant].setdefault(step, []).append(sample)
    return {v: {step: median(s) for step, s in steps.items()} for v, steps in collected.items()}


# --- ratios ----------------------------------------------------------------------------------
#: (label, numerator (variant, step), denominator (variant, step), what is compared, goal)
RATIOS = (
    ("full build: ours / baseline", ("claimkb", "full"), ("baseline", "full"), "time", 1.25),
    ("full build: ours / sphinx-needs", ("claimkb", "full"), ("needs", "full"), "time", 1.0),
    (
        "-j 2 full build: ours / baseline",
        ("claimkb", "parallel"),
        ("baseline", "parallel"),
        "time",
        None,
    ),
    ("one-claim edit rebuild / full build", ("claimkb", "edit"), ("claimkb", "full"), "time", 0.15),
    ("no-change rebuild / full build", ("claimkb", "nochange"), ("claimkb", "full"), "time", None),
    ("claimkb validate / full build", ("claimkb", "validate"), ("claimkb", "full"), "time", 0.05),
    (
        "full build with views: ours / baseline",
        ("views", "full"),
        ("baseline", "full"),
        "time",
        2.0,
    ),
    (
        "claimkb validate / full build with views",
        ("views", "validate"),
        ("views", "full"),
        "time",
        0.05,
    ),
    ("peak memory: ours / baseline", ("claimkb", "full"), ("baseline", "full"), "memory", 1.5),
)


def ratio(variants: dict, top: tuple[str, str], bottom: tuple[str, str], measure: str):
    a = variants.get(top[0], {}).get(top[1], {}).get(measure)
    b = variants.get(bottom[0], {}).get(bottom[1], {}).get(measure)
    return round(a / b, 3) if a and b else None


def summary(results: dict) -> list[dict]:
    """One row per ratio and size: `value` is the wall-time (or memory) ratio, `cpu` the CPU-time
    ratio; ratios that a size did not measure are left out."""
    rows = []
    for size, variants in results.items():
        for label, top, bottom, what, goal in RATIOS:
            if what == "memory":
                value, cpu = ratio(variants, top, bottom, "max_rss_mb"), None
            else:
                value, cpu = (ratio(variants, top, bottom, m) for m in ("seconds", "cpu"))
            if value is not None:
                rows.append(
                    {"size": size, "ratio": label, "value": value, "cpu": cpu, "goal": goal}
                )
    return rows


def format_table(rows: list[dict]) -> str:
    size_width = max([4, *(len(row["size"]) for row in rows)])
    ratio_width = max([5, *(len(row["ratio"]) for row in rows)])
    lines = [f"{'size':<{size_width}} {'ratio':<{ratio_width}} {'wall/RSS':>9} {'CPU':>7}  goal"]
    for row in rows:
        value, cpu = (f"{row[k]:.3f}" if row[k] is not None else "-" for k in ("value", "cpu"))
        goal = f"≤ {row['goal']:g}" if row["goal"] is not None else ""
        note = f"  ({row['note']})" if row.get("note") else ""
        lines.append(
            f"{row['size']:<{size_width}} {row['ratio']:<{ratio_width}} {value:>9} {cpu:>7}  "
            f"{goal}{note}"
        )
    return "\n".join(lines)


# --- profile ---------------------------------------------------------------------------------
def profile_build(pages: int, per_page: int, workdir: Path) -> dict:
    """cProfile of one full claimkb build in this process; own time bucketed by module prefix."""
    # imports are a build's fixed cost, timed here on their own: under the profiler the
    # import of jsonschema (which builds lark grammars) would look many times its real cost
    started = time.perf_counter()
    import furo  # noqa: F401
    import sphinx_design  # noqa: F401
    from myst_parser.parsers.sphinx_ import MystParser  # noqa: F401
    from sphinx.cmd.build import build_main

    import claimkb.sphinx_ext  # noqa: F401

    import_seconds = time.perf_counter() - started
    kb = knowledge_base(pages, per_page)
    root = workdir / f"profile-{pages}x{per_page}"
    docs = write_project(kb, "claimkb", root)
    profiler = cProfile.Profile()
    profiler.enable()
    status = build_main(["-b", "html", "-q", str(docs), str(root / "_build")])
    profiler.disable()
    if status:
        raise BenchError(f"profiled build of {docs} exited {status}")
    stats = pstats.Stats(profiler)
    buckets = dict.fromkeys([*PROFILE_BUCKETS, "other"], 0.0)
    ours: dict[str, float] = {}
    other: dict[str, float] = {}
    table = stats.stats  # type: ignore[attr-defined]  # pstats's own table, not in its stubs
    for (filename, _line, function), (_cc, _nc, own, cumulative, _callers) in table.items():
        where = filename if filename != "~" else function
        bucket = bucket_of(where)
        buckets[bucket] += own
        if bucket == "other":
            name = f"{Path(filename).stem}.{function}" if filename != "~" else function
            other[name] = other.get(name, 0.0) + own
        if "/claimkb/" in filename and "/bench/" not in filename:
            name = f"{Path(filename).stem}.{function}"
            ours[name] = max(ours.get(name, 0.0), cumulative)
    total = sum(buckets.values())
    return {
        "size": f"{pages}x{per_page}",
        "seconds": round(total, 2),
        "import_seconds": round(import_seconds, 2),
        "buckets": {name: round(own / total, 3) for name, own in buckets.items()},
        # fractions of the build: own time by bucket, cumulative time of claimkb's functions
        "claimkb_cumulative": top(ours, 12, total),
        "other_top": top(other, 8, total),
    }


def top(times: dict[str, float], count: int, total: float) -> dict[str, float]:
    """The `count` largest entries, as fractions of `total`."""
    largest = sorted(times.items(), key=lambda item: -item[1])[:count]
    return {name: round(seconds / total, 3) for name, seconds in largest}


def bucket_of(where: str) -> str:
    where = where.replace(os.sep, "/")
    best, length = "other", 0
    for bucket, prefixes in PROFILE_BUCKETS.items():
        for prefix in prefixes:
            if (f"/{prefix}" in where or where.startswith(prefix)) and len(prefix) > length:
                best, length = bucket, len(prefix)
    return best


# --- the machine -----------------------------------------------------------------------------
def machine() -> dict:
    import sphinx

    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    versions = {}
    for name in ("sphinx", "myst_parser", "sphinx_design", "furo", "sphinx_needs"):
        try:
            from importlib.metadata import version

            versions[name] = version(name.replace("_", "-"))
        except Exception:  # noqa: BLE001 - a missing package is reported as such
            versions[name] = "not installed"
    versions["sphinx"] = sphinx.__version__
    return {
        "cores": os.cpu_count(),
        "ram_gb": round(pages / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "versions": versions,
    }
