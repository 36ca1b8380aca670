"""How hundreds of claims are shown compactly: a collection as one table whose rows are the claims'
homes, the latest figures of chosen subjects, and the claim index (real builds of test-kb)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from helpers import build_once, copy_root, html, warnings_of

LATEST = """
## Latest

```{latest-figures}
:metric: cost
:scope: final-training-run
:latest: 2
```

```{latest-figures}
:subject: deepseek, openai
```
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_root("kb", tmp_path_factory.mktemp("listings"))
    costs = root / "costs.md"
    text = costs.read_text().replace(
        "```{claim-collection} epoch\n```", "```{claim-collection} epoch\n:layout: table\n```"
    )
    costs.write_text(text + LATEST)
    app = build_once(root)
    assert warnings_of(app) == []
    return app


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup(html(app, page), "html.parser")


def test_a_collection_table_row_is_the_claims_home(site):
    page = soup(site, "costs.html")
    table = page.select_one("table.claimkb-collection-table")
    rows = table.select("tbody tr")
    assert [r["id"] for r in rows] == ["claim-gpt-4-final-run-cost", "claim-gpt-3-final-run-cost"]
    assert page.select("div.claim-card") == []  # no card per claim
    # what every claim shares is said once; the columns are what differs
    shared = page.select_one(".claimkb-shared").get_text(" ", strip=True)
    assert "Scope: Final training run" in shared
    assert "Claimed by: Epoch AI" in shared
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers[:2] == ["About", "Value"]
    assert "Scope" not in headers and "Claimed by" not in headers
    first = rows[0].select("td")
    # what differs but matters less (when it was said, the year of its dollars) goes under the
    # first cell, so that the columns stay few and the value whole on a phone
    detail = first[0].select_one("span").extract().get_text(strip=True)
    assert detail == "2024-06"
    assert [td.get_text(strip=True) for td in first[:2]] == ["GPT-4", "$78.4M"]
    # links to the claim from elsewhere lead to its row
    tables = soup(site, "tables.html")
    assert tables.select_one("a[href='costs.html#claim-gpt-4-final-run-cost']") is not None


def test_latest_figures_take_the_latest_period_of_each_subject(site):
    page = soup(site, "costs.html")
    first, second = page.select("ul.claimkb-latest")
    items = [li.get_text(" ", strip=True) for li in first.select("li")]
    # the two subjects whose final-run figures are the latest: GPT-4 (2024-06) and DeepSeek-V3
    # (2024-12-27, no period: placed when stated); GPT-3 (2020) is older
    assert len(items) == 2
    assert items[0].startswith("DeepSeek-V3")
    assert items[1].startswith("GPT-4")
    # without a metric or a scope: each subject's newest figure, one line each, naming its pair
    lines = [li.get_text(" ", strip=True) for li in second.select("li")]
    assert [line.split(" · ")[0] for line in lines] == ["DeepSeek", "OpenAI"]
    assert all(": " in line.split(" · ")[1] for line in lines)
    link = first.select_one("a")["href"]
    assert link.endswith("#claim-deepseek-v3-final-run-cost")


def test_claim_index_reads_as_text_with_values(site):
    page = soup(site, "claim-index.html")
    section = page.select_one("section.claimkb-index")
    assert section.select("code") == []  # titles in the text's font
    assert "with its value and who says so" in section.select_one("p").get_text()
    entities = [h.get_text(strip=True) for h in section.select("h3.claimkb-index-entity")]
    assert "DeepSeek-V3" in entities
    deepseek_v3 = next(
        h
        for h in section.select("h3.claimkb-index-entity")
        if h.get_text(strip=True) == "DeepSeek-V3"
    )
    item = deepseek_v3.find_next_sibling("ul").select_one("li")
    assert item.select_one(".claimkb-index-value").get_text() == "$5.58M"
    assert "claimed by DeepSeek" in item.get_text()
