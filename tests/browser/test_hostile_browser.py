"""In a real browser, hostile values in records never run: no dialog opens on any page or search."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_no_page_and_no_search_runs_a_value(hostile_tab, hostile_site):
    _, outdir = hostile_site
    dialogs: list[str] = []
    hostile_tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html"))
    assert "kb/entity/mallory.html" in paths
    for path in paths:
        hostile_tab.goto(path)
        if path.startswith("c/"):  # a claim's share page: it sends the reader on to the card
            hostile_tab.page.wait_for_url(lambda url: "/c/" not in url)
            hostile_tab.page.wait_for_load_state("load")
            assert hostile_tab.page.url.endswith(f"#claim-{path[2:].removesuffix('.html')}")
    for query in ("mallory", "script", "onerror", "calc"):
        hostile_tab.goto(f"search.html?q={query}")
        hostile_tab.page.wait_for_function(
            "() => { const s = document.querySelector('#search-results .search-summary');"
            " return s !== null && s.textContent.trim().length > 0; }"
        )
    hostile_tab.screenshot("hostile-search")
    assert dialogs == []
    assert [e for e in hostile_tab.errors if "favicon.ico" not in e] == []
