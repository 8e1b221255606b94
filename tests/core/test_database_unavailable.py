"""Which real database errors mean "briefly unavailable" (503) and which are bugs (500).

The served tests (tests/resilience) restart PostgreSQL and lock the SQLite file under gunicorn;
these check the same decision quickly, in process, on errors the drivers really raise.
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from marketplace.config import engine_options, normalise_database_url
from marketplace.core.unavailable import is_database_unavailable
from marketplace.database import configure_sqlite

from ..conftest import TEST_DATABASE_URL


def _raised(engine, statement: str) -> Exception:
    with pytest.raises((OperationalError, ProgrammingError)) as caught:
        with engine.begin() as connection:
            connection.execute(text(statement))
    return caught.value


def test_sqlite_lock_held_elsewhere_is_unavailable_and_a_missing_table_is_a_bug(tmp_path):
    path = tmp_path / "locked.sqlite"
    sqlite3.connect(path).execute("PRAGMA journal_mode=WAL").close()
    url = f"sqlite:///{path}"
    engine = create_engine(url, **engine_options(url, busy_timeout=0.2))
    configure_sqlite(engine)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)"), str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert is_database_unavailable(_raised(engine, "CREATE TABLE t (x INTEGER)"))
    finally:
        holder.kill()
        holder.wait()
    assert not is_database_unavailable(_raised(engine, "SELECT * FROM no_such_table"))
    assert not is_database_unavailable(_raised(engine, "SELEC 1"))
    engine.dispose()


def test_postgresql_refusing_connections_is_unavailable():
    # Nothing listens on port 1: what a stopped server looks like to psycopg.
    engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/none", **engine_options("postgresql://"))
    error = _raised(engine, "SELECT 1")
    assert is_database_unavailable(error)
    engine.dispose()


def test_other_errors_are_not_unavailability():
    assert not is_database_unavailable(ValueError("not a database error"))


@pytest.mark.skipif(not (TEST_DATABASE_URL or "").startswith("postgres"), reason="TEST_DATABASE_URL is not PostgreSQL")
def test_postgresql_query_errors_are_bugs_not_outages():
    engine = create_engine(normalise_database_url(TEST_DATABASE_URL))
    assert not is_database_unavailable(_raised(engine, "SELECT * FROM no_such_table"))
    # A cancelled statement is an OperationalError too, but the server is there.
    assert not is_database_unavailable(_raised(engine, "SET LOCAL statement_timeout = 10; SELECT pg_sleep(1)"))
    engine.dispose()
