"""`claimkb import epoch`: one claim per non-empty cost cell, exactly its value, same bytes twice,
never overwriting or clashing with what people wrote."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claimkb.cli import main
from claimkb.core.canonical_form import canonical_text
from claimkb.core.collection_reader import parse_yaml
from claimkb.core.schema import load_schemas
from claimkb.importers.epoch.collection import MARKER
from claimkb.importers.epoch.data import COST_COLUMNS
from claimkb.importers.generated import SCHEMA_LINE
from conftest import REPO
from helpers import build_once, warnings_of
from kb_project import copy_project

METHODS = {column: method for column, method, *_ in COST_COLUMNS}
SHARED_EPOCH = REPO.parent / "shared" / "data" / "epoch"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project("epoch", tmp_path)


def run_import(project: Path, *extra: str) -> int:
    return main([
        "import", "epoch", "--root", str(project),
        "--csv", str(project / "data" / "model_costs.csv"),
        "--full-view", str(project / "data" / "full_view.csv"),
        *extra,
    ])  # fmt: skip


def output(project: Path) -> Path:
    return project / "claims" / "epoch-model-costs.yaml"


def cost_cells(path: Path) -> list[tuple[str, str, str]]:
    """(model, column, cell text) of every non-empty cost cell."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["Model"], column, row[column])
            for row in csv.DictReader(handle)
            for column in METHODS
            if row[column].strip()
        ]


def claims_by_cell(collection: dict) -> dict[tuple[str, str], dict]:
    """Claims keyed by (model, column), read back from the locator the importer writes."""
    found = {}
    for claim in collection["claims"]:
        locator = claim["locator"]  # "model_costs.csv, row <model>, column <column>"
        model = locator.split(", row ", 1)[1].rsplit(", column ", 1)[0]
        found[(model, locator.rsplit(", column ", 1)[1])] = claim
    return found


def assert_reproduces(collection: dict, costs_csv: Path) -> None:
    cells = cost_cells(costs_csv)
    claims = claims_by_cell(collection)
    assert len(collection["claims"]) == len(cells) == len(claims)
    for model, column, text in cells:
        claim = claims[(model, column)]
        assert claim["value"] == float(text), (model, column)
        assert claim["method"] == METHODS[column]
        assert claim["scope"] == "final-training-run"
        assert claim["metric"] == "cost"
        assert claim["confidence"] == "likely"
        assert claim["claimant"] == "epoch-ai"


def test_one_claim_per_non_empty_cell_with_its_exact_value(project, capsys):
    assert run_import(project) == 0
    text = output(project).read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_LINE + "\n" + MARKER + "\n")
    assert canonical_text(text, load_schemas(REPO / "schema")) == text  # `claimkb fmt` keeps it
    collection = parse_yaml(text)
    assert_reproduces(collection, project / "data" / "model_costs.csv")
    assert len(collection["claims"]) == 11
    # the value is written as in the CSV, not rounded
    assert "value: 252065.08800000002\n" in text
    assert "wrote" in capsys.readouterr().out


def test_entities_sources_and_dates(project):
    assert run_import(project) == 0
    collection = parse_yaml(output(project).read_text(encoding="utf-8"))
    entities = {e["id"]: e for e in collection["entities"]}
    claims = {c["id"]: c for c in collection["claims"]}
    # existing model and organization (by alias) are referenced, not redefined
    assert "gpt-4" not in entities and "openai" not in entities and "google" not in entities
    assert claims["epoch-gpt-4-final-run-cloud"]["subject"] == ["gpt-4"]
    assert entities["gemini-1-0-ultra"]["parent"] == "google"
    # new models get their first organization as parent, created once
    assert entities["alphago-lee"] == {
        "id": "alphago-lee",
        "name": "AlphaGo Lee",
        "type": "model",
        "parent": "deepmind",
        "description": "AI model published on 2016-01-27 by DeepMind, per Epoch AI's database.",
    }
    assert entities["meta-pseudo-labels"]["parent"] == "google-brain"
    assert entities["deepmind"]["type"] == "company"
    assert "nobody" not in entities and "not-estimated" not in entities  # no cost, no entity
    # the period is the publication date, as_of the data set's, dollars of December 2024;
    # the paper source already exists under another id
    alphago = claims["epoch-alphago-lee-final-run-amortized"]
    assert (alphago["period"], alphago["as_of"], alphago["price_year"]) == (
        "2016-01-27",
        "2025-07-04",
        2024,
    )
    assert {c["source"] for c in claims.values()} == {"rising-costs"}
    assert [s["id"] for s in collection["sources"]] == [  # canonical order: by id
        "epoch-ai-models-database",
        "epoch-training-cost-trends-data",
    ]
    assert (
        claims["epoch-gpt-4-final-run-cloud"]["price_year"] == 2024
    )  # see importers.epoch.collection.PRICE_YEAR


def test_second_run_gives_the_same_bytes(project, capsys):
    assert run_import(project) == 0
    first = output(project).read_bytes()
    assert run_import(project) == 0
    assert output(project).read_bytes() == first
    assert "up to date" in capsys.readouterr().out
    output(project).unlink()
    assert run_import(project) == 0
    assert output(project).read_bytes() == first


def test_refuses_to_overwrite_a_hand_written_file(project, capsys):
    hand_written = "# my own notes\nclaims: []\n"
    output(project).write_text(hand_written, encoding="utf-8")
    assert run_import(project) == 2
    assert output(project).read_text(encoding="utf-8") == hand_written
    err = capsys.readouterr().err
    assert "not written by the importer; refusing to overwrite it" in err
    assert "Traceback" not in err


def test_refuses_to_overwrite_a_generated_file_edited_by_hand(project, capsys):
    assert run_import(project) == 0
    edited = (
        output(project).read_text(encoding="utf-8").replace("value: 78562016.88093337", "value: 1")
    )
    output(project).write_text(edited, encoding="utf-8")
    assert run_import(project) == 2
    assert output(project).read_text(encoding="utf-8") == edited
    assert "edited since the importer wrote it; refusing to overwrite it" in capsys.readouterr().err


def test_refuses_an_id_used_in_a_page(project, capsys):
    page = project / "docs" / "mine.md"
    page.write_text(
        "# Mine\n\n```{claim} epoch-gpt-4-final-run-cloud\n:kind: fact\n:title: Taken\n"
        ":subject: gpt-4\n:claimant: epoch-ai\n:source: rising-costs\n\nA fact.\n```\n",
        encoding="utf-8",
    )
    assert run_import(project) == 1
    assert not output(project).exists()
    err = capsys.readouterr().err
    assert "the import would define claim id 'epoch-gpt-4-final-run-cloud' again" in err
    assert "mine.md:3;" in err
    assert "was not written" in err


def test_refuses_an_id_used_in_another_collection(project, capsys):
    assert run_import(project) == 0
    before = output(project).read_bytes()
    (project / "claims" / "other.yaml").write_text(
        "claims:\n  - id: epoch-bloom-176b-final-run-cloud\n    kind: fact\n    title: Taken\n"
        "    subject: [gpt-4]\n    claimant: epoch-ai\n    source: rising-costs\n"
        "    text: A fact.\n",
        encoding="utf-8",
    )
    assert run_import(project) == 1
    assert output(project).read_bytes() == before
    err = capsys.readouterr().err
    assert "the import would define claim id 'epoch-bloom-176b-final-run-cloud' again" in err
    assert "other.yaml:2;" in err


def test_refuses_a_source_id_used_for_another_source(project, capsys):
    registry = project / "claims" / "registry.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "sources:\n",
            "sources:\n  - id: epoch-ai-models-database\n    title: Something else\n"
            "    url: https://example.org/else\n    published: 2024-01-01\n    type: paper\n",
        ),
        encoding="utf-8",
    )
    assert run_import(project) == 1
    assert not output(project).exists()
    err = capsys.readouterr().err
    assert "the import would define source id 'epoch-ai-models-database' again" in err
    assert "already defined at" in err and "registry.yaml:18;" in err


def test_refuses_a_model_whose_name_is_another_kind_of_entity(project, capsys):
    registry = project / "claims" / "registry.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "entities:\n", "entities:\n  - id: switch\n    name: Switch\n    type: hardware\n"
        ),
        encoding="utf-8",
    )
    (project / "data" / "model_costs.csv").write_text(
        "Model,Cloud_Cost,Hardware_Acquisition_Cost,Hardware_Capex_Energy_Cost\nSwitch,1,,\n",
        encoding="utf-8",
    )
    (project / "data" / "full_view.csv").write_text(
        "Model,Organization,Publication date,Organization categorization\n"
        "Switch,Google,2021-01-11,Industry\n",
        encoding="utf-8",
    )
    assert run_import(project) == 1
    assert "model 'Switch' would be entity 'switch', but that id or name is a hardware" in (
        capsys.readouterr().err
    )
    assert not output(project).exists()


@pytest.mark.parametrize(
    ("costs", "message"),
    [
        ("Model,Cloud_Cost,Hardware_Acquisition_Cost,Hardware_Capex_Energy_Cost\n"
         "GPT-4,$78M,,\n", "model_costs.csv:2: Cloud_Cost: '$78M' is not a number"),
        ("Model,Cloud_Cost,Hardware_Acquisition_Cost,Hardware_Capex_Energy_Cost\n"
         "GPT-4,nan,,\n", "model_costs.csv:2: Cloud_Cost: 'nan' is not a finite number"),
        ("Model,Cloud_Cost\nGPT-4,1\n", "missing column(s) Hardware_Acquisition_Cost"),
        ("Model,Cloud_Cost,Hardware_Acquisition_Cost,Hardware_Capex_Energy_Cost\n"
         "Unknown Model,1,,\n", "model 'Unknown Model' is not in the full view"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_error(project, capsys, costs, message):
    (project / "data" / "model_costs.csv").write_text(costs, encoding="utf-8")
    assert run_import(project) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not output(project).exists()


def test_imported_collection_builds_cleanly(project):
    assert run_import(project) == 0
    app = build_once(project / "docs")
    assert warnings_of(app) == []
    soup = BeautifulSoup(
        (Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    cards = soup.select(".claim-card")
    assert len(cards) == 11
    assert "$78.6M" in soup.select_one("#claim-epoch-gpt-4-final-run-cloud").get_text()
    rows = soup.select("table.claimkb-claims tbody tr")
    assert len(rows) == 4  # the cloud-rental claims only


@pytest.mark.skipif(not SHARED_EPOCH.is_dir(), reason="needs ../shared/data/epoch beside the repo")
def test_repository_collection_reproduces_the_shared_data(tmp_path):
    committed = REPO / "claims" / "epoch-model-costs.yaml"
    text = committed.read_text(encoding="utf-8")
    for _, _, cell in cost_cells(SHARED_EPOCH / "model_costs.csv"):
        assert f"    value: {cell}\n" in text  # written as in the CSV
    assert_reproduces(parse_yaml(committed.read_text(encoding="utf-8")),
                      SHARED_EPOCH / "model_costs.csv")  # fmt: skip
    # and it is exactly what the importer writes today
    copy = tmp_path / "repo"
    for folder in ("schema", "claims", "docs"):
        shutil.copytree(REPO / folder, copy / folder, ignore=shutil.ignore_patterns("_build"))
    code = main([
        "import", "epoch", "--root", str(copy),
        "--csv", str(SHARED_EPOCH / "model_costs.csv"),
        "--full-view", str(SHARED_EPOCH / "all_ml_systems_full_view.csv"),
    ])  # fmt: skip
    assert code == 0
    assert (copy / "claims" / "epoch-model-costs.yaml").read_bytes() == committed.read_bytes()
