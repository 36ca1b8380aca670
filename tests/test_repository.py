"""The repository's own knowledge base is valid, lint-clean and canonically formatted."""

from __future__ import annotations

import pytest

from claimkb.cli import main
from conftest import REPO

#: the day the ledger's prices were last reviewed: lint's stale-current rule counts a price's
#: age from it here, so this test does not start failing as the calendar moves on; the weekly
#: workflow (.github/workflows/weekly-drift.yml) runs lint against the real date
REVIEWED = "2026-12-06"


@pytest.mark.parametrize(
    "command", [["validate"], ["lint", "--today", REVIEWED], ["fmt", "--check"]]
)
def test_repository_passes(command, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    status = main(command)
    output = capsys.readouterr()
    assert status == 0, output.out + output.err
