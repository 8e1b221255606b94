"""Roles, the anonymous user, sign-in sessions and the `require(predicate)` guard."""
from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache, wraps
from typing import Callable

from flask import Flask, abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from .database import utcnow
from .extensions import db, login_manager


class AnonymousUser(AnonymousUserMixin):
    """Answers the same questions as a User, so templates and predicates need no special case."""

    is_admin = False
    company_id = None
    company = None
    locale = None
    is_confirmed = False
    managed_cluster_ids: set[int] = frozenset()  # type: ignore[assignment]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_cutoff() -> datetime:
    """Sessions started before this are over, whatever the browser still holds."""
    return utcnow() - current_app.config["REMEMBER_COOKIE_DURATION"]


def init_app(app: Flask) -> None:
    login_manager.anonymous_user = AnonymousUser
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    # Our own session table decides who is signed in; Flask-Login's id-based
    # protection would only add a second, weaker notion of the same thing.
    login_manager.session_protection = None

    @login_manager.user_loader
    def load_user(token: str):
        row = db.session.scalar(_session_query(), {"token_hash": hash_token(token)})
        if row is None or not row.user.is_active or row.created_at < session_cutoff():
            return None
        row.user.session_token = token
        return row.user


@cache
def _session_query():
    """Built once: every signed-in request runs it, and SQLAlchemy keeps a built statement's cache key."""
    from .accounts.models import LoginSession

    return (select(LoginSession).options(joinedload(LoginSession.user))
            .where(LoginSession.token_hash == bindparam("token_hash")))


def require(predicate: Callable[..., bool]):
    """Let the view run only if predicate(current_user, **view_args) holds; else 403.

    Anonymous visitors are sent to sign in first (401 handled by Flask-Login).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not predicate(current_user, **kwargs):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def signed_in(user, **_view_args) -> bool:
    return user.is_authenticated


def is_admin(user, **_view_args) -> bool:
    return bool(user.is_authenticated and user.is_admin)


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"
