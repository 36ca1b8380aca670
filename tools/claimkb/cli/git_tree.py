"""A project as a git revision holds it, read from git's objects without checking anything out:
`git ls-tree` lists the revision's files, `git cat-file --batch` reads many of them in one call.
Every path is the one the file has in the working tree, so records and findings read at a revision
name the same files as those read from the disk.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from sphinx.util.matching import compile_matchers

from ..core.collection_reader import CollectionError, decode_text, read_text
from ..core.schema import Schemas
from .common import UsageError, read_conf

#: the branches `claimkb diff` compares with when no BASE is given, in this order
DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")
#: files a knowledge base is read from: configuration, schemas, collections, pages
PREFETCHED = ("conf.py", ".schema.json", ".yaml", ".md")
SHALLOW_HINT = (
    "this clone is shallow: fetch the history (`git fetch --unshallow`; in GitHub Actions, "
    "actions/checkout with `fetch-depth: 0`)"
)


class GitRepository:
    """The git repository a project root is in; UsageError when there is none."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        found = self.git("rev-parse", "--show-toplevel", cwd=self.root, check=False)
        if found.returncode != 0:
            raise UsageError(
                f"{self.root} is not in a git repository",
                "claimkb diff compares git revisions: run it in a clone of the repository",
            )
        self.top = Path(found.stdout.decode().strip()).resolve()

    def git(self, *args: str, cwd: Path | None = None, input: bytes | None = None, check=True):
        """`git ARGS` in the repository; its output as bytes. UsageError if git fails."""
        try:
            result = subprocess.run(
                ["git", *args], cwd=cwd or self.top, input=input, capture_output=True
            )
        except FileNotFoundError:
            raise UsageError("git is not installed", "install git to compare revisions") from None
        if check and result.returncode != 0:
            message = result.stderr.decode(errors="replace").strip() or f"git {args[0]} failed"
            raise UsageError(message.splitlines()[-1])
        return result

    @property
    def shallow(self) -> bool:
        found = self.git("rev-parse", "--is-shallow-repository", check=False)
        return found.stdout.decode().strip() == "true"

    def commit(self, revision: str) -> str:
        """The commit `revision` names; UsageError (with a hint) when it names none."""
        if revision.startswith("-"):
            raise UsageError(f"{revision!r} is not a revision")
        found = self.git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
        if found.returncode != 0:
            hint = SHALLOW_HINT if self.shallow else "name a branch, a tag or a commit"
            raise UsageError(f"unknown revision {revision!r}", hint)
        return found.stdout.decode().strip()

    def default_base(self) -> tuple[str, str]:
        """(label, commit) of the merge base of HEAD with the default branch: the first of
        `DEFAULT_BRANCHES` that exists."""
        for branch in DEFAULT_BRANCHES:
            found = self.git(
                "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}", check=False
            )
            if found.returncode == 0:
                break
        else:
            raise UsageError(
                "no default branch to compare with (none of "
                + ", ".join(DEFAULT_BRANCHES)
                + " exists)",
                "give the revision to compare with: claimkb diff BASE",
            )
        head = self.commit("HEAD")
        base = self.git("merge-base", branch, head, check=False)
        if base.returncode != 0:
            hint = SHALLOW_HINT if self.shallow else "give the revision to compare with"
            raise UsageError(f"no common ancestor of {branch} and HEAD", hint)
        return f"merge base with {branch}", base.stdout.decode().strip()

    def tree(self, commit: str) -> GitTree:
        return GitTree(self, commit)


class GitTree:
    """The files of one commit below the repository, as a `knowledge_base.Source`; a path outside
    the repository (a schema folder elsewhere) is read from the disk."""

    def __init__(self, repository: GitRepository, commit: str):
        self.repository, self.commit = repository, commit
        listing = repository.git("ls-tree", "-r", "-z", "--full-tree", commit).stdout
        #: path relative to the repository (posix) -> blob id, regular files only
        self.blobs: dict[str, str] = {}
        for entry in listing.decode("utf-8", errors="surrogateescape").split("\0"):
            head, _, path = entry.partition("\t")
            mode, kind, sha = (head.split() + ["", "", ""])[:3]
            if kind == "blob" and mode != "120000":
                self.blobs[path] = sha
        self.contents: dict[str, bytes] = {}

    def relative(self, path: Path) -> str | None:
        path = Path(path)
        if not path.is_relative_to(self.repository.top):
            return None
        return path.relative_to(self.repository.top).as_posix()

    # --- FileSource -----------------------------------------------------------------------
    def glob(self, directory: Path, pattern: str) -> list[Path]:
        where = self.relative(directory)
        if where is None:
            return sorted(directory.glob(pattern)) if directory.is_dir() else []
        found = [
            directory / PurePosixPath(name).name
            for name in self.blobs
            if str(PurePosixPath(name).parent) == (where or ".")
            and PurePosixPath(name).match(pattern)
        ]
        self.fetch(found)
        return sorted(found)

    def read_text(self, path: Path) -> str:
        name = self.relative(path)
        if name is None:
            return read_text(path)
        self.fetch([path])
        if name not in self.contents:
            raise CollectionError(f"cannot read file: not in commit {self.commit[:12]}")
        return decode_text(self.contents[name])

    # --- the rest of a Source ---------------------------------------------------------------
    def conf(self, docs: Path) -> dict:
        name = self.relative(docs / "conf.py")
        if name is None:
            return read_conf(docs)
        self.fetch([docs / "conf.py"])
        if name not in self.contents:
            return {}
        with tempfile.TemporaryDirectory(prefix="claimkb-conf-") as folder:
            (Path(folder) / "conf.py").write_bytes(self.contents[name])
            try:
                return read_conf(Path(folder))
            except UsageError as error:  # named by its place in the repository, not the copy's
                raise UsageError(
                    error.message.replace(str(Path(folder) / "conf.py"), name)
                ) from None

    def schemas(self, directory: Path) -> Schemas:
        if self.relative(directory) is None:
            return Schemas(directory)
        documents = {
            path.name.removesuffix(".schema.json"): json.loads(self.read_text(path))
            for path in self.glob(directory, "*.schema.json")
        }
        return Schemas(directory, documents)

    def pages(
        self, docs: Path, include: Iterable[str], exclude: Iterable[str], suffix: str
    ) -> list[str]:
        where = self.relative(docs)
        if where is None:
            return []
        prefix = f"{where}/" if where else ""
        included, excluded = compile_matchers(include), compile_matchers(exclude)
        found = []
        for name in sorted(self.blobs):
            if not name.startswith(prefix):
                continue
            relative = name[len(prefix) :]
            parts = relative.split("/")
            folders = ["/".join(parts[:i]) for i in range(1, len(parts))]
            if any(match(folder) for folder in folders for match in excluded):
                continue
            if not relative.endswith(suffix) or not any(m(relative) for m in included):
                continue
            if not any(match(relative) for match in excluded):
                found.append(relative)
        self.fetch([docs / name for name in found])
        return found

    def fetch(self, paths: Iterable[Path]) -> None:
        """Read the blobs of `paths` not read yet, all in one `git cat-file --batch`; the first
        time, with every file of the project a knowledge base is read from, so that one call
        usually reads them all."""
        names = {self.relative(p) for p in paths}
        if not self.contents:
            prefix = self.relative(self.repository.root) or ""
            names |= {
                name for name in self.blobs if name.startswith(prefix) and name.endswith(PREFETCHED)
            }
        wanted = sorted(n for n in names if n in self.blobs and n not in self.contents)
        if not wanted:
            return
        shas = [self.blobs[n] for n in wanted]
        output = self.repository.git("cat-file", "--batch", input="\n".join(shas).encode() + b"\n")
        data, at = output.stdout, 0
        for name in wanted:  # "<sha> blob <size>\n<content>\n", or "<sha> missing\n"
            end = data.index(b"\n", at)
            header = data[at:end].split()
            if len(header) < 3:
                at = end + 1
                continue
            size = int(header[2])
            self.contents[name] = data[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
