"""/observatory: public figures of cross-border cooperation, each with its table and CSV download."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import get_locale
from markupsafe import Markup

from ..cache import cached_text
from ..figures.charts import format_count
from ..figures.csv import csv_response
from . import figures, pictures
from .tables import TABLES

bp = Blueprint("observatory", __name__)


@bp.get("/observatory")
def index():
    # The figures are the same for every reader of a language, so their HTML is cached per language
    # (drawing the matrices and tables costs more than the queries); only the page around it is per user.
    body = cached_text(f"observatory:html:v2:{get_locale() or 'en'}", _figures_html)
    return render_template("observatory/index.html", figures_html=Markup(body))  # noqa: S704  # nosec B704 # our own render


def _figures_html() -> str:
    observatory = figures.load()
    offers_chart, requests_chart = pictures.listings_charts(observatory)
    return render_template(
        "observatory/_figures.html", observatory=observatory, count=format_count,
        tables={slug: make(observatory) for slug, make in TABLES.items()},
        interests_matrix=pictures.interests_matrix(observatory),
        partnerships_matrix=pictures.partnerships_matrix(observatory),
        offers_chart=offers_chart, requests_chart=requests_chart,
        activity_chart=pictures.activity_chart(observatory))


@bp.get("/observatory/<slug>.csv")
def download(slug: str):
    make = TABLES.get(slug)
    if make is None:
        abort(404)
    table = make(figures.load())
    return csv_response(f"observatory-{slug}", table.header, table.rows)
