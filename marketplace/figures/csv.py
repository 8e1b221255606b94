"""CSV downloads of the numbers behind a chart or table: Excel-friendly and safe against formula injection.

Usage::

    from marketplace.figures.csv import csv_response
    return csv_response("observatory-sectors", ["Sector", "Offers", "Requests"], rows)

Decisions, and why:
- The body is UTF-8 *with* a byte-order mark. Our readers are cluster managers who open the file in
  Excel; without the BOM Excel decodes UTF-8 as the local ANSI code page and mangles Czech, Polish,
  Hungarian and Slovenian names (Ústí → ÃšstÃ­). LibreOffice, pandas and Python's ``utf-8-sig``
  read the BOM correctly.
- Comma-separated, CRLF line ends, fields quoted when needed (RFC 4180, Python's ``csv`` defaults).
- Text cells that a spreadsheet would evaluate as a formula — those starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return — get a leading apostrophe (OWASP "CSV injection"). Numbers are
  written as numbers, so a negative figure stays a number.
- The filename is reduced to ASCII letters, digits, ``-``, ``_`` and ``.`` so it cannot break the
  Content-Disposition header, and always ends in ``.csv``.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterable, Sequence

from flask import Response

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_FILENAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def neutralise(cell: Any) -> Any:
    """The cell as written to the file: None → empty, text that could start a formula → prefixed with '."""
    if cell is None:
        return ""
    if isinstance(cell, (bool, int, float)):
        return cell
    text = str(cell)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """The CSV document (without the BOM): one header line, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def safe_filename(name: str) -> str:
    """An ASCII filename ending in .csv that is safe to put between quotes in a header."""
    stem = name[:-4] if name.lower().endswith(".csv") else name
    stem = _UNSAFE_FILENAME_CHARS.sub("-", stem).strip("-.") or "data"
    return stem[:100] + ".csv"


def csv_response(filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Response:
    """A download response (text/csv, UTF-8 with BOM, attachment) of the header and rows."""
    body = BOM + csv_text(header, rows)
    return Response(
        body.encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{safe_filename(filename)}"'},
    )
