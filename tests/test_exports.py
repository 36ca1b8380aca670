"""claims.json, claims.csv and the JSON-LD of each page, from real builds of `test-exports`.

The root is hostile on purpose: titles, names and quotes that try to end the `<script>` holding
the JSON-LD or to run as spreadsheet formulas, and a negative value.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from claimkb.core.schema import load_schemas
from claimkb.views.exports import CSV_COLUMNS, FORMULA_TRIGGERS, NUMERIC_COLUMNS, neutralise
from conftest import REPO, ROOTS
from helpers import html, warnings_of

HOSTILE_TITLE = "</script><!-- =cmd|' /C calc'!A0"


@pytest.fixture
def built(app):
    app.build()
    return app


def exported(app) -> tuple[dict, list[dict[str, str]]]:
    out = Path(app.outdir)
    data = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((out / "claims.csv").read_text(encoding="utf-8"))))
    return data, rows


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


@pytest.mark.sphinx("html", testroot="exports")
def test_claims_json_validates_and_resolves_every_claim(built):
    assert warnings_of(built) == []
    data, _ = exported(built)
    schema = load_schemas(REPO / "schema")
    Draft202012Validator.check_schema(schema.documents["export"])
    errors = [error.message for error in schema.validators["export"].iter_errors(data)]
    assert errors == []
    ids = [claim["id"] for claim in data["claims"]]
    assert (
        ids == sorted(ids) == ["deepseek-v3-final-run-cost", "hostile-title", "nvidia-one-day-loss"]
    )
    assert data["count"] == 3
    claims = by_id(data["claims"])
    final_run = claims["deepseek-v3-final-run-cost"]
    assert final_run["value"] == 5576000 and final_run["value_text"] == "$5.58M"
    assert final_run["metric"] == {"id": "cost", "name": "Cost", "unit": "USD", "pint_unit": "USD"}
    assert final_run["subject"] == [
        {"id": "deepseek", "name": "DeepSeek", "aliases": ["Hangzhou DeepSeek"], "type": "lab"}
    ]
    assert final_run["source"]["title"] == "DeepSeek-V3 Technical Report"
    assert final_run["source"]["url"] == "https://arxiv.org/abs/2412.19437"
    assert [s["id"] for s in final_run["also"]] == ["hostile-source"]
    assert final_run["url"] == "index.html#claim-deepseek-v3-final-run-cost"
    # a collection claim, shown by a claim-collection directive on another page
    loss = claims["nvidia-one-day-loss"]
    assert loss["page"] == "market" and loss["url"] == "market.html#claim-nvidia-one-day-loss"
    assert loss["value"] == -589000000000 and loss["claimant"]["name"].startswith("</script>")
    assert claims["hostile-title"]["title"] == HOSTILE_TITLE
    # every url points at a card that exists
    for claim in data["claims"]:
        page, anchor = claim["url"].split("#")
        assert BeautifulSoup(html(built, page), "html.parser").find(id=anchor) is not None


@pytest.mark.sphinx("html", testroot="exports")
def test_csv_neutralises_formulas_and_keeps_numbers(built):
    data, rows = exported(built)
    header = (Path(built.outdir) / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(CSV_COLUMNS)
    assert [row["id"] for row in rows] == [claim["id"] for claim in data["claims"]]
    for row in rows:
        for column, cell in row.items():
            if column not in NUMERIC_COLUMNS:
                assert not cell.startswith(FORMULA_TRIGGERS), (row["id"], column, cell)
    loss = by_id(rows)["nvidia-one-day-loss"]
    assert loss["title"] == "'-17% in a day: NVIDIA's record one-day loss"
    assert loss["text"] == "'=1+1 is what a spreadsheet would compute."
    assert loss["quote"] == "'@SUM(A1:A9)"
    assert loss["locator"] == "'+1 page"
    assert loss["value"] == "-589000000000"  # a number stays a number, sign included
    assert loss["value_text"] == "−$589B"
    final_run = by_id(rows)["deepseek-v3-final-run-cost"]
    assert final_run["subject_names"] == "DeepSeek" and final_run["unit"] == "USD"
    assert final_run["source_title"] == "DeepSeek-V3 Technical Report"


@given(st.text())
def test_neutralise_loses_nothing_and_never_starts_a_formula(cell):
    safe = neutralise(cell)
    assert not safe.startswith(FORMULA_TRIGGERS)
    assert safe == cell or safe == "'" + cell


def json_ld_scripts(page_html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)


@pytest.mark.sphinx("html", testroot="exports")
def test_json_ld_cannot_break_out_of_its_script(built):
    page = html(built, "index.html")
    scripts = json_ld_scripts(page)
    assert len(scripts) == 1
    raw = scripts[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    # the parser sees one script whose text is exactly the JSON (nothing cut, nothing added)
    soup = BeautifulSoup(page, "html.parser")
    tags = soup.find_all("script", type="application/ld+json")
    assert len(tags) == 1 and tags[0].string == raw
    graph = json.loads(raw)
    assert graph["@context"] == "https://schema.org"
    nodes = {node["identifier"]: node for node in graph["@graph"]}
    assert sorted(nodes) == ["deepseek-v3-final-run-cost", "hostile-title"]
    hostile = nodes["hostile-title"]
    assert hostile["@type"] == "Claim" and hostile["name"] == HOSTILE_TITLE
    assert hostile["author"] == {
        "@type": "Person",
        "identifier": "mallory",
        "name": "</script><script>alert(1)</script>",
    }
    assert hostile["appearance"]["name"] == '<!-- =HYPERLINK("https://evil.example") -->'
    assert hostile["@id"] == "#claim-hostile-title"
    final_run = nodes["deepseek-v3-final-run-cost"]
    assert final_run["appearance"] == {
        "@type": "CreativeWork",
        "name": "DeepSeek-V3 Technical Report",
        "url": "https://arxiv.org/abs/2412.19437",
        "datePublished": "2024-12-27",
        "publisher": {"@type": "Organization", "name": "arXiv"},
    }
    assert final_run["author"]["name"] == "DeepSeek"
    assert final_run["about"][0]["alternateName"] == ["Hangzhou DeepSeek"]
    assert final_run["description"] == (
        "Cost: $5.58M; scope: Final training run; method: Cloud-rental equivalent"
    )
    market = json.loads(json_ld_scripts(html(built, "market.html"))[0])
    assert [node["identifier"] for node in market["@graph"]] == ["nvidia-one-day-loss"]
    assert json_ld_scripts(html(built, "genindex.html")) == []


@pytest.mark.sphinx(
    "html", testroot="exports", confoverrides={"html_baseurl": "https://ledger.example/"}
)
def test_json_ld_ids_are_absolute_with_a_base_url(built):
    graph = json.loads(json_ld_scripts(html(built, "market.html"))[0])
    assert (
        graph["@graph"][0]["@id"] == "https://ledger.example/market.html#claim-nvidia-one-day-loss"
    )


@pytest.mark.sphinx("html", testroot="exports")
def test_external_links_get_noopener_noreferrer(built):
    soup = BeautifulSoup(html(built, "index.html"), "html.parser")
    external = soup.select("article a.reference.external, div.body a.reference.external")
    assert {a["href"] for a in external} >= {
        "https://arxiv.org/abs/2412.19437",
        "https://evil.example/report",
    }
    for link in external:
        assert set(link["rel"]) >= {"noopener", "noreferrer"}, link
    for link in soup.select("a.reference.internal"):
        assert not link.get("rel"), link


def sphinx(src: Path, out: Path, *options: str, seed: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-n", "-b", "html", *options, str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )
    assert result.returncode == 0, result.stderr


def exports_of(out: Path) -> dict[str, bytes]:
    files = {name: (out / name).read_bytes() for name in ("claims.json", "claims.csv")}
    for page in ("index.html", "market.html"):
        files[page] = "".join(json_ld_scripts((out / page).read_text(encoding="utf-8"))).encode()
    return files


@pytest.mark.slow
def test_exports_are_the_same_bytes_build_after_build_and_with_two_processes(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-exports", src)
    sphinx(src, tmp_path / "first", seed="1")
    sphinx(src, tmp_path / "second", seed="4242")
    sphinx(src, tmp_path / "parallel", "-j", "2", seed="7")
    first = exports_of(tmp_path / "first")
    assert all(first.values())
    assert exports_of(tmp_path / "second") == first
    assert exports_of(tmp_path / "parallel") == first
