"""Snapshots of what readers see: a claim card, a claims table, compare blocks and an entity page,
as read (the doctree before post-transforms) and as written (the HTML of the element).

A change to any of them shows in review as a diff of tests/test_snapshots/. When the change is
intended, rerun with `--force-regen` and commit the new files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from helpers import build_once, copy_root, html, warnings_of


class View(NamedTuple):
    page: str
    read: Callable[[nodes.Element], bool]  # its node(s) in the doctree as read
    written: str  # its element(s) in the HTML, a CSS selector


def tagged(tagname: str, claim: str | None = None) -> Callable[[nodes.Element], bool]:
    return lambda node: node.tagname == tagname and (claim is None or node["record"].id == claim)


VIEWS = {
    "card": View(
        "index",
        tagged("claim_node", "deepseek-v3-final-run-cost"),
        "div.claim-card#claim-deepseek-v3-final-run-cost",
    ),
    "table": View("views", tagged("claims_node"), "div.claimkb-table-wrapper"),
    # a comparable pair, then a pair that is not
    "compare": View("views", tagged("compare_node"), "div.claimkb-compare"),
    "entity-page": View(
        "kb/entity/deepseek",
        lambda node: "entity-deepseek" in node.get("ids", []),
        "section#entity-deepseek",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once(copy_root("snapshots", tmp_path_factory.mktemp("snapshots")))
    assert warnings_of(app) == []
    return app


def stable(app, text: str) -> str:
    """`text` without what differs between machines: the source folder and `source` attributes."""
    text = text.replace(str(app.srcdir), "<srcdir>")
    return re.sub(r' source="[^"]*"', "", text)


@pytest.mark.parametrize("name", VIEWS)
def test_doctree_as_read(site, name, file_regression):
    view = VIEWS[name]
    doctree = site.env.get_doctree(view.page)
    found = list(doctree.findall(lambda n: isinstance(n, nodes.Element) and view.read(n)))
    assert found
    text = "\n".join(node.pformat() for node in found)
    file_regression.check(stable(site, text), basename=name, extension=".xml")


@pytest.mark.parametrize("name", VIEWS)
def test_html_as_written(site, name, file_regression):
    view = VIEWS[name]
    found = BeautifulSoup(html(site, f"{view.page}.html"), "html.parser").select(view.written)
    assert found
    text = "\n".join(element.prettify() for element in found)
    file_regression.check(stable(site, text), basename=name, extension=".html")
