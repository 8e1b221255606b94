"""Accounts: sign up, confirm, sign in and out, reset, settings, privacy."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/account")


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    return "TODO"


@bp.post("/sign-out")
def sign_out():
    return "TODO"


@bp.route("/sign-up", methods=["GET", "POST"])
def sign_up():
    return "TODO"


@bp.get("/")
def settings():
    return "TODO"


@bp.get("/privacy")
def privacy():
    return "TODO"
