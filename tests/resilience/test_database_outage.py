"""The database out of reach while clients read and write: clean 503 pages, then recovery without a restart.

PostgreSQL: the server itself is stopped for a few seconds and started again (pg_ctlcluster, as
root; the test restarts the shared server, so it runs only where it may). SQLite: another process
holds the write lock longer than the site waits for it (DATABASE_BUSY_TIMEOUT, shortened here).
"""
from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from babel.support import Translations
from sqlalchemy.engine import make_url

from ..served import ROOT, Browser, serve
from . import integrity
from .traffic import Traffic

pytestmark = pytest.mark.served

CLIENTS = 6
RECOVERY_GRACE = 2.0  # seconds after the database is back in which a request may still see the outage


def _unavailable_title(locale: str) -> str:
    return html.escape(Translations.load(str(ROOT / "translations"), [locale]).gettext("Temporarily unavailable"))


def _check_answers(traffic: Traffic, outage_start: float, back: float) -> None:
    """Only our pages; 503 in the reader's language while it lasted; nothing but success once it is over."""
    statuses = {answer.status for answer in traffic.answers}
    assert statuses <= {200, 302, 503}, sorted(statuses)
    failed = [a for a in traffic.answers if a.status == 503]
    assert failed, "no request met the outage: it proved nothing"
    for answer in failed:
        assert "Traceback" not in answer.body and "sqlalchemy" not in answer.body.lower()
        assert _unavailable_title(answer.locale) in answer.body, (answer.locale, answer.body[:800])
        assert answer.finished >= outage_start - 1  # 503 only around the outage
    late = [a for a in traffic.answers if a.started > back + RECOVERY_GRACE]
    assert late, "no request after the database came back"
    assert all(a.status in (200, 302) for a in late), [(a.method, a.path, a.status) for a in late if a.status >= 400]


def _check_database(world, traffic: Traffic) -> None:
    assert any(ack["kind"] == "message" for ack in traffic.acks)
    engine = world.engine()
    try:
        with engine.connect() as connection:
            problems = (integrity.acknowledged_messages_once(connection, traffic.acks)
                        + integrity.conversations_consistent(connection) + integrity.sqlite_file_sound(connection))
    finally:
        engine.dispose()
    assert not problems, problems[:20]


def _signed_in_post_works(port: int, world) -> None:
    """A new visitor after the outage: signs in, reads and writes."""
    person = world.people[0]
    browser = Browser(port)
    browser.sign_in(person.email, person.password)
    token = browser.token(f"/inbox/{person.conversation_id}")
    status, _page = browser.request("POST", f"/inbox/{person.conversation_id}",
                                    {"csrf_token": token, "body": "after the outage", "client_id": "after-outage"})
    assert status == 302


def _local_postgres_cluster(url: str) -> str | None:
    """The version of this machine's cluster serving `url`, if this process may restart it."""
    if not url.startswith("postgres") or make_url(url).host not in ("127.0.0.1", "localhost"):
        return None
    if not shutil.which("pg_ctlcluster") or os.geteuid() != 0 or not Path("/etc/postgresql").is_dir():
        return None
    versions = sorted(os.listdir("/etc/postgresql"))
    return versions[-1] if versions else None


def _pg_ctlcluster(version: str, action: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, *(
        ["-m", "fast"] if action == "stop" else [])], check=True, timeout=60, capture_output=True)


def _wait_for_postgres(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode != 0:
        assert time.monotonic() < deadline, "PostgreSQL did not come back"
        time.sleep(0.2)


def test_postgresql_restart_mid_load(world, tmp_path):
    version = _local_postgres_cluster(world.url)
    if version is None:
        pytest.skip("needs the run's database on this machine's PostgreSQL, and root to restart it")
    with serve(world.url, tmp_path / "gunicorn.log", workers=2) as served:
        traffic = Traffic(served.port, world.people[:CLIENTS]).start()
        try:
            time.sleep(2)  # every worker holds pooled connections that the restart will kill
            outage_start = time.monotonic()
            try:
                _pg_ctlcluster(version, "stop")
                time.sleep(2)
            finally:
                _pg_ctlcluster(version, "start")
                _wait_for_postgres()
            back = time.monotonic()
            time.sleep(RECOVERY_GRACE + 4)
        finally:
            traffic.finish()
        _signed_in_post_works(served.port, world)
        assert served.process.poll() is None  # the same gunicorn: recovered without a restart
        assert "Traceback" not in served.log(), served.log()[-3000:]
    _check_answers(traffic, outage_start, back)
    _check_database(world, traffic)


LOCK_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")  # in WAL: no one else may write; readers go on
print("locked", flush=True)
sys.stdin.readline()  # until the test says so (or ends: its pipe closes)
connection.execute("ROLLBACK")
"""
LOCK_SECONDS = 6  # at least; the site waits 2 s for the lock


def test_sqlite_file_locked_by_another_process(world, tmp_path):
    if not world.url.startswith("sqlite"):
        pytest.skip("the SQLite run's fault")
    # The site waits 2 s for the lock; the other process holds it LOCK_SECONDS, and until the visitor has
    # read a page (which may queue behind writers waiting for the lock on both workers).
    with serve(world.url, tmp_path / "gunicorn.log", workers=2, env={"MARKETPLACE_DATABASE_BUSY_TIMEOUT": "2"}) as served:
        traffic = Traffic(served.port, world.people[:CLIENTS]).start()
        try:
            time.sleep(2)
            holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, make_url(world.url).database],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            try:
                assert holder.stdout.readline().strip() == "locked"
                outage_start = time.monotonic()
                # Readers are not held up: WAL lets a visitor read while another process writes.
                visitor = Browser(served.port).request("GET", f"/listings/{world.listings[0][0]}")
                assert holder.poll() is None, "the lock ended before the visitor's read: it proved nothing"
                time.sleep(max(0.0, LOCK_SECONDS - (time.monotonic() - outage_start)))
                holder.communicate("release\n", timeout=60)
                assert holder.returncode == 0
            finally:
                if holder.poll() is None:
                    holder.kill()  # a failed check must not leave the file locked for the tests after it
            back = time.monotonic()
            time.sleep(RECOVERY_GRACE + 4)
        finally:
            traffic.finish()
        _signed_in_post_works(served.port, world)
        assert "Traceback" not in served.log(), served.log()[-3000:]
    assert visitor[0] == 200 and "Served offer 0-0" in visitor[1]
    _check_answers(traffic, outage_start, back)
    _check_database(world, traffic)
