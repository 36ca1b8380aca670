"""The repository's own knowledge base is valid, lint-clean and canonically formatted."""

from __future__ import annotations

import pytest

from claimkb.cli import main
from conftest import REPO


@pytest.mark.parametrize("command", [["validate"], ["lint"], ["fmt", "--check"]])
def test_repository_passes(command, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    status = main(command)
    output = capsys.readouterr()
    assert status == 0, output.out + output.err
