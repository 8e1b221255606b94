"""Company profiles: directory, public page, create and edit, colleagues."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("companies", __name__, url_prefix="/companies")


@bp.get("")
def directory():
    return "TODO"


@bp.get("/<slug>")
def profile(slug: str):
    return "TODO"
