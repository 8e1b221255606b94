"""The database briefly out of reach (a server restarting, a file another process locks): a 503, not a crash."""
from __future__ import annotations

from contextlib import nullcontext

from flask import current_app, g, request
from flask_babel import force_locale
from sqlalchemy.exc import DBAPIError, OperationalError

from ..extensions import db, login_manager

# SQLite's primary result codes for a file that another process holds, or that cannot be opened or read just now.
SQLITE_TRANSIENT = {5, 6, 10, 14, 15}  # BUSY, LOCKED, IOERR, CANTOPEN, PROTOCOL
# PostgreSQL: class 08 is "connection exception"; 57P01-57P03 are admin shutdown, crash shutdown, cannot connect now.
POSTGRES_SHUTDOWN = {"57P01", "57P02", "57P03"}
RETRY_AFTER_SECONDS = 10


def is_database_unavailable(error: BaseException) -> bool:
    """True for outages that pass by themselves; a bad query or a missing table stays a 500 (a bug to fix)."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError):
        return False
    sqlite_code = getattr(error.orig, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in SQLITE_TRANSIENT
    sqlstate = getattr(error.orig, "sqlstate", None)
    # psycopg gives no SQLSTATE when it cannot reach the server at all (refused, reset).
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in POSTGRES_SHUTDOWN


def answer_database_unavailable(error: DBAPIError, render_error):
    """Our 503 page in the reader's language, rendered without touching the database again."""
    current_app.logger.warning("Database unavailable on %s %s: %s", request.method, request.path, _first_line(error))
    # The signed-in person's language, if their row was read before the outage; reading it now would fail.
    user = g.get("_login_user")
    locale = vars(user).get("locale") if user is not None and hasattr(user, "__dict__") else None
    release_session()  # the connection is gone; the pool makes a new one once the database is back
    # The page's navigation would load the user and their counts: show it as to a visitor instead.
    g._login_user = login_manager.anonymous_user()
    with force_locale(locale) if locale else nullcontext():
        response = current_app.make_response(render_error(503))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def release_session(_exception=None) -> None:
    """Give back the request's connection; one the server killed after the work was done is dropped quietly.

    Registered after Flask-SQLAlchemy's own teardown, so it runs first: without it, the ROLLBACK
    on such a connection raises in the teardown and turns a finished page into a bare 500.
    """
    try:
        db.session.remove()
    except DBAPIError as error:
        if not is_database_unavailable(error):
            raise
        current_app.logger.warning("Database connection lost after the request's work: %s", _first_line(error))
        try:
            db.session.invalidate()
        except Exception:  # noqa: BLE001 - nothing more to give back
            pass
        db.session.registry.clear()


def _first_line(error: DBAPIError) -> str:
    text = str(error.orig).strip()
    return text.splitlines()[0] if text else type(error.orig).__name__
