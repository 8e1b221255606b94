"""Clusters: directory, page, membership requests and decisions, administration."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("clusters", __name__)


@bp.get("/clusters")
def directory():
    return "TODO"


@bp.get("/clusters/<slug>")
def page(slug: str):
    return "TODO"


@bp.get("/my/clusters")
def my_clusters():
    return "TODO"


@bp.get("/admin")
def admin_index():
    return "TODO"
