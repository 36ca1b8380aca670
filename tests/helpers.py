"""Small helpers shared by the build tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOTS


def copy_root(name: str, dest: Path) -> Path:
    """A writable copy of `tests/roots/test-<name>`, for tests that edit files between builds."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, freshenv=kwargs.pop("freshenv", False), **kwargs)
    app.build()
    return app


def build_once(srcdir: Path, **kwargs):
    """A build outside the function-scoped fixtures, for module-scoped fixtures. A parallel one
    runs in a process of its own (`sphinx_build`)."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    assert kwargs.get("parallel", 0) <= 1, "a parallel build: sphinx_build(srcdir, jobs=2)"
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def sphinx_build(srcdir: Path, jobs: int = 1):
    """`sphinx-build -j N` into the folders SphinxTestApp uses, in a process of its own, for the
    tests that compare parallel and serial builds: Sphinx forks its workers, and a fork of a
    pytest worker whose threads hold locks (Playwright's, once a browser test ran in it) can hang
    for ever. What the tests read of a build: its folders and its warnings."""
    from io import StringIO
    from types import SimpleNamespace

    outdir, doctrees = srcdir / "_build" / "html", srcdir / "_build" / "doctrees"
    command = [sys.executable, "-m", "sphinx", "-q", "--no-color", "-j", str(jobs), "-b", "html"]
    done = subprocess.run(
        [*command, "-d", str(doctrees), str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return SimpleNamespace(srcdir=srcdir, outdir=outdir, warning=StringIO(done.stderr))


def warnings_of(app) -> list[str]:
    """Warning lines with the source directory stripped and ANSI colours removed."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(f"{app.srcdir}/", "") for line in text.splitlines() if "WARNING" in line]


def html(app, page: str) -> str:
    return (Path(app.outdir) / page).read_text(encoding="utf-8")


def strict_sphinx_build(srcdir: Path, outdir: Path) -> subprocess.CompletedProcess:
    """`sphinx-build -W --keep-going -n` in a process of its own, as a contributor runs it: what
    reaches the terminal (warnings, or a traceback) is in the result's stderr, without colours."""
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "--no-color"]
    return subprocess.run(
        [*command, "-b", "html", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )


def edit(path: Path, old: str, new: str, count: int = -1) -> None:
    """Replace `old` (which must be there) with `new` in the file at `path`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
