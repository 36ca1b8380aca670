import multiprocessing
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

# A build with an address (sphinx-sitemap) starts a multiprocessing Manager. Forked from a pytest
# worker where Playwright's threads hold locks, that process can hang, and the worker never
# ends (a CI run waited 12 minutes after its last test): Managers and Pools start fresh
# interpreters instead. Sphinx's own parallel builds ask for "fork" explicitly and run in
# processes of their own (`helpers.sphinx_build`).
multiprocessing.set_start_method("spawn", force=True)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent

# Test roots are copied to a temporary folder before they build; their conf.py finds the
# repository's schemas through this variable.
os.environ["CLAIMKB_SCHEMA_DIR"] = str(REPO / "schema")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@dataclass(frozen=True)
class SiteBuild:
    """A `sphinx-build` of the repository's own site, in a process of its own: where it wrote,
    and what it said (its stderr holds the warnings, without colours)."""

    outdir: Path
    returncode: int
    stderr: str

    @property
    def written(self) -> bool:
        return (self.outdir / "index.html").is_file()


def build_real_site(outdir: Path, *options: str) -> SiteBuild:
    command = [sys.executable, "-m", "sphinx", "-q", "--no-color", "-b", "html", *options]
    result = subprocess.run(
        [*command, str(REPO / "docs"), str(outdir)], capture_output=True, text=True, check=False
    )
    return SiteBuild(outdir, result.returncode, result.stderr)


@pytest.fixture(scope="session")
def real_site_dir(tmp_path_factory) -> Path:
    """Where the real site's editions are built for the session: English at the root, French in
    `fr/`, as `make html` and `make html-fr` place them."""
    return tmp_path_factory.mktemp("ledger")


@pytest.fixture(scope="session")
def french_edition(real_site_dir) -> SiteBuild:
    """`make html-fr`, strict (`-W --keep-going -n`), built once per session: the slowest build
    of the suite. `tests/test_translations.py` holds it to zero warnings; the browser tests serve
    it beside the English edition."""
    return build_real_site(real_site_dir / "fr", "-W", "--keep-going", "-n", "-D", "language=fr")


#: fixtures built once per session and shared by several modules: the real site's editions,
#: the browser tests' sites and Chromium
SESSION_BUILDS = {
    "french_edition",
    "real_site",
    "bilingual_site",
    "site",
    "hostile_site",
    "browser",
}


def pytest_collection_modifyitems(config, items):
    """For pytest-xdist's `--dist loadgroup` (`make test`): the tests of one module stay in one
    worker, so that its module-scoped builds are built once, and so do all the tests that share
    a session build (the strict French edition is built once per session, not once per worker)."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            shared = SESSION_BUILDS & set(getattr(item, "fixturenames", ()))
            group = "session-builds" if shared else item.nodeid.split("::")[0]
            item.add_marker(pytest.mark.xdist_group(group))


def pytest_addoption(parser):
    parser.addoption(
        "--stateful-steps",
        type=int,
        # 160: what a run needs to change every schema field (tests/test_stateful.py, CI_STEPS)
        default=int(os.environ.get("CLAIMKB_STATEFUL_STEPS", "160")),
        help="steps of the incremental-equals-clean state machine (default 160)",
    )
    parser.addoption(
        "--fuzz-builds",
        type=int,
        default=int(os.environ.get("CLAIMKB_FUZZ_BUILDS", "3")),
        help="builds of the fuzz test of the views, each with some 85 hostile records (default 3)",
    )
