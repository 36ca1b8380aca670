"""Parallel and incremental builds give exactly what a clean serial build gives."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from helpers import build_once, copy_root, html, sphinx_build, warnings_of

OUTPUTS = (
    "index.html",
    "other.html",
    "registry.html",
    "claim-index.html",
    "objects.inv",
    "searchindex.js",
)


def outputs(app) -> dict[str, object]:
    found: dict[str, object] = {name: (Path(app.outdir) / name).read_bytes() for name in OUTPUTS}
    found["searchindex.js"] = search_index(app)
    return found


def search_index(app) -> dict:
    """The search index, less the empty term lists Sphinx itself leaves behind on rebuilds."""
    text = (Path(app.outdir) / "searchindex.js").read_text()
    index = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    for key in ("terms", "titleterms"):
        index[key] = {term: docs for term, docs in index[key].items() if docs != []}
    return index


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def link(app, page: str, text: str) -> str | None:
    soup = BeautifulSoup(html(app, page), "html.parser")
    found = [a["href"] for a in soup.select("a.reference") if a.get_text() == text]
    return found[0] if found else None


def test_parallel_build_equals_serial(tmp_path):
    serial = sphinx_build(copy_root("basic", tmp_path / "serial"))
    parallel = sphinx_build(copy_root("basic", tmp_path / "parallel"), jobs=2)
    assert outputs(parallel) == outputs(serial)


def test_edit_rewrites_pages_that_show_the_value(tmp_path):
    src = copy_root("basic", tmp_path)
    build_once(src)
    edit(src / "index.md", ":value: 5_576_000", ":value: 6_100_000")
    app = build_once(src)
    assert warnings_of(app) == []
    assert link(app, "other.html", "$6.1M") == "index.html#claim-deepseek-v3-final-run-cost"
    assert "$5.58M" not in html(app, "other.html") + html(app, "claim-index.html")
    assert outputs(app) == outputs(build_once(_clean_copy(src, tmp_path)))


def test_delete_leaves_no_stale_claim_and_rechecks_references(tmp_path):
    src = copy_root("basic", tmp_path)
    build_once(src)
    text = (src / "index.md").read_text()
    start = text.index("```{claim} deepseek-server-capex")
    (src / "index.md").write_text(text[:start])
    app = build_once(src)
    assert [w for w in warnings_of(app) if "unknown claim 'deepseek-server-capex'" in w] == [
        "other.md:3: WARNING: role claim: unknown claim 'deepseek-server-capex' [claim.ref]"
    ]
    assert "claim-deepseek-server-capex" not in html(app, "index.html")
    assert "DeepSeek total server capital expenditure" not in html(app, "claim-index.html")
    assert b"deepseek-server-capex" not in (Path(app.outdir) / "objects.inv").read_bytes()
    assert "Contradicted by" not in html(app, "index.html")


def test_move_between_pages_updates_links_without_duplicates(tmp_path):
    src = copy_root("basic", tmp_path)
    build_once(src)
    text = (src / "index.md").read_text()
    start = text.index("```{claim} deepseek-server-capex")
    (src / "index.md").write_text(text[:start])
    (src / "registry.md").write_text((src / "registry.md").read_text() + "\n" + text[start:])
    app = build_once(src)
    assert warnings_of(app) == []
    assert link(app, "other.html", "the estimate") == "registry.html#claim-deepseek-server-capex"
    assert outputs(app) == outputs(build_once(_clean_copy(src, tmp_path)))


def test_collection_change_rewrites_cards(tmp_path):
    src = copy_root("basic", tmp_path)
    build_once(src)
    edit(src / "claims" / "registry.yaml", "name: Final training run", "name: Final run only")
    app = build_once(src)
    assert "scope: Final run only" in html(app, "index.html")
    assert outputs(app) == outputs(build_once(_clean_copy(src, tmp_path)))


def test_warnings_repeat_until_fixed(tmp_path):
    src = copy_root("mistakes", tmp_path)
    first = warnings_of(build_once(src))
    second = warnings_of(build_once(src))
    assert first and sorted(first) == sorted(second)


def test_parallel_rebuild_after_touch_has_no_warnings(tmp_path):
    src = copy_root("basic", tmp_path)
    sphinx_build(src, jobs=4)
    for page in ("index.md", "other.md"):
        (src / page).touch()
    app = sphinx_build(src, jobs=4)
    assert warnings_of(app) == []
    assert link(app, "other.html", "$5.58M") == "index.html#claim-deepseek-v3-final-run-cost"


def _clean_copy(src: Path, tmp_path: Path) -> Path:
    import shutil

    clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(src, clean, ignore=shutil.ignore_patterns("_build"))
    return clean
