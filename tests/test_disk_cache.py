"""Reference data kept between builds (`core.disk_cache`): the CPI table and the ECB rates a build
looked up are answered from the folder without reading the packages again, and a changed or
broken file is never believed."""

from __future__ import annotations

from datetime import date

import pytest

from claimkb.core import currency, disk_cache, money


@pytest.fixture
def folder(tmp_path):
    disk_cache.use_folder(tmp_path / "kept")
    money.annual_cpi.cache_clear()
    currency.ecb_rate.cache_clear()
    yield tmp_path / "kept"
    disk_cache.use_folder(None)
    money.annual_cpi.cache_clear()
    currency.ecb_rate.cache_clear()


def test_the_cpi_table_is_read_once_then_kept(folder, monkeypatch):
    first = money.annual_cpi()
    assert first and len(list(folder.glob("cpi-*.json"))) == 1
    money.annual_cpi.cache_clear()

    def unread(path):
        raise AssertionError("the database was read again")

    monkeypatch.setattr(money, "_read_annual_cpi", unread)
    assert money.annual_cpi() == first


def test_a_broken_cpi_file_is_read_again(folder):
    first = money.annual_cpi()
    (kept,) = folder.glob("cpi-*.json")
    kept.write_text("{not json", encoding="utf-8")
    money.annual_cpi.cache_clear()
    assert money.annual_cpi() == first


def test_ecb_rates_looked_up_are_kept(folder, monkeypatch):
    day = date(2025, 9, 9)
    looked_up = currency.ecb_rate("EUR", day)
    nearest = currency.ecb_rate("CNY", date(1990, 1, 1))
    assert looked_up is not None and nearest is not None and nearest.nearest
    currency.ecb_rate.cache_clear()
    monkeypatch.setattr(currency, "_converter", lambda: None)  # the history cannot be read now
    assert currency.ecb_rate("EUR", day) == looked_up
    assert currency.ecb_rate("CNY", date(1990, 1, 1)) == nearest
    # what was never looked up is not invented
    assert currency.ecb_rate("GBP", day) is None


def test_without_a_folder_nothing_is_kept(tmp_path):
    disk_cache.use_folder(None)
    money.annual_cpi.cache_clear()
    try:
        assert money.annual_cpi()
        disk_cache.write_json("x.json", {"a": 1})
        assert disk_cache.read_json("x.json") is None
        assert not any(tmp_path.iterdir())
    finally:
        money.annual_cpi.cache_clear()
