"""The parts of a chart that need no build: constant dollars of a year whose CPI-U is not
published yet, the period range of a selection, axes in readers' units and where names fit."""

from __future__ import annotations

from claimkb.core.claim_filters import in_range, select, table_filters
from claimkb.core.money import constant, latest_full_year
from claimkb.core.records import Location, Record
from claimkb.views.chart_axes import log_ticks, nice_ticks, scale_of, tick_text, year_ticks
from claimkb.views.chart_labels import LAYOUTS, place_labels, x_domain
from claimkb.views.chart_model import Axis


def claim(cid: str, **data) -> Record:
    return Record("claim", cid, {"kind": "figure", **data}, Location("x.md"))


def test_a_year_without_a_published_index_takes_the_latest_one():
    latest = latest_full_year()
    later = {"value": 100, "period": str(latest + 1)}
    assert constant(later, latest) is None  # cards: no conversion to invent
    found = constant(later, latest, latest_index=True)
    assert found.stand_in_year == latest and found.value == 100  # its dollars taken as latest's
    earlier = constant({"value": 100, "period": str(latest - 1)}, latest, latest_index=True)
    assert earlier.stand_in_year is None and earlier.value > 100


def test_a_period_range_keeps_what_is_placed_within_it():
    records = [
        claim("a", as_of="2023-03-14"),
        claim("b", as_of="2024-01-10"),
        claim("c", as_of="2025-01-01", period="2024-07/2024-12"),  # placed at its period's middle
        claim("d", as_of="2025-06-01"),
    ]
    filters = table_filters({"from": "2023-06", "to": "2024"})
    assert filters == {"from": ["2023-06"], "to": ["2024"]}
    assert [r.id for r in select(records, filters)] == ["c", "b"]
    assert table_filters({"from": "2024-13"}) == {}  # not a date: reported, not applied
    assert in_range(claim("e", as_of="2024"), {})


def test_axes_speak_readers_units():
    assert scale_of([2e9, 9.65e11], "USD") == (1e9, "$ billions")
    assert scale_of([0.6, 60], "USD per million tokens") == (1, "$ per million tokens")
    assert scale_of([58, 580], "TWh") == (1, "TWh")
    assert scale_of([5e6], "GPU-hours")[1] == "millions of GPU-hours"
    assert nice_ticks(0, 965) == (0, 1000, [0, 200, 400, 600, 800, 1000])
    assert log_ticks(0.0002, 300)[2] == [0.0001, 0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]
    assert tick_text(0.0001) == "0.0001" and tick_text(1000) == "1,000"
    assert nice_ticks(-1.7e308, 1.7e308)[2] == [-1.7e308, 1.7e308]  # no overflow
    assert year_ticks(2016, 2026, 600, 12) == tuple(range(2016, 2027))  # every year where it fits
    assert year_ticks(1950, 2026, 268, 12)[0] == 1950  # the first always


def test_names_are_written_where_they_fit():
    from claimkb.views.chart_model import ChartPoint

    def point(series: str, x: str, y: float) -> ChartPoint:
        return ChartPoint(
            f"{series}-{x}", series, x, "", y, None, None, "value", "circle", False, "", "",
            "", "", "", "", "", "", "", "",
        )  # fmt: skip

    axis = Axis("", False, (0.0, 100.0), ())
    points = [
        point("a", "2024-06-01", 50),
        point("b", "2024-06-01", 51),
        point("c", "2025-06-01", 10),
    ]
    domain = x_domain((2024, 2025))
    names = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    wide = place_labels(LAYOUTS[0], [(points, axis)], names, ["a", "b", "c"], domain)
    placed = {label.series: (label.align, label.baseline) for label in wide}
    assert set(placed) == {"a", "b", "c"}
    assert placed["a"] != placed["b"]  # two points a pixel apart: their names do not overlap
    # the highest figure, on the plot's top edge: its name beside it, not under it (where it
    # would sit over the next series' point)
    top = [point("d", "2025-06-01", 100), point("e", "2025-06-01", 90)]
    edge = place_labels(LAYOUTS[0], [(top, axis)], {"d": "Delta", "e": "Epsilon"}, ["d", "e"],
                        domain)  # fmt: skip
    assert {label.series: (label.align, label.baseline) for label in edge} == {
        "d": ("left", "middle"),
        "e": ("left", "middle"),
    }
