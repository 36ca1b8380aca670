"""`claimkb import genai-prices` and `claimkb drift genai-prices` on a tiny data set in the
package's own types (tests/genai_prices_fixture.py): same bytes twice, the labs' own models only,
existing entities reused, price history dated, known errors left out and said, a wrong price
reported, a checked one not failing; and the real ledger's drift report as the site shows it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from claimkb.cli import main
from conftest import REPO
from kb_project import copy_project

FIXTURE = "genai_prices_fixture"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project("genai-prices", tmp_path)


def run_import(project: Path, *extra: str) -> int:
    return main(["import", "genai-prices", "--root", str(project), "--dataset", FIXTURE, *extra])


def collection(project: Path) -> dict:
    return yaml.safe_load((project / "claims" / "genai-prices.yaml").read_text(encoding="utf-8"))


def test_import_twice_gives_the_same_bytes(project, capsys):
    assert run_import(project) == 0
    first = (project / "claims" / "genai-prices.yaml").read_bytes()
    assert run_import(project) == 0
    assert (project / "claims" / "genai-prices.yaml").read_bytes() == first
    assert "is up to date" in capsys.readouterr().out
    assert b"Copyright (c) the fixture's authors" in first  # the licence notice is kept


def test_import_maps_models_and_history(project, capsys):
    assert run_import(project) == 0
    data = collection(project)
    claims = {c["id"]: c for c in data["claims"]}
    entities = {e["id"]: e for e in data["entities"]}
    # existing entities reused (o3 by id, claude-opus-4-1 by id), new ones linked to their lab
    assert "o3" not in entities and "claude-opus-4-1" not in entities
    assert entities["gpt-5"]["parent"] == "openai"
    assert entities["gpt-5"]["aliases"] == ["gpt-5-2025-08-07"]
    assert entities["gemini-2-5-pro"]["parent"] == "google"  # the lab is created when missing
    assert {e["id"] for e in data["entities"]} >= {"google", "pydantic"}
    # only the labs' own text models: no reseller, no other maker's model, no audio model
    subjects = {c["subject"][0] for c in claims.values()}
    assert "claude-3-haiku" not in subjects and "gpt-4o-audio-preview" not in subjects
    assert sum(c["subject"] == ["claude-opus-4-1"] for c in claims.values()) == 3
    # a dated price change: the old price ends the day before, and is superseded
    old = claims["genai-prices-o3-input-before-2025-06-10"]
    new = claims["genai-prices-o3-input-from-2025-06-10"]
    assert (old["value"], old["period"], old["status"]) == (10, "2025-06-09", "superseded")
    assert (new["value"], new["period"], new["supersedes"]) == (
        2,
        "2025-06-10/2026-11-19",
        [old["id"]],
    )
    assert "status" not in new and "period" not in claims["genai-prices-gpt-5-input"]
    # the basic tier of a tiered price; every claim cites the data set and the lab's page
    assert claims["genai-prices-gemini-2-5-pro-input"]["value"] == 1.25
    assert all(c["source"] == "genai-prices" for c in claims.values())
    assert claims["genai-prices-gpt-5-input"]["also"] == ["openai-api-pricing-page"]
    assert all(c["as_of"] == "2026-11-19" for c in claims.values())
    out = capsys.readouterr().out
    assert "not imported: deepseek/deepseek-chat: known error: the data set keeps" in out
    assert "gpt-6-future: its price from 2027-01-01 was not in force" in out
    assert "known error no longer in the data set: deepseek/deepseek-reasoner" in out
    assert not any("deepseek" in s for s in subjects)


def test_imported_claims_validate(project, capsys):
    assert run_import(project) == 0
    page = project / "docs" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n```{claim-collection} genai-prices\n```\n"
    )
    capsys.readouterr()
    assert main(["validate", "--root", str(project)]) == 0, capsys.readouterr().out


def test_unknown_provider_is_a_located_usage_error(project, capsys):
    assert run_import(project, "--provider", "openrouter") == 2
    err = capsys.readouterr().err
    assert "claimkb import: error: unknown provider 'openrouter'" in err
    assert "hint: use one of openai, anthropic" in err
    assert "Traceback" not in err


def test_bad_flag_is_refused_by_the_parser(project, capsys):
    with pytest.raises(SystemExit) as raised:
        run_import(project, "--providers", "openai")
    assert raised.value.code == 2
    assert "unrecognized arguments: --providers" in capsys.readouterr().err


def test_a_file_edited_by_hand_is_never_overwritten(project, capsys):
    assert run_import(project) == 0
    target = project / "claims" / "genai-prices.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("value: 10\n", "value: 11\n"))
    before = target.read_bytes()
    assert run_import(project) == 2
    assert "edited since the importer wrote it; refusing to overwrite it" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_only_the_providers_asked_for(project):
    assert run_import(project, "--provider", "anthropic") == 0
    subjects = {c["subject"][0] for c in collection(project)["claims"]}
    assert subjects == {"claude-opus-4-1"}


def drift(project: Path, capsys, *extra: str) -> tuple[int, str]:
    status = main(["drift", "genai-prices", "--root", str(project),
                   "--dataset-module", FIXTURE, *extra])  # fmt: skip
    return status, capsys.readouterr().out


def test_drift_reports_a_wrong_price_and_not_a_checked_one(project, capsys):
    status, out = drift(project, capsys)
    assert status == 1
    assert (
        "docs/index.md:3: o3-input-price-july-2025: claim $3 on 2025-07-01; openai/o3 $2 "
        "(from 2025-06-10)" in out.split("\n\ndiffers, claim checked")[0]
    )
    assert (
        "claude-opus-4-1-output-price: claim $80 on 2025-08-05; anthropic/claude-opus-4-1 $75"
        in out
    )
    assert "checked against its own source on 2026-12-06" in out
    assert "mystery-model-input-price: mystery-model names no model of the data set" in out
    assert "agrees: o3-output-price-july-2025" in out


def test_drift_passes_once_the_wrong_price_is_fixed(project, capsys):
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace(":value: 3\n", ":value: 2\n", 1))
    status, out = drift(project, capsys)
    assert status == 0
    assert "0 DIFFERS (unexplained)" in out


def test_drift_json_has_both_values_and_dates(project, capsys):
    status, out = drift(project, capsys, "--format", "json")
    import json

    data = json.loads(out)
    wrong = next(c for c in data["comparisons"] if c["claim"] == "o3-input-price-july-2025")
    assert (wrong["value"], wrong["date"], wrong["dataset_value"], wrong["dataset_start"],
            wrong["verdict"]) == ("3", "2025-07-01", "2", "2025-06-10", "differs")  # fmt: skip
    assert data["dataset"]["version"] == "0.0.1-fixture"


def test_the_sites_drift_reports_are_up_to_date(tmp_path, capsys):
    """docs/data shows the reports: regenerated, they are the same bytes."""
    real = tmp_path / "real.txt"
    main(["drift", "genai-prices", "--root", str(REPO), "--output", str(real)])
    assert real.read_text() == (REPO / "docs" / "data" / "genai-prices-drift.txt").read_text()
    demo = copy_project("genai-prices", tmp_path)
    shutil.rmtree(demo / "claims" / "__pycache__", ignore_errors=True)
    out = tmp_path / "demo.txt"
    main(["drift", "genai-prices", "--root", str(demo), "--dataset-module", FIXTURE,
          "--output", str(out)])  # fmt: skip
    assert out.read_text() == (REPO / "docs" / "data" / "genai-prices-drift-demo.txt").read_text()


def test_the_real_ledger_has_no_unexplained_drift(capsys):
    status = main(["drift", "genai-prices", "--root", str(REPO)])
    out = capsys.readouterr().out
    assert status == 0, out
