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
from marketplace.bench.report import SCENARIOS, any_failed, median_run
from marketplace.bench.wrk import Figures

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
DATABASES = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
@pytest.mark.parametrize("database", DATABASES)
def test_every_scenario_answers_without_errors(database, tmp_path, capsys):
    args = ["--companies", "30", "--listings", "200", "--seconds", "1", "--rounds", "2", "--warmup", "1",
            "--connections", "2",
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
    assert "round 2 of 2" in printed and result["rounds"] == 2 and "the median of 2 rounds" in printed


def _run(rps: float, non2xx: int = 0) -> Figures:
    return Figures("listing", requests=round(rps * 10), socket_errors=0, timeouts=0, non2xx=non2xx, seconds=10.0,
                   p50=1.0, p95=2.0, p99=3.0)


def test_each_page_reports_its_median_run_and_never_hides_a_failed_one():
    slow, middle, fast = _run(100), _run(200), _run(300)
    assert median_run([fast, slow, middle]) is middle
    assert median_run([fast, slow]) is slow  # the lower middle one of an even number
    failed = _run(400, non2xx=3)
    assert median_run([fast, failed, middle]) is failed
