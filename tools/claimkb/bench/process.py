"""One child process of the benchmark: a `sphinx-build` or a `claimkb validate`, with its wall time,
CPU time (user + system, from `wait4`) and peak memory; optionally the pages it wrote (counted by
`claimkb.bench.written`) and a timeout after which it is killed, with its own children."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .written import VARIABLE as WRITTEN_VARIABLE

#: How often a child with a timeout is looked at, in seconds.
POLL_SECONDS = 0.2


class BenchError(Exception):
    """A build or validation failed or warned: the numbers would mean nothing."""


class BenchTimeout(BenchError):
    """A child ran past its timeout and was killed."""

    def __init__(self, what: str, seconds: float):
        super().__init__(f"{what} timed out after {seconds:.0f} s")
        self.seconds = seconds


@dataclass
class Sample:
    seconds: float  # wall
    cpu: float  # user + system
    max_rss: int  # bytes
    pages_written: int | None = None  # the project's pages the build wrote
    pages_total: int | None = None  # the project's pages after the build


def run_child(
    command: list[str], what: str, timeout: float | None = None, env: dict | None = None
) -> Sample:
    """Run `command`; its wall time, CPU time and peak memory. BenchError if it fails or warns,
    BenchTimeout if it runs longer than `timeout` seconds."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=env, start_new_session=True
        )
        status, usage = _wait(process, start, timeout, what)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace").strip()
    if process.returncode or text:
        raise BenchError(f"{what} exited {process.returncode}:\n{text[:2000]}")
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def _wait(process: subprocess.Popen, start: float, timeout: float | None, what: str):
    if timeout is None:
        _, status, usage = os.wait4(process.pid, 0)
        return status, usage
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return status, usage
        if time.perf_counter() - start > timeout:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the -j workers too
            os.wait4(process.pid, 0)
            raise BenchTimeout(what, timeout)
        time.sleep(POLL_SECONDS)


def sphinx_build(
    docs: Path,
    out: Path,
    jobs: int = 1,
    strict: bool = False,
    timeout: float | None = None,
    count_pages: bool = False,
    options: tuple[str, ...] = (),
    environment: dict[str, str] | None = None,
) -> Sample:
    """One `sphinx-build -b html -q`; `strict` adds `-W --keep-going -n`. With `count_pages`,
    the sample holds the number of the project's pages the build wrote and the number of its
    pages (the project must list the extension `claimkb.bench.written`). `options` are more
    options of sphinx-build (`-D claimkb_charts=0`), `environment` more variables."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs)]
    command += ["-W", "--keep-going", "-n"] if strict else []
    command += [*options, str(docs), str(out)]
    variables = {**os.environ, **(environment or {})}
    if not count_pages:
        return run_child(command, f"sphinx-build {docs}", timeout, variables)
    with tempfile.TemporaryDirectory(prefix="claimkb-bench-written-") as scratch:
        written = Path(scratch) / "written.txt"
        env = {**variables, WRITTEN_VARIABLE: str(written)}
        sample = run_child(command, f"sphinx-build {docs}", timeout, env)
        names = written.read_text(encoding="utf-8").splitlines() if written.exists() else []
        total = Path(f"{written}.total")
        sample.pages_total = int(total.read_text(encoding="utf-8")) if total.exists() else None
    sample.pages_written = len(set(names))
    return sample


def claimkb_validate(root: Path) -> Sample:
    """`claimkb validate --root ROOT`, as the console script runs it."""
    main = "import sys; from claimkb.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", main, "validate", "--root", str(root)]
    return run_child(command, f"claimkb validate --root {root}")


def html_times(out: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in out.rglob("*.html")}
