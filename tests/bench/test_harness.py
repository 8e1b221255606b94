"""`make bench` end to end at a tiny scale, so the harness cannot rot between full runs.

The real thing: the demo loader, gunicorn, a signed-in cluster manager and wrk, on a
database of its own (SQLite always; PostgreSQL too when TEST_DATABASE_URL is set, in a
database next to it that the harness drops and recreates).
"""
from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy.engine import make_url

from marketplace.bench.__main__ import main
from marketplace.bench.report import SCENARIOS, any_failed

pytestmark = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
DATABASES = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])


@pytest.mark.parametrize("database", DATABASES)
def test_every_scenario_answers_without_errors(database, tmp_path, capsys):
    args = ["--companies", "30", "--listings", "200", "--seconds", "2", "--warmup", "1", "--connections", "2",
            "--databases", database, "--schema", "models", "--sqlite-path", str(tmp_path / "bench.sqlite"),
            "--results", str(tmp_path / "latest.json"),
            "--redis-url", "redis://127.0.0.1:1/0"]  # no Redis there: each worker caches for itself
    if database == "postgresql":
        url = make_url(TEST_DATABASE_URL)
        args += ["--postgresql-url", url.set(database=f"{url.database}_harness").render_as_string(False)]

    result = main(args)[database]

    printed = capsys.readouterr().out
    measured = set(result["pages"]) | set(result["skipped"])
    assert measured == {scenario.key for scenario in SCENARIOS}
    assert {"healthz", "listing", "search", "browse", "matches"} <= set(result["pages"])
    for key, row in result["pages"].items():
        assert row["requests"] > 0 and row["rps"] > 0, (key, row)
        assert row["non2xx"] == row["socket_errors"] == row["timeouts"] == 0, (key, row)
    for key, reason in result["skipped"].items():
        assert f"{key} skipped - the app has no route" in printed
    assert not any_failed({database: result})
    assert all(0 < mb < 1000 for mb in result["worker_rss_mb"])
    assert "| " + database + " | listing page |" in printed and "worker memory" in printed
