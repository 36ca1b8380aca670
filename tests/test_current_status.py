"""`current` means current: a claim another replaces is superseded (computed, not hand-kept),
and `claimkb lint` lists current prices older than the review age."""

from __future__ import annotations

from datetime import date

from claimkb.cli import main
from claimkb.core.current_status import REVIEW_AFTER_DAYS, stale_current, status_of, superseded_by
from claimkb.core.records import Location, Record
from kb_project import copy_project


def claim(cid: str, **fields) -> Record:
    data = {"id": cid, "kind": "figure", "subject": ["o1-mini"], "claimant": "openai",
            "metric": "token-price", "scope": "api-input-list-price", "value": 3,
            "as_of": "2024-10-01", **fields}  # fmt: skip
    return Record("claim", cid, data, Location("p.md", 1))


def test_a_later_statement_of_the_same_figure_supersedes():
    old, new = claim("old"), claim("new", as_of="2025-02-01", value=1.1)
    other_scope = claim("out", scope="api-output-list-price", as_of="2025-03-01")
    other_claimant = claim("lp", claimant="simon-willison", as_of="2025-03-01")
    other_period = claim("period", period="2023", as_of="2026-01-01")
    found = superseded_by([old, new, other_scope, other_claimant, other_period])
    assert found == {"old": ["new"]}
    assert status_of(old, found) == "superseded"
    assert status_of(new, found) == "current"


def test_an_explicit_supersedes_counts_and_written_statuses_stay():
    old = claim("old", status="disputed")
    newer = claim("newer", supersedes=["old", "gone"], subject=["other"])
    found = superseded_by([old, newer])
    assert found == {"gone": ["newer"], "old": ["newer"]}
    assert status_of(old, found) == "disputed"  # a dispute is not hidden by a later claim


def test_stale_current_prices_are_listed_for_review():
    old = claim("old")
    dated = claim("dated", period="2024-10", claimant="x")
    recent = claim("recent", claimant="y", as_of="2026-06-01", value=1.1)  # another price
    not_price = claim("capex", metric="capex", claimant="z")
    is_price = {"token-price"}.__contains__
    found = stale_current([old, dated, recent, not_price], {}, is_price, date(2026, 12, 6))
    assert [(f.record_id, f.code) for f in found] == [("old", "stale-current")]
    assert f"older than {REVIEW_AFTER_DAYS} days" in found[0].message
    assert stale_current([old], {"old": ["x"]}, is_price, date(2026, 12, 6)) == []
    assert stale_current([old], {}, is_price, date(2025, 9, 30)) == []


def test_a_later_claim_of_the_same_price_confirms_an_old_one():
    """Read again later, by anyone (a data set's price list), the same price is still current:
    not listed; a later claim of another price, or of another figure, confirms nothing."""
    old = claim("old")
    is_price = {"token-price"}.__contains__
    today = date(2026, 12, 6)
    same = claim("same", claimant="genai-prices", as_of="2026-11-19", value=3.001)
    assert stale_current([old, same], {}, is_price, today) == []
    other_scope = claim("other", as_of="2026-11-19", scope="api-output-list-price")
    found = stale_current([old, other_scope], {}, is_price, today)
    assert [f.record_id for f in found] == ["old"]


def test_lint_lists_a_stale_price_and_not_a_superseded_one(tmp_path, capsys):
    project = copy_project("genai-prices", tmp_path)
    status = main(["lint", "--root", str(project), "--today", "2026-12-06"])
    out = capsys.readouterr().out
    assert status == 1
    assert ("docs/index.md:3:1: claim o3-input-price-july-2025: status: a current price of "
            "2025-07-01, older than 365 days") in out  # fmt: skip
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n".join([
        "", "```{claim} o3-input-price-now", ":kind: figure", ":title: o3 input price now",
        ":subject: o3", ":metric: token-price", ":value: 2", ":scope: api-input-list-price",
        ":method: company-disclosure", ":as_of: 2026-12-01", ":claimant: openai",
        ":source: openai-pricing", ":confidence: confident", "```", ""]))  # fmt: skip
    main(["lint", "--root", str(project), "--today", "2026-12-06"])
    out = capsys.readouterr().out
    assert "o3-input-price-july-2025: status" not in out
    assert "o3-output-price-july-2025: status: a current price" in out
