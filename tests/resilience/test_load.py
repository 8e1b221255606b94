"""A mixed workload under locust against gunicorn: no 5xx, every acknowledged write stored once, p95 per kind.

Twenty members browse, search, sign out and in, post listings (now and then twice, as a double
click does), express interest and send messages for 30 seconds (longer on a busy machine, until
each has sent every kind of request), on the run's database
(SQLite in WAL mode, or PostgreSQL with TEST_DATABASE_URL). The p95 of each kind of request is
printed (`pytest -s` shows it); the test asserts behaviour, never timings.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..served import ROOT, serve
from . import integrity

pytestmark = pytest.mark.served

LOCUST = Path(sys.executable).with_name("locust")
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
USERS = 20
RUN_SECONDS = 30  # at least; longer only until every user has sent each kind of request once
MAX_SECONDS = 150


def _locust(url: str, world_file: Path, acks_file: Path, prefix: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--host", url, "--users", str(USERS),
         "--spawn-rate", str(USERS), "--run-time", f"{MAX_SECONDS}s", "--stop-timeout", "15",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT, capture_output=True, text=True, timeout=MAX_SECONDS + 120, stdin=subprocess.DEVNULL,
        env={**os.environ, "SERVED_WORLD": str(world_file), "SERVED_ACKS": str(acks_file),
             "SERVED_MIN_SECONDS": str(RUN_SECONDS), "SERVED_USERS": str(USERS)})


def _p95_table(rows: list[dict]) -> str:
    lines = [f"{'request kind':26} {'count':>7} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}"]
    for row in rows:
        lines.append(f"{row['Name']:26} {row['Request Count']:>7} {row['Failure Count']:>5} {row['50%']:>7} "
                     f"{row['95%']:>7} {float(row['Max Response Time']):>7.0f}")
    return "\n".join(lines)


def test_mixed_workload_loses_nothing_and_never_fails(world, tmp_path):
    world_file, acks_file = tmp_path / "world.json", tmp_path / "acks.jsonl"
    world_file.write_text(json.dumps(world.as_json()))
    acks_file.touch()
    # Interests are capped per company and day; the load sends more than a real company would.
    with serve(world.url, tmp_path / "gunicorn.log", workers=3,
               env={"MARKETPLACE_INTEREST_DAILY_LIMIT": "100000"}) as served:
        started = time.monotonic()
        run = _locust(served.url, world_file, acks_file, tmp_path / "locust")
        elapsed = time.monotonic() - started
        log = served.log()

    with open(f"{tmp_path / 'locust'}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    kinds = [row for row in rows if row["Name"] != "Aggregated"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    backend = "PostgreSQL" if world.url.startswith("postgres") else "SQLite (WAL)"
    print(f"\nlocust, {USERS} users for {elapsed:.0f} s against gunicorn (3 sync workers) on {backend}:\n"
          + _p95_table(kinds + [total]))

    failures = Path(f"{tmp_path / 'locust'}_failures.csv").read_text()
    assert int(total["Failure Count"]) == 0, failures
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in log and "Unhandled error" not in log, log[-3000:]
    # Every kind of request really ran, writes included.
    assert {"search", "sign in", "post listing", "express interest", "send message", "browse: listing"} \
        <= {row["Name"] for row in kinds}

    acks = [json.loads(line) for line in acks_file.read_text().splitlines()]
    assert {ack["kind"] for ack in acks} == {"listing", "interest", "message"}
    engine = world.engine()
    try:
        with engine.connect() as connection:
            problems = integrity.everything(connection, acks)
    finally:
        engine.dispose()
    assert not problems, problems[:20]
    print(f"{len(acks)} acknowledged writes, each stored exactly once")
