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
from typing import Any

from .chart_case import chart_case, chart_rows
from .edit_cases import edit_rows, real_site_case, synthetic_case
from .epoch_case import QUICK_MODELS, epoch_case, epoch_rows
from .run import BenchError, format_table, machine, measure_size, plan, profile_build, summary
from .search_case import real_site_search, search_rows

DEFAULT_OUTPUT = Path("docs/reference/benchmark-results.json")
#: the profile comes right after this size is measured, so that an interrupted run keeps it
PROFILE_AFTER = "200x25"
#: profiled at 100 x 25: the shares of a 200 x 25 build, at half the time (cProfile doubles it)
PROFILE_PAGES, PROFILE_PER_PAGE = 100, 25
#: the edit cases, the real site and the Epoch case come right after this size (quick, full)
CASES_AFTER = {True: "5x10", False: "200x25"}
#: the parts of a run: the synthetic sizes, the edit cases (synthetic, real site), Epoch's database,
#: the search, the charts' share of the real site's build
PARTS = ("sizes", "synthetic-edits", "real-site-edits", "epoch", "search", "charts")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
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
    parser.add_argument(
        "--only",
        type=lambda text: text.split(","),
        default=list(PARTS),
        help=f"the parts to run, comma-separated (default: all of {','.join(PARTS)})",
    )
    args = parser.parse_args(argv)
    if not set(args.only) <= set(PARTS):
        parser.error(f"--only: parts are {', '.join(PARTS)}")
    if args.runs < 1 or args.edit_runs < 1:
        parser.error("--runs and --edit-runs must be at least 1")
    if args.quick:
        args.runs = args.edit_runs = 1
    return args


class Recorder:
    """What the run measured so far, written out after each part so that an interrupted run
    keeps it."""

    def __init__(self, args: argparse.Namespace):
        self.output: Path = args.output
        self.started = time.time()
        self.results: dict = {}
        self.profile: dict | None = None
        self.cases: dict = {"edits": {}, "epoch": None, "search": None, "charts": None}
        everything = list(args.only) == list(PARTS)
        command = "make bench" if (args.runs, args.quick, everything) == (3, False, True) else (
            "python -m claimkb.bench" + (" --quick" if args.quick else f" --runs {args.runs}")
            + ("" if everything else " --only " + ",".join(args.only))
        )  # fmt: skip
        self.document: dict[str, Any] = {"version": 1, "command": command, "complete": False}
        self.document["machine"] = machine()

    def log(self, message: str) -> None:
        print(f"[{time.time() - self.started:6.0f}s] {message}", file=sys.stderr, flush=True)

    def save(self, complete: bool = False) -> None:
        usage = [
            resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        ]
        edits, epoch, charts = self.cases["edits"], self.cases["epoch"], self.cases["charts"]
        self.document.update(
            date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            complete=complete,
            total_seconds=round(time.time() - self.started),
            total_cpu_seconds=round(sum(u.ru_utime + u.ru_stime for u in usage)),
            ratios=summary(self.results)
            + edit_rows(edits)
            + epoch_rows(epoch, edits.get("real site"))
            + search_rows(self.cases["search"], epoch)
            + chart_rows(charts),
            results=self.results,
            profile=self.profile,
            **self.cases,
        )
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.output.write_text(json.dumps(self.document, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    recorder = Recorder(args)
    with tempfile.TemporaryDirectory(prefix="claimkb-bench-", dir=args.workdir) as workdir:
        try:
            for size in plan(args.runs, args.quick):
                if "sizes" not in args.only:
                    if size.name == CASES_AFTER[args.quick]:
                        run_cases(size, args, Path(workdir), recorder)
                    continue
                recorder.results[size.name] = measure_size(size, Path(workdir), recorder.log)
                if size.name == PROFILE_AFTER:
                    recorder.log(
                        f"profile of one claimkb full build at {PROFILE_PAGES}x{PROFILE_PER_PAGE}"
                    )
                    recorder.profile = profile_build(PROFILE_PAGES, PROFILE_PER_PAGE, Path(workdir))
                recorder.save()
                if size.name == CASES_AFTER[args.quick]:
                    run_cases(size, args, Path(workdir), recorder)
        except BenchError as error:
            print(f"claimkb.bench: {error}", file=sys.stderr)
            return 1
    recorder.save(complete=True)
    print(format_table(recorder.document["ratios"]))
    recorder.log(f"wrote {args.output}")
    return 0


def run_cases(size, args: argparse.Namespace, workdir: Path, recorder: Recorder) -> None:
    """The edit cases on the synthetic knowledge base of `size` (with views) and on the real
    site, then the Epoch case; the results are saved after each."""
    edits, log = recorder.cases["edits"], recorder.log
    if "synthetic-edits" in args.only:
        edits["synthetic"] = synthetic_case(size.pages, size.per_page, args.edit_runs, workdir, log)
        recorder.save()
    if "real-site-edits" in args.only:
        # quick: the value edit alone, since a build of the real site takes half a minute or more
        kinds = ("value",) if args.quick else None
        edits["real site"] = real_site_case(args.edit_runs, workdir, log, kinds=kinds)
        recorder.save()
    if "epoch" in args.only:
        limit = QUICK_MODELS if args.quick else None
        recorder.cases["epoch"] = epoch_case(workdir, log, limit=limit)
        recorder.save()
    if "search" in args.only:
        recorder.cases["search"] = real_site_search(workdir, log)
        recorder.save()
    if "charts" in args.only:
        recorder.cases["charts"] = chart_case(args.runs, workdir, log)
        recorder.save()


if __name__ == "__main__":
    sys.exit(main())
