"""Entry point of `make bench`: load data at scale, serve with gunicorn, measure with wrk, print figures."""
from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.exceptions import HTTPException

from .. import create_app
from ..demo.generator import DEMO_PASSWORD
from ..extensions import db
from . import report, workload, wrk
from .server import Gunicorn, prime, sign_in

ROOT = Path(__file__).resolve().parents[2]
LOAD_TARGET_SECONDS = 60


def _databases(args) -> dict[str, str]:
    found = {}
    if "sqlite" in args.databases:
        found["sqlite"] = f"sqlite:///{Path(args.sqlite_path).resolve()}"
    if "postgresql" in args.databases:
        found["postgresql"] = args.postgresql_url
    return found


def _fresh(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(make_url(url).database)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def _flask(env: dict, *args: str) -> float:
    started = time.monotonic()
    subprocess.run([str(Path(sys.executable).with_name("flask")), "--app", "wsgi", *args], cwd=ROOT,
                   env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def _redis_available(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001 - no Redis: the per-process cache is used instead
        return False


def _build_schema(app, env: dict, schema: str) -> None:
    if schema == "migrations":
        _flask(env, "db", "upgrade")
        return
    # Models ahead of their migrations (a working tree between revisions): build what the models say.
    with app.app_context():
        db.create_all()
    _flask(env, "db", "stamp", "head")


def _has_route(app, path: str) -> bool:
    try:
        app.url_map.bind("localhost").match(path.split("?")[0], method="GET")
        return True
    except HTTPException:
        return False


def bench_database(name: str, url: str, args) -> dict:
    print(f"\n== {name}: {args.companies:,} companies, {args.listings:,} listings   [{report.machine_load()}]", flush=True)
    env = {"MARKETPLACE_ENV": "production", "MARKETPLACE_SECRET_KEY": secrets.token_urlsafe(48),
           "MARKETPLACE_DATABASE_URL": url, "MARKETPLACE_RATELIMIT_ENABLED": "false"}
    redis_client = None
    if _redis_available(args.redis_url):
        env["MARKETPLACE_REDIS_URL"] = args.redis_url
        import redis

        redis_client = redis.Redis.from_url(args.redis_url)
    app = create_app({"ENV": "production", "SECRET_KEY": env["MARKETPLACE_SECRET_KEY"], "DATABASE_URL": url})
    load_seconds = None
    if not args.reuse:
        _fresh(url)
        _build_schema(app, env, args.schema)
        load_seconds = _flask(env, "demo", "load", "--companies", str(args.companies), "--listings", str(args.listings))
        verdict = "ok" if load_seconds < LOAD_TARGET_SECONDS else f"OVER the {LOAD_TARGET_SECONDS} s target"
        print(f"loaded in {load_seconds:.1f} s ({verdict})", flush=True)
    with app.app_context():
        urls = workload.build(random.Random(args.seed))
        db.engine.dispose()
    runs: dict[str, list] = {}
    skipped: dict[str, str] = {}
    for round_number in range(1, args.rounds + 1):
        if args.rounds > 1:
            print(f"  round {round_number} of {args.rounds}", flush=True)
        # Each round starts cold, as the first: new workers, and no answer cached by an earlier round or run.
        if redis_client is not None:
            redis_client.flushdb()
        server = Gunicorn(env, workers=args.workers, port=args.port)
        try:
            server.wait_ready()
            _measure_round(app, server, urls, args, runs, skipped, first=round_number == 1)
            memory = server.worker_rss_mb()
        finally:
            server.stop()
    figures = {key: report.median_run(measured) for key, measured in runs.items()}
    return report.summarise(figures, skipped, memory, load_seconds, args.rounds)


def _measure_round(app, server: Gunicorn, urls, args, runs: dict[str, list], skipped: dict[str, str],
                   first: bool) -> None:
    """Every page once, in turn, each primed first; the first round notes the pages the app lacks."""
    for scenario in report.SCENARIOS:
        paths = getattr(urls, scenario.key)
        if not paths or not _has_route(app, paths[0]):
            if first:
                skipped[scenario.key] = f"the app has no route for {paths[0] if paths else scenario.label}"
                print(f"  {scenario.label:30} skipped: {skipped[scenario.key]}", flush=True)
            continue
        cookie = sign_in(server.port, urls.manager_email, DEMO_PASSWORD) if scenario.signed_in else None
        prime(server.port, paths, cookie)
        wrk.run(scenario.key, server.url, paths, seconds=args.warmup, connections=args.connections, cookie=cookie)
        result = wrk.run(scenario.key, server.url, paths, seconds=args.seconds, connections=args.connections,
                         cookie=cookie)
        runs.setdefault(scenario.key, []).append(result)
        print(report.line(scenario, result, len(set(paths))), flush=True)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured run")
    parser.add_argument("--warmup", type=int, default=3, help="length of the unmeasured run before each")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure every page this many times, in turns, and report each page's median run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--sqlite-path", default=str(ROOT / "instance" / "bench.sqlite"))
    parser.add_argument("--postgresql-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
                        help="a Redis database of its own: the run empties it first")
    parser.add_argument("--schema", choices=["migrations", "models"], default="migrations",
                        help="build the schema with the migrations (default) or from the models")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the databases as they are, without reloading them (no load time)")
    parser.add_argument("--results", default=str(ROOT / "bench-results" / "latest.json"))
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    results = {name: bench_database(name, url, args) for name, url in _databases(args).items()}
    report.print_table(results)
    results_file = Path(args.results)
    results_file.parent.mkdir(parents=True, exist_ok=True)
    results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nfigures written to {results_file}")
    return results


if __name__ == "__main__":
    sys.exit(1 if report.any_failed(main()) else 0)
