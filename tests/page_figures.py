"""Reads the figures a page shows: table cells by table id, matrix cells by pair, text by element id."""
from __future__ import annotations

from html.parser import HTMLParser


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageFigures(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.matrices: dict[str, dict[tuple[str, str], str]] = {}
        self.texts: dict[str, str] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._svg: str | None = None
        self._pair: tuple[str, str] | None = None
        self._open_ids: list[tuple[str, str]] = []  # (tag, id) of elements whose text is collected
        self._depth: dict[str, int] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id") and tag not in VOID_TAGS:
            self._open_ids.append((tag, attributes["id"]))
            self.texts[attributes["id"]] = ""
        if tag == "table":
            self._table = attributes.get("id", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "svg":
            self._svg = attributes.get("id", "")
            self.matrices[self._svg] = {}
        elif tag == "g" and "data-row" in attributes and self._svg is not None:
            self._pair = (attributes["data-row"], attributes["data-column"])
            self.matrices[self._svg][self._pair] = ""

    def handle_endtag(self, tag):
        if self._open_ids and self._open_ids[-1][0] == tag:
            self._open_ids.pop()
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "g":
            self._pair = None
        elif tag == "svg":
            self._svg = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._pair is not None and self._svg is not None:
            self.matrices[self._svg][self._pair] += data.strip()
        for _tag, element_id in self._open_ids:
            self.texts[element_id] += data

    def text(self, element_id: str) -> str:
        return " ".join(self.texts[element_id].split())

    def body_rows(self, table_id: str) -> list[list[str]]:
        """The rows after the header row."""
        return self.tables[table_id][1:]
