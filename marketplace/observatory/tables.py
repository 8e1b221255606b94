"""Each observatory figure as a table: the page shows it under the picture and the CSV download is the same rows.

CSV files carry the stable codes next to the translated names (for spreadsheets that join on codes);
the page shows the names only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from flask_babel import gettext as _

from ..reference import country_name
from ..templating import sector_label
from .figures import Observatory, sorted_pairs


@dataclass(frozen=True)
class Column:
    label: str
    on_page: bool = True
    is_number: bool = False


@dataclass(frozen=True)
class Table:
    slug: str  # the CSV's file name and the table's id in the page
    caption: str
    columns: list[Column]
    rows: list[list[Any]]

    @property
    def header(self) -> list[str]:
        return [column.label for column in self.columns]

    def page_columns(self) -> list[tuple[int, Column]]:
        return [(index, column) for index, column in enumerate(self.columns) if column.on_page]


def _code(label: str) -> Column:
    return Column(label, on_page=False)


def _number(label: str) -> Column:
    return Column(label, is_number=True)


def interests_table(observatory: Observatory) -> Table:
    return Table(
        "accepted-interests",
        _("Accepted expressions of interest by pair of countries"),
        [_code(_("From (code)")), Column(_("From: the interested company's country")),
         _code(_("To (code)")), Column(_("To: the listing company's country")),
         _number(_("Accepted expressions of interest"))],
        [[origin, country_name(origin), target, country_name(target), n]
         for origin, target, n in sorted_pairs(observatory.interests, country_name)])


def partnerships_table(observatory: Observatory) -> Table:
    return Table(
        "partnerships",
        _("Partnerships by pair of countries"),
        [_code(_("Country (code)")), Column(_("Country")), _code(_("Other country (code)")),
         Column(_("Other country")), _number(_("Partnerships with members from both"))],
        [[first, country_name(first), second, country_name(second), n]
         for first, second, n in sorted_pairs(observatory.partnerships, country_name)])


def listings_table(observatory: Observatory) -> Table:
    return Table(
        "offers-and-requests-by-sector",
        _("Active offers and requests by sector"),
        [_code(_("Sector (code)")), Column(_("Sector")), _number(_("Offers")), _number(_("Requests")),
         _number(_("Total"))],
        [[row.sector, sector_label(row.sector), row.offers, row.requests, row.total]
         for row in sorted(observatory.listings, key=lambda row: (-row.total, row.sector))])


def activity_table(observatory: Observatory) -> Table:
    return Table(
        "most-active-sectors",
        _("The most active sectors"),
        [_code(_("Sector (code)")), Column(_("Sector")), _number(_("Accepted expressions of interest")),
         _number(_("Of these, across a border")), _number(_("Public partnerships")), _number(_("Total"))],
        [[row.sector, sector_label(row.sector), row.interests, row.cross_border_interests, row.partnerships,
          row.total] for row in observatory.most_active])


TABLES: dict[str, Callable[[Observatory], Table]] = {
    "accepted-interests": interests_table,
    "partnerships": partnerships_table,
    "offers-and-requests-by-sector": listings_table,
    "most-active-sectors": activity_table,
}
