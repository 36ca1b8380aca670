"""The marks of chart points: what each shape says about a figure's date or value.

A filled circle stands at the middle of the period the figure is about; a hollow one has no
period and stands at the date it was stated; a diamond is a forecast; a triangle is a bound
only ("more than", pointing up; "up to", pointing down).
"""

from __future__ import annotations

#: mark -> (matplotlib marker options, words of the legend)
MARKS = {
    "period": ({"marker": "o"}, "placed at its period"),
    "stated": ({"marker": "o", "fillstyle": "none"}, "no period: placed when stated"),
    "forecast": ({"marker": "D"}, "forecast"),
    "at-least": ({"marker": "^"}, "lower bound only (at least)"),
    "at-most": ({"marker": "v"}, "upper bound only (at most)"),
}


def plot_series(axes, label: str, points: list, color) -> None:
    """One series (one method), each mark drawn with its own shape, in one colour."""
    first = True
    for mark, (style, _words) in MARKS.items():
        group = sorted((p for p in points if p.mark == mark), key=lambda p: (p.when, p.value))
        if not group:
            continue
        axes.plot(
            [p.when for p in group],
            [p.value for p in group],
            linestyle="none",
            color=color,
            label=label if first else None,
            **style,
        )
        first = False


def mark_handles(series: dict) -> list:
    """Legend entries, in grey, for the shapes used other than the plain filled circle."""
    from matplotlib.lines import Line2D

    used = {p.mark for points in series.values() for p in points}
    return [
        Line2D([], [], color="grey", linestyle="none", label=words, **style)
        for mark, (style, words) in MARKS.items()
        if mark in used and mark != "period"
    ]
