"""Accessible SVG charts drawn on the server and returned as Markup, ready to put into a template.

Three charts, one signature style (keyword arguments after the data; keep them stable — the
dashboard, the observatory and the admin overview import them)::

    bar_chart("by-sector", title, description, [Bar(label, value), ...])
    month_chart("by-month", title, description, months, [Series(label, values), ...])
    spread_chart("bench-listings", title, description, [Spread(label, value, quartiles), ...],
                 value_label=_("This cluster"), too_small_label=_("Not enough clusters to compare"))

Why they look the way they do:
- Every SVG has role="img" and aria-labelledby pointing at its <title> and <desc>: a screen
  reader announces the title and the one-line description. Put the same numbers in a table next
  to the chart (e.g. templates/cluster_figures/_figure.html ``figure_table``) so nothing is told
  by the picture only.
- Labels and values are written as text beside each bar, marker or box; series differ by marker
  shape and line pattern as well as colour, and the legend names them in words.
- Labels are passed in already translated; numbers go through ``format_count`` (Flask-Babel's
  ``format_decimal``, memoised for whole numbers) or the ``format_value`` you pass, month names
  through CLDR (``month_label``/``month_labels``) — so each language reads right. Formatting many
  numbers? ``count_formatter()`` looks the locale up once (Babel's own formatting is slow).
- No style attributes and no scripts (the CSP forbids 'unsafe-inline'): colours, line patterns and
  the print rules live in static/css/charts.css. A page that shows charts adds, in its head block::

      <link rel="stylesheet" href="{{ url_for('static', filename='css/charts.css') }}">

- Bar labels sit on their own line above the bar, so long translated names ("informační a
  komunikační technologie") never collide with the bars.
- ``chart_id`` must be unique in the page (the <title>/<desc> ids derive from it); letters,
  digits and ``-`` only.
"""
from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Callable, NamedTuple, Sequence

from babel.dates import format_skeleton
from babel.numbers import format_decimal as babel_format_decimal
from flask_babel import format_decimal, get_locale, gettext as _
from markupsafe import Markup, escape

Formatter = Callable[[float], str]

_CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,80}$")
_MARKERS = ("circle", "square", "triangle", "diamond")
MAX_SERIES = len(_MARKERS)

WIDTH = 720
FONT_LINE = 18  # one line of 13px text with its leading, in viewBox units


class Bar(NamedTuple):
    """One horizontal bar: its (translated) label and its value."""

    label: str
    value: float


class Series(NamedTuple):
    """One line of a month chart: its (translated) label and one value per month, in month order."""

    label: str
    values: Sequence[float]


class Spread(NamedTuple):
    """One benchmark row: a group's label, our value (None = no value), the group's (q1, median, q3).

    ``quartiles`` is None when the group is too small to show (fewer than five members): the row
    then says ``too_small_label`` instead of drawing anything about the group.
    """

    label: str
    value: float | None
    quartiles: tuple[float, float, float] | None


def _locale() -> str:
    return str(get_locale() or "en")


def month_label(month: date) -> str:
    """A month and year in the reader's language and CLDR order ("Mar 2026", "2026. márc.")."""
    return _month_label(month, _locale())


def month_labels(months: Sequence[date]) -> list[str]:
    """``month_label`` of each month, the locale looked up once."""
    locale = _locale()
    return [_month_label(month, locale) for month in months]


def format_count(value: float) -> str:
    """Flask-Babel's format_decimal, memoised for whole numbers (what charts and tables mostly show).

    Babel parses the locale's pattern on every call (~0.3 ms); a dashboard shows hundreds of numbers.
    """
    return count_formatter()(value)


def count_formatter() -> Formatter:
    """``format_count`` bound to the current locale, looked up once: for loops over many numbers."""
    locale = _locale()

    def format_in_locale(value: float) -> str:
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return _format_whole(int(value), locale)
        return format_decimal(value)

    return format_in_locale


@lru_cache(maxsize=512)
def _month_label(month: date, locale: str) -> str:
    return format_skeleton("yMMM", month, locale=locale)


@lru_cache(maxsize=4096)
def _format_whole(value: int, locale: str) -> str:
    return babel_format_decimal(value, locale=locale)


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar], *,
              format_value: Formatter = format_count) -> Markup:
    """Horizontal bars, one per row, the label above each bar and the value written after it."""
    if not bars:
        return _empty(chart_id, title, description)
    format_value = _bound(format_value)
    scale_max = _nice_scale(max(bar.value for bar in bars))[0]
    label_x, bar_room = 4, WIDTH - 4 - 110  # room after the longest bar for its value
    row_height, bar_height = 46, 16
    parts = []
    for index, bar in enumerate(bars):
        top = 8 + index * row_height
        length = _length(bar.value, scale_max, bar_room)
        parts.append(_text(label_x, top + 13, bar.label, "chart-label"))
        parts.append(f'<rect class="chart-bar" x="{label_x}" y="{top + 20}" width="{length:.1f}" '
                     f'height="{bar_height}"><title>{escape(bar.label)}: '
                     f'{escape(format_value(bar.value))}</title></rect>')
        parts.append(_text(label_x + length + 6, top + 33, format_value(bar.value), "chart-value"))
    height = 8 + len(bars) * row_height + 4
    return _svg(chart_id, title, description, height, "".join(parts), kind="bars")


def month_chart(chart_id: str, title: str, description: str, months: Sequence[date],
                series: Sequence[Series], *, format_value: Formatter = format_count) -> Markup:
    """Values by month as lines with a distinct marker shape and line pattern per series.

    ``months`` are the first days of the months shown (see ``figures.periods.last_months``);
    every series has one value per month. At most four series (MAX_SERIES) stay readable.
    """
    if not months or not series:
        return _empty(chart_id, title, description)
    if len(series) > MAX_SERIES:
        raise ValueError(f"a month chart shows at most {MAX_SERIES} series")
    for line in series:
        if len(line.values) != len(months):
            raise ValueError("every series needs one value per month")
    format_value = _bound(format_value)
    labels = month_labels(months)
    legend, legend_height = _legend([line.label for line in series])
    left, right, plot_top = 56, WIDTH - 40, legend_height + 12
    plot_height = 200
    bottom = plot_top + plot_height
    counts = all(float(value).is_integer() for line in series for value in line.values)
    scale_max, ticks = _nice_scale(max(max(line.values, default=0) for line in series), whole=counts)
    step = (right - left) / max(len(months) - 1, 1)

    def x_of(index: int) -> float:
        return left + index * step

    def y_of(value: float) -> float:
        return bottom - _length(value, scale_max, plot_height)

    parts = [legend]
    for tick in ticks:  # horizontal grid lines with their values on the left
        y = y_of(tick)
        parts.append(f'<line class="chart-grid" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(_text(left - 6, y + 4, format_value(tick), "chart-axis", anchor="end"))
    label_every = 3 if len(months) > 8 else 1
    for index, label in enumerate(labels):  # month names under every third month, ending on the last
        if (len(months) - 1 - index) % label_every == 0:
            parts.append(f'<line class="chart-tick" x1="{x_of(index):.1f}" x2="{x_of(index):.1f}" '
                         f'y1="{bottom}" y2="{bottom + 5}"/>')
            parts.append(_text(x_of(index), bottom + 20, label, "chart-axis", anchor="middle"))
    for number, line in enumerate(series):
        points = [(x_of(i), y_of(value)) for i, value in enumerate(line.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline class="chart-line chart-series-{number}" points="{path}"/>')
        for (x, y), label, value in zip(points, labels, line.values):
            tip = f"{line.label}, {label}: {format_value(value)}"
            parts.append(_marker(_MARKERS[number], x, y, f"chart-marker chart-series-{number}", tip))
    height = bottom + 32
    return _svg(chart_id, title, description, height, "".join(parts), kind="months")


def spread_chart(chart_id: str, title: str, description: str, rows: Sequence[Spread], *,
                 value_label: str, too_small_label: str, format_value: Formatter = format_count) -> Markup:
    """Our value (a diamond) beside each group's median (a bar) and middle half (a box, q1–q3).

    Each row also says it in words: "This cluster: 12 · median 8 · middle half 6–10". A group
    whose ``quartiles`` is None shows ``too_small_label`` and nothing of the group's figures.
    """
    if not rows:
        return _empty(chart_id, title, description)
    format_value = _bound(format_value)
    shown = [row.value or 0 for row in rows] + [row.quartiles[2] for row in rows if row.quartiles]
    scale_max = _nice_scale(max(shown))[0]
    legend, legend_height = _legend([value_label, _("median"), _("middle half of the group (quartiles)")],
                                    shapes=("diamond", "median", "box"))
    left, track = 8, WIDTH - 16
    row_height = 78
    parts = [legend]
    for index, row in enumerate(rows):
        top = legend_height + 10 + index * row_height
        middle = top + 32
        parts.append(_text(left, top + 13, row.label, "chart-label"))
        parts.append(f'<line class="chart-track" x1="{left}" x2="{left + track}" y1="{middle}" y2="{middle}"/>')
        ours = format_value(row.value) if row.value is not None else "–"
        if row.quartiles:
            low, median, high = row.quartiles
            box_x = left + _length(low, scale_max, track)
            box_width = _length(high, scale_max, track) - _length(low, scale_max, track)
            median_x = left + _length(median, scale_max, track)
            parts.append(f'<rect class="chart-iqr" x="{box_x:.1f}" y="{middle - 9}" width="{max(box_width, 1):.1f}" '
                         f'height="18"/>')
            parts.append(f'<line class="chart-median" x1="{median_x:.1f}" x2="{median_x:.1f}" '
                         f'y1="{middle - 12}" y2="{middle + 12}"/>')
            words = _("%(who)s: %(value)s · median %(median)s · middle half %(low)s–%(high)s", who=value_label,
                      value=ours, median=format_value(median), low=format_value(low), high=format_value(high))
        else:
            words = f"{value_label}: {ours} · {too_small_label}"
        if row.value is not None:
            parts.append(_marker("diamond", left + _length(row.value, scale_max, track), middle,
                                 "chart-marker chart-ours", f"{value_label}: {ours}", size=7))
        parts.append(_text(left, middle + 30, words, "chart-note"))
    height = legend_height + 10 + len(rows) * row_height
    return _svg(chart_id, title, description, height, "".join(parts), kind="spread")


# Drawing helpers ---------------------------------------------------------------------------------

def _bound(format_value: Formatter) -> Formatter:
    """The formatter with the locale looked up once and each distinct value formatted once."""
    if format_value is format_count:
        format_value = count_formatter()
    seen: dict[float, str] = {}

    def memoised(value: float) -> str:
        if value not in seen:
            seen[value] = format_value(value)
        return seen[value]

    return memoised


def _svg(chart_id: str, title: str, description: str, height: float, body: str, *, kind: str) -> Markup:
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"chart ids are letters, digits and '-': {chart_id!r}")
    return Markup(  # noqa: S704  # nosec B704 # every text inside went through escape() in _text/_marker or here
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
        f'viewBox="0 0 {WIDTH} {math.ceil(height)}" role="img" focusable="false" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _empty(chart_id: str, title: str, description: str) -> Markup:
    return _svg(chart_id, title, description, 40, _text(4, 24, _("No data yet."), "chart-note"), kind="empty")


def _text(x: float, y: float, content: str, css_class: str, *, anchor: str = "start") -> str:
    anchor_attribute = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{css_class}" x="{x:.1f}" y="{y:.1f}"{anchor_attribute}>{escape(content)}</text>'


def _marker(shape: str, x: float, y: float, css_class: str, tip: str, *, size: float = 4.5) -> str:
    """A point drawn as a circle, square, triangle or diamond, with a hover tip in words."""
    tip_element = f"<title>{escape(tip)}</title>"
    if shape == "circle":
        return f'<circle class="{css_class}" cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}">{tip_element}</circle>'
    if shape == "square":
        return (f'<rect class="{css_class}" x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" '
                f'height="{2 * size:.1f}">{tip_element}</rect>')
    corners = {
        "triangle": [(x, y - size * 1.2), (x + size * 1.1, y + size * .9), (x - size * 1.1, y + size * .9)],
        "diamond": [(x, y - size * 1.2), (x + size * 1.2, y), (x, y + size * 1.2), (x - size * 1.2, y)],
    }[shape]
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
    return f'<polygon class="{css_class}" points="{points}">{tip_element}</polygon>'


def _legend(labels: Sequence[str], *, shapes: Sequence[str] | None = None) -> tuple[str, int]:
    """A legend in words across the top, wrapping to further lines; returns (svg, its height)."""
    parts, x, line = [], 4.0, 0
    for number, label in enumerate(labels):
        width = 40 + 7.5 * len(label) + 18  # sample + estimated text width + gap
        if x > 4 and x + width > WIDTH:
            x, line = 4.0, line + 1
        y = 14 + line * FONT_LINE
        shape = shapes[number] if shapes else _MARKERS[number]
        if shape == "median":
            parts.append(f'<line class="chart-median" x1="{x + 14}" x2="{x + 14}" y1="{y - 10}" y2="{y + 4}"/>')
        elif shape == "box":
            parts.append(f'<rect class="chart-iqr" x="{x}" y="{y - 9}" width="28" height="12"/>')
        elif shapes:
            parts.append(_marker(shape, x + 14, y - 3, "chart-marker chart-ours", label, size=6))
        else:
            parts.append(f'<line class="chart-line chart-series-{number}" x1="{x}" x2="{x + 28}" '
                         f'y1="{y - 3}" y2="{y - 3}"/>')
            parts.append(_marker(shape, x + 14, y - 3, f"chart-marker chart-series-{number}", label))
        parts.append(_text(x + 36, y + 1, label, "chart-legend"))
        x += width
    return "".join(parts), (line + 1) * FONT_LINE + 4


def _length(value: float, scale_max: float, room: float) -> float:
    return max(0.0, min(value, scale_max)) / scale_max * room if scale_max else 0.0


def _nice_scale(largest: float, *, tick_count: int = 4, whole: bool = False) -> tuple[float, list[float]]:
    """A round top of the scale at or above ``largest`` and the tick values up to it.

    ``whole``: the values are counts, so the grid stays on whole numbers (no "0.5 meetings").
    """
    if largest <= 0:
        return 1.0, [0.0, 1.0]
    raw_step = largest / tick_count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    if whole or largest >= tick_count:
        step = max(1.0, math.ceil(step))
    top = step * math.ceil(largest / step)
    return top, [step * i for i in range(int(round(top / step)) + 1)]
