"""The same tree builds the same bytes whatever the hash seed, file-system order or -j; an
interrupted build or an environment from another version of the extension is never trusted."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOTS

SKIPPED = ("_static/", "_sources/", ".buildinfo", ".doctrees/")

pytestmark = pytest.mark.slow  # every build here runs in a process of its own


def sphinx(src: Path, out: Path, *options: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-n", "-b", "html", *options, str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


def site(out: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and not relative.startswith(SKIPPED):
            files[relative] = path.read_bytes()
    return files


def copy_in_order(src: Path, dest: Path, reverse: bool) -> Path:
    """A copy whose files were created in the opposite order (directory listings differ)."""
    dest.mkdir(parents=True)
    for path in sorted(src.rglob("*"), reverse=reverse):
        target = dest / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return dest


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("ref") / "out"
    assert sphinx(ROOTS / "test-basic", out, PYTHONHASHSEED="0").returncode == 0
    return site(out)


@pytest.mark.parametrize(
    ("seed", "jobs", "reverse"),
    [("1", "1", False), ("4242", "2", False), ("77", "1", True), ("9", "2", True)],
    ids=["seed", "seed-j2", "order", "order-j2"],
)
def test_same_bytes(tmp_path, reference, seed, jobs, reverse):
    src = copy_in_order(ROOTS / "test-basic", tmp_path / "src", reverse)
    result = sphinx(src, tmp_path / "out", "-j", jobs, PYTHONHASHSEED=seed)
    assert result.returncode == 0, result.stderr
    built = site(tmp_path / "out")
    assert sorted(built) == sorted(reference)
    assert [name for name in built if built[name] != reference[name]] == []


def test_build_killed_while_writing_then_rerun_equals_clean(tmp_path, reference):
    src = copy_in_order(ROOTS / "test-interrupt", tmp_path / "src", False)
    out = tmp_path / "out"
    killed = sphinx(src, out, KILL_WHILE_WRITING="other")
    assert killed.returncode == 9
    assert (out / "index.html").exists() and not (out / "other.html").exists()
    (out / "index.html").write_text("<html>truncated")  # as if killed halfway through a file
    rerun = sphinx(src, out)
    assert rerun.returncode == 0, rerun.stderr
    clean = tmp_path / "clean"
    assert sphinx(src, clean).returncode == 0
    assert site(out) == site(clean)


def test_environment_of_another_extension_version_is_discarded(tmp_path, monkeypatch):
    src = copy_in_order(ROOTS / "test-basic", tmp_path / "src", False)
    out = tmp_path / "out"
    assert sphinx(src, out, "-d", str(tmp_path / "doctrees")).returncode == 0
    env_file = tmp_path / "doctrees" / "environment.pickle"
    with env_file.open("rb") as handle:
        env = pickle.load(handle)
    assert env.version["claimkb"] >= 1
    env.version["claimkb"] = -1  # as written by an older claimkb
    env_file.write_bytes(pickle.dumps(env))
    rerun = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-n",
            "-b",
            "html",
            "-d",
            str(tmp_path / "doctrees"),
            str(src),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "extensions changed" in rerun.stdout or "version" in rerun.stdout
    assert "3 added" in rerun.stdout  # every page read again, nothing trusted


def test_corrupt_environment_is_discarded(tmp_path):
    src = copy_in_order(ROOTS / "test-basic", tmp_path / "src", False)
    out = tmp_path / "out"
    assert sphinx(src, out, "-d", str(tmp_path / "doctrees")).returncode == 0
    (tmp_path / "doctrees" / "environment.pickle").write_bytes(b"not a pickle")
    rerun = sphinx(src, out, "-d", str(tmp_path / "doctrees"))
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    clean = tmp_path / "clean"
    assert sphinx(src, clean).returncode == 0
    assert site(out) == site(clean)
