"""Signed, expiring, single-use links for e-mail confirmation, password reset and e-mail change.

Nothing is stored per link: each token carries a fingerprint of the account state it may
change (e-mail, confirmation, password hash). Using the link changes that state, so the
same link no longer matches and is dead, without a table of used tokens.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .models import User


@dataclass(frozen=True)
class Purpose:
    salt: str
    max_age: timedelta


CONFIRM_EMAIL = Purpose("accounts.confirm-email", timedelta(hours=48))
RESET_PASSWORD = Purpose("accounts.reset-password", timedelta(hours=1))
CHANGE_EMAIL = Purpose("accounts.change-email", timedelta(hours=48))


class InvalidToken(Exception):
    """The link is forged, expired, already used or made for another state of the account."""


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose.salt)


def fingerprint(user: User, purpose: Purpose) -> str:
    """A keyed digest of what the link may change; the password hash itself never leaves the server."""
    if purpose is CONFIRM_EMAIL:
        state = [user.id, user.email, user.is_confirmed]
    else:  # reset and e-mail change die with a new password or a new address
        state = [user.id, user.email, user.password_hash]
    key = (current_app.config["SECRET_KEY"] + purpose.salt).encode()
    return hmac.new(key, repr(state).encode(), hashlib.sha256).hexdigest()[:32]


def make_token(user: User, purpose: Purpose, **extra: str) -> str:
    return _serializer(purpose).dumps({"uid": user.id, "fp": fingerprint(user, purpose), **extra})


def read_token(token: str, purpose: Purpose, load_user) -> tuple[User, dict]:
    """Check signature and age, then that the account is still in the state the link was made for."""
    try:
        payload = _serializer(purpose).loads(token, max_age=int(purpose.max_age.total_seconds()))
    except BadSignature as error:  # SignatureExpired is a BadSignature too
        raise InvalidToken from error
    if not isinstance(payload, dict) or not isinstance(payload.get("uid"), int):
        raise InvalidToken
    user = load_user(payload["uid"])
    if user is None or not user.is_active:
        raise InvalidToken
    if not hmac.compare_digest(str(payload.get("fp", "")), fingerprint(user, purpose)):
        raise InvalidToken
    return user, payload
