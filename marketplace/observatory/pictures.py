"""The observatory's pictures: two country matrices and three bar charts, drawn as accessible SVG."""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from ..figures.charts import Bar, bar_chart, format_count
from ..figures.matrix import matrix_svg
from ..reference import country_name
from ..templating import sector_label
from .figures import Observatory, by_name, interest_countries, partnership_countries


def interests_matrix(observatory: Observatory) -> Markup | None:
    countries = by_name(interest_countries(observatory), country_name)
    if not countries:
        return None
    return matrix_svg(
        countries, countries, observatory.interests, id_prefix="interests-matrix", row_name=country_name,
        title=_("Accepted expressions of interest between countries"),
        description=_("Each row is the country of the company that expressed interest, each column (ISO code) "
                      "the country of the company whose listing it was; each cell gives the number, darker "
                      "cells mean more. In all %(total)s accepted, %(cross)s of them across a border.",
                      total=format_count(observatory.accepted_interests),
                      cross=format_count(observatory.cross_border_interests)))


def partnerships_matrix(observatory: Observatory) -> Markup | None:
    countries = by_name(partnership_countries(observatory), country_name)
    if not countries:
        return None
    return matrix_svg(
        countries, countries, observatory.partnership_matrix, id_prefix="partnerships-matrix",
        row_name=country_name, skip_diagonal=True,
        title=_("Partnerships between countries"),
        description=_("Each cell gives the number of public partnerships with active members from both the "
                      "row's and the column's country (ISO code); the matrix is symmetric and darker cells "
                      "mean more."))


def listings_charts(observatory: Observatory) -> tuple[Markup, Markup]:
    """Offers and requests by sector, two charts with the sectors in the same order (the most listings first)."""
    rows = sorted(observatory.listings, key=lambda row: (-row.total, row.sector))
    offers = bar_chart("offers-by-sector", _("Active offers by sector"),
                       _("How many published, current cooperation offers each sector has."),
                       [Bar(sector_label(row.sector), row.offers) for row in rows])
    requests = bar_chart("requests-by-sector", _("Active requests by sector"),
                         _("How many published, current cooperation requests each sector has."),
                         [Bar(sector_label(row.sector), row.requests) for row in rows])
    return offers, requests


def activity_chart(observatory: Observatory) -> Markup:
    return bar_chart("most-active-sectors-chart", _("The most active sectors"),
                     _("Accepted expressions of interest plus public partnerships in each sector, the most first."),
                     [Bar(sector_label(row.sector), row.total) for row in observatory.most_active])
