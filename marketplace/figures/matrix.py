"""An accessible SVG heat map of country × country counts, with the number written in every cell.

The picture never relies on colour alone: each cell carries its number, rows carry the country's name
in the reader's language and columns its ISO code. The SVG is one image for assistive technology
(role="img" with <title> and <desc>); the page shows the same figures as a table beside it. Colours are
SVG presentation attributes (fill=…), never style attributes, so the strict CSP holds and no stylesheet
is needed; classes on the cells let a stylesheet (print, high contrast) override them.

Usage::

    matrix_svg(rows=["CZ", "PL"], columns=["CZ", "PL"], counts={("CZ", "PL"): 3},
               title=_("Accepted expressions of interest"), description=_("…"),
               row_name=country_name, id_prefix="interests-matrix")
"""
from __future__ import annotations

from math import ceil
from typing import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from .charts import format_count

CELL = 40            # px: room for a four-digit number at 13 px
HEADER = 28          # px: height of the column codes
CHAR_WIDTH = 7.2     # px per character of a row name at 13 px, generous for accented capitals
NAME_PADDING = 12
NOT_APPLICABLE = "–"

# Sequential scale from empty to the most; text colours keep ≥ 4.9:1 contrast on each fill.
LEVELS: tuple[tuple[str, str], ...] = (
    ("#f5f7fa", "#4f5b6a"),  # 0: nothing
    ("#e8f0fa", "#1b2430"),
    ("#c4d6ee", "#1b2430"),
    ("#8fb2dc", "#1b2430"),
    ("#3a72b5", "#ffffff"),
    ("#174b86", "#ffffff"),  # the largest count
)
NOT_APPLICABLE_FILL = "#ffffff"
GRID_STROKE = "#d5dce5"
LABEL_FILL = "#1b2430"


def level_of(value: int, largest: int) -> int:
    """0 for nothing, else 1…5 in proportion to the largest count."""
    if value <= 0 or largest <= 0:
        return 0
    return max(1, min(len(LEVELS) - 1, ceil((len(LEVELS) - 1) * value / largest)))


def matrix_svg(rows: Sequence[str], columns: Sequence[str], counts: Mapping[tuple[str, str], int], *,
               title: str, description: str, id_prefix: str,
               row_name: Callable[[str], str] = str,
               number: Callable[[int], str] | None = None,
               skip_diagonal: bool = False) -> Markup:
    """The matrix as inline SVG; counts maps (row code, column code) to a count, missing pairs are 0.

    skip_diagonal marks the cells of a country with itself as not applicable (a dash, no colour),
    for pairings that need two different countries.
    """
    number = number or format_count
    names = [row_name(code) for code in rows]
    name_width = ceil(max((len(name) for name in names), default=0) * CHAR_WIDTH) + NAME_PADDING
    width, height = name_width + CELL * len(columns), HEADER + CELL * len(rows)
    largest = max((counts.get((r, c), 0) for r in rows for c in columns if not (skip_diagonal and r == c)),
                  default=0)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="matrix-chart" role="img" id="{escape(id_prefix)}" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="13" font-family="system-ui, sans-serif">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    for index, code in enumerate(columns):
        x = name_width + CELL * index + CELL / 2
        parts.append(f'<text class="matrix-column" x="{x:g}" y="{HEADER - 9}" text-anchor="middle" '
                     f'font-weight="600" fill="{LABEL_FILL}">{escape(code)}</text>')
    for row_index, (code, name) in enumerate(zip(rows, names)):
        y = HEADER + CELL * row_index
        parts.append(f'<text class="matrix-row" x="{name_width - NAME_PADDING / 2:g}" y="{y + CELL / 2 + 4.5:g}" '
                     f'text-anchor="end" fill="{LABEL_FILL}">{escape(name)}</text>')
        for column_index, column in enumerate(columns):
            parts.append(_cell(name_width + CELL * column_index, y, (code, column), counts.get((code, column), 0),
                               largest, number, not_applicable=skip_diagonal and code == column))
    parts.append("</svg>")
    return Markup("".join(parts))  # nosec B704 # every name, code and label above went through escape()


def _cell(x: float, y: float, pair: tuple[str, str], value: int, largest: int, number: Callable[[int], str], *,
          not_applicable: bool) -> str:
    if not_applicable:
        level, fill, ink, label = "na", NOT_APPLICABLE_FILL, LEVELS[0][1], NOT_APPLICABLE
    else:
        index = level_of(value, largest)
        level, (fill, ink), label = str(index), LEVELS[index], number(value)
    # data-row/data-column name the pair for scripts and tests; the picture does not depend on them.
    return (f'<g class="matrix-cell matrix-level-{level}" data-row="{escape(pair[0])}" '
            f'data-column="{escape(pair[1])}"><rect x="{x:g}" y="{y:g}" width="{CELL}" height="{CELL}" fill="{fill}" stroke="{GRID_STROKE}"/>'
            f'<text x="{x + CELL / 2:g}" y="{y + CELL / 2 + 4.5:g}" text-anchor="middle" fill="{ink}">'
            f'{escape(label)}</text></g>')
