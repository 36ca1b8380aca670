import os
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent

# Test roots are copied to a temporary folder before they build; their conf.py finds the
# repository's schemas through this variable.
os.environ["CLAIMKB_SCHEMA_DIR"] = str(REPO / "schema")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def pytest_addoption(parser):
    parser.addoption(
        "--stateful-steps",
        type=int,
        default=int(os.environ.get("CLAIMKB_STATEFUL_STEPS", "30")),
        help="steps of the incremental-equals-clean state machine (default 30)",
    )
    parser.addoption(
        "--fuzz-builds",
        type=int,
        default=int(os.environ.get("CLAIMKB_FUZZ_BUILDS", "3")),
        help="builds of the fuzz test of the views, each with some 85 hostile records (default 3)",
    )
