"""Signed unsubscribe links: they name one saved search and work without signing in."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..extensions import db
from .models import SavedSearch

SALT = "alerts.unsubscribe"


class InvalidToken(Exception):
    """The link was altered or made with another key."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _stamp(saved: SavedSearch) -> int:
    # Binds the link to this very row: SQLite may reuse the id of a deleted last row.
    return int(saved.created_at.timestamp() * 1_000_000)


def make_token(saved: SavedSearch) -> str:
    """No expiry: turning an alert off is harmless, and old mails must keep their working link."""
    return _serializer().dumps({"s": saved.id, "u": saved.user_id, "c": _stamp(saved)})


def read_token(token: str) -> SavedSearch | None:
    """The saved search the link names, or None if it was deleted since; InvalidToken if forged."""
    try:
        payload = _serializer().loads(token[:500])
    except BadSignature as error:
        raise InvalidToken from error
    if not isinstance(payload, dict) or not all(isinstance(payload.get(k), int) for k in ("s", "u", "c")):
        raise InvalidToken
    saved = db.session.get(SavedSearch, payload["s"])
    if saved is None or saved.user_id != payload["u"] or _stamp(saved) != payload["c"]:
        return None
    return saved
