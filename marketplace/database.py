"""Column types and engine settings shared by every domain's models."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone

from flask import has_request_context, request
from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout and IMMEDIATE write transactions, so several workers share one file.

    The busy timeout is the driver's connect timeout (DATABASE_BUSY_TIMEOUT, config.engine_options).

    A deferred transaction that reads and then writes fails at once under concurrency
    (SQLITE_BUSY ignores the timeout on a lock upgrade), so requests that may write (POST
    and the like) take the write lock when they begin. GET requests, and work outside a
    request, stay deferred: WAL readers never wait, and batch jobs that read before they
    write open their transactions with `writing()`.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if has_request_context():
            # writing() also marks a GET's own short write (a read marker) as one.
            immediate = request.method not in {"GET", "HEAD", "OPTIONS"} or _write_intent.get()
        else:
            immediate = _write_intent.get()
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)


@contextmanager
def writing():
    """Transactions begun inside take SQLite's write lock at once (batch jobs, or a GET's own short write)."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)
