"""`python -m claimkb.bench [--runs N] [--quick] [--output FILE]`: build the synthetic knowledge
bases, print the ratios, write every measurement as JSON (shown by docs/reference/benchmark.md).
The JSON is rewritten after each size, so an interrupted run keeps what it measured."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from .edit_cases import edit_rows, real_site_case, synthetic_case
from .epoch_case import QUICK_MODELS, epoch_case, epoch_rows
from .run import BenchError, format_table, machine, measure_size, plan, profile_build, summary

DEFAULT_OUTPUT = Path("docs/reference/benchmark-results.json")
#: the profile comes right after this size is measured, so that an interrupted run keeps it
PROFILE_AFTER = "200x25"
#: profiled at 100 x 25: the shares of a 200 x 25 build, at half the time (cProfile doubles it)
PROFILE_PAGES, PROFILE_PER_PAGE = 100, 25
#: the edit cases, the real site and the Epoch case come right after this size (quick, full)
CASES_AFTER = {True: "20x25", False: "200x25"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimkb.bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="one run, small sizes, no profile")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the JSON results")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp folder)")
    parser.add_argument(
        "--edit-runs",
        type=int,
        default=1,
        help="runs of the edit cases (each a full build and seven rebuilds; default 1)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.edit_runs < 1:
        parser.error("--runs and --edit-runs must be at least 1")
    started = time.time()
    runs = 1 if args.quick else args.runs
    document = {
        "version": 1,
        "command": "make bench"
        if (runs, args.quick) == (3, False)
        else "python -m claimkb.bench" + (" --quick" if args.quick else f" --runs {runs}"),
        "complete": False,
        "machine": machine(),
    }

    def log(message: str) -> None:
        print(f"[{time.time() - started:6.0f}s] {message}", file=sys.stderr, flush=True)

    cases: dict = {"edits": {}, "epoch": None}

    def save(results: dict, profile: dict | None, complete: bool = False) -> None:
        usage = [
            resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        ]
        document.update(
            date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            complete=complete,
            total_seconds=round(time.time() - started),
            total_cpu_seconds=round(sum(u.ru_utime + u.ru_stime for u in usage)),
            ratios=summary(results)
            + edit_rows(cases["edits"])
            + epoch_rows(cases["epoch"], cases["edits"].get("real site")),
            results=results,
            profile=profile,
            **cases,
        )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")

    results: dict = {}
    profile = None

    def save_now() -> None:
        save(results, profile)

    with tempfile.TemporaryDirectory(prefix="claimkb-bench-", dir=args.workdir) as workdir:
        try:
            for size in plan(runs, args.quick):
                results[size.name] = measure_size(size, Path(workdir), log)
                if size.name == PROFILE_AFTER:
                    log(f"profile of one claimkb full build at {PROFILE_PAGES}x{PROFILE_PER_PAGE}")
                    profile = profile_build(PROFILE_PAGES, PROFILE_PER_PAGE, Path(workdir))
                save(results, profile)
                if size.name == CASES_AFTER[args.quick]:
                    edit_runs = 1 if args.quick else args.edit_runs
                    run_cases(size, edit_runs, args.quick, Path(workdir), cases, log, save_now)
        except BenchError as error:
            print(f"claimkb.bench: {error}", file=sys.stderr)
            return 1
    save(results, profile, complete=True)
    print(format_table(document["ratios"]))
    log(f"wrote {args.output}")
    return 0


def run_cases(size, runs: int, quick: bool, workdir: Path, cases: dict, log, save_now) -> None:
    """The edit cases on the synthetic knowledge base of `size` (with views) and on the real
    site, then the Epoch case; the results are saved after each."""
    edits = cases["edits"]
    edits["synthetic"] = synthetic_case(size.pages, size.per_page, runs, workdir, log)
    save_now()
    # quick: the value edit alone, since a build of the real site takes half a minute
    edits["real site"] = real_site_case(runs, workdir, log, kinds=("value",) if quick else None)
    save_now()
    cases["epoch"] = epoch_case(workdir, log, limit=QUICK_MODELS if quick else None)
    save_now()


if __name__ == "__main__":
    sys.exit(main())
