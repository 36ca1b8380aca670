"""What every command needs: the project root and its folders, `--root`, usage errors, paths as
people read them, and files written in one step."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

DOCS_DIR = "docs"


class UsageError(Exception):
    """A command cannot run as asked (no project, a bad flag value, an unreadable input): `main`
    reports it once, `claimkb CMD: error: ...` and a hint, and exits with `status`."""

    def __init__(self, message: str, hint: str = "", status: int = 2):
        super().__init__(message)
        self.message, self.hint, self.status = message, hint, status


def report_usage_error(command: str, error: UsageError) -> int:
    for line in error.message.splitlines() or [""]:
        print(f"claimkb {command}: error: {line}", file=sys.stderr)
    if error.hint:
        print(f"claimkb {command}: hint: {error.hint}", file=sys.stderr)
    return error.status


def add_root_argument(parser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        help="project root, the folder with schema/ and claims/ (default: found upward from here)",
    )


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding both `schema/` and `claims/`."""
    for folder in (start, *start.parents):
        if (folder / "schema").is_dir() and (folder / "claims").is_dir():
            return folder
    return None


def project_root(given: Path | None, paths: Sequence[Path] = ()) -> Path:
    """The root a command works in (given, or found upward from here), with the paths it names
    checked to exist; UsageError, with a hint, otherwise."""
    root = given or find_root(Path.cwd())
    if root is None or not (root / "schema").is_dir():
        raise UsageError(
            f"{given or Path.cwd()} is not in a project "
            "(no folder with schema/ and claims/ at or above)",
            "run it inside the repository or pass --root DIR",
        )
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    return root.resolve()


@dataclass(frozen=True)
class Project:
    """A project's folders, as its site's `conf.py` sets them (`claimkb_schema_dir`,
    `claimkb_collections_dir`, relative to `docs/`), and the rest of that configuration."""

    root: Path
    conf: dict

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(root, read_conf(root / DOCS_DIR))

    @property
    def docs(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def schema_dir(self) -> Path:
        return (self.docs / self.conf.get("claimkb_schema_dir", "../schema")).resolve()

    @property
    def collections_dir(self) -> Path:
        return (self.docs / self.conf.get("claimkb_collections_dir", "../claims")).resolve()

    def collection_files(self) -> list[Path]:
        return sorted(self.collections_dir.glob("*.yaml"))


def read_conf(docs: Path) -> dict:
    """The namespace of `docs/conf.py`, read as Sphinx reads it ({} without one)."""
    conf_py = docs / "conf.py"
    if not conf_py.is_file():
        return {}
    try:
        return eval_config_file(conf_py, Tags())
    except ConfigError as error:
        raise UsageError(f"cannot read {conf_py}: {error}") from None


def display_path(path: str | Path) -> str:
    """Relative to the working directory when the file is below it, as compilers print paths."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def write_atomically(path: Path, content: bytes) -> None:
    """Write the file in one step: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
