"""Home page and health check."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from sqlalchemy import text

from ..extensions import db
from . import services

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    return render_template("core/home.html", overview=services.marketplace_overview())


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        db.session.rollback()
        database = "unavailable"
    healthy = database == "ok"
    return jsonify(status="ok" if healthy else "degraded", database=database), 200 if healthy else 503
