"""A gunicorn worker killed (SIGKILL) in the middle of a request: no half-written object, and service goes on.

Clients keep posting listings (a listing with its types, keywords, countries, full-text entry and
history, in one transaction) and messages. The test kills a worker that holds a client connection
at that moment, several times; the clients retry what got no answer with the same client token,
as a browser does. Afterwards every object is whole and every acknowledged write is stored once.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from ..served import Browser, Served, serve
from . import integrity
from .traffic import LISTING_FORM, Traffic

pytestmark = pytest.mark.served

WORKERS = 3
KILLS = 4
CLIENTS = 6


def _connection_inodes(port: int) -> set[str]:
    """Socket inodes of established connections to our port (from /proc/net/tcp*)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01":  # 01: ESTABLISHED
                inodes.add(fields[9])
    return inodes


def _busy_worker(served: Served, timeout: float = 30) -> int | None:
    """A worker that is handling a request right now: it holds an accepted client connection."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        inodes = _connection_inodes(served.port)
        for pid in served.worker_pids():
            try:
                links = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
            except FileNotFoundError:
                continue  # the worker has just gone
            if any(link.startswith("socket:[") and link[8:-1] in inodes for link in links):
                return pid
        time.sleep(0.01)
    return None


def test_killed_worker_leaves_nothing_half_written(world, tmp_path):
    killed = []
    with serve(world.url, tmp_path / "gunicorn.log", workers=WORKERS) as served:
        traffic = Traffic(served.port, world.people[:CLIENTS], post_listings=True).start()
        try:
            for _ in range(KILLS):
                time.sleep(0.5)
                pid = _busy_worker(served)
                assert pid is not None, "no worker was ever busy"
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                served.wait_for_workers(WORKERS)  # gunicorn replaces it
        finally:
            traffic.finish()
        workers = served.wait_for_workers(WORKERS)
        assert not set(workers) & set(killed)

        # The service goes on: a new visitor signs in and posts a listing.
        person = world.people[-1]
        browser = Browser(served.port)
        browser.sign_in(person.email, person.password)
        token = browser.token("/listings/new")
        status, _page = browser.request("POST", "/listings/new", {
            **LISTING_FORM, "csrf_token": token, "title": "Load test listing after the kills",
            "client_token": "after-the-kills-0123456789"})
        assert status == 302
        log = served.log()

    # Requests really were cut off mid-way: clients got no answer, and retried.
    assert [a for a in traffic.answers if a.status == 0], "no kill hit a request in flight"
    assert {a.status for a in traffic.answers} <= {0, 200, 302}, sorted({a.status for a in traffic.answers})
    assert sum(f"(pid:{pid})" in log for pid in killed) == len(killed), log[-3000:]
    assert any(ack["kind"] == "listing" for ack in traffic.acks)

    engine = world.engine()
    try:
        with engine.connect() as connection:
            problems = integrity.everything(connection, traffic.acks, answers_lost=True)
    finally:
        engine.dispose()
    assert not problems, problems[:20]
