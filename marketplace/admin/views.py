"""/admin/overview: the whole platform in figures, for administrators only."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template
from flask_babel import gettext as _, ngettext

from ..auth import is_admin, require
from ..figures.charts import Bar, bar_chart
from ..listings.choices import STATUS_LABELS
from .overview import LISTING_STATUSES, platform_overview

bp = Blueprint("admin", __name__)


@bp.get("/admin/overview")
@require(is_admin)
def overview():
    figures = platform_overview()
    chart = bar_chart("listings-by-status", _("Listings by status"),
                      _("How many listings are in each step of their life, drafts included."),
                      [Bar(str(STATUS_LABELS[status]), figures.listings[status]) for status in LISTING_STATUSES])
    return render_template("admin/overview.html", figures=figures, statuses=LISTING_STATUSES,
                           listings_chart=chart, waited=waited)


def waited(delta: timedelta | None) -> str:
    """A waiting time in whole days, or hours or minutes when shorter: exact enough to act on."""
    if delta is None:
        return "–"
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes >= 2 * 24 * 60:
        return ngettext("%(num)d day", "%(num)d days", minutes // (24 * 60))
    if minutes >= 120:
        return ngettext("%(num)d hour", "%(num)d hours", minutes // 60)
    return ngettext("%(num)d minute", "%(num)d minutes", minutes)
