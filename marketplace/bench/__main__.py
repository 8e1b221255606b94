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

from .. import create_app
from . import workload, wrk
from .server import Gunicorn

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results"
SCENARIOS = (("healthz", "/healthz (floor)"), ("listing", "listing page"), ("search", "search: text + 2 facets"),
             ("browse", "browse: facets only"), ("matches", "matches tab"))
TARGET_RATIO = {"listing": 0.4, "search": 0.2, "browse": 0.2, "matches": 0.2}


def _databases(args) -> dict[str, str]:
    found = {}
    if "sqlite" in args.databases:
        found["sqlite"] = f"sqlite:///{ROOT / 'instance' / 'bench.sqlite'}"
    if "postgresql" in args.databases:
        found["postgresql"] = args.postgresql_url
    return found


def _fresh(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(make_url(url).database)
        path.parent.mkdir(exist_ok=True)
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
                   env={**os.environ, **env}, check=True)
    return time.monotonic() - started


def _redis_available(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001 - no Redis: the per-process cache is used instead
        return False


def bench_database(name: str, url: str, args) -> dict:
    print(f"\n== {name}: {args.companies:,} companies, {args.listings:,} listings", flush=True)
    env = {"MARKETPLACE_ENV": "production", "MARKETPLACE_SECRET_KEY": secrets.token_urlsafe(48),
           "MARKETPLACE_DATABASE_URL": url, "MARKETPLACE_SERVER_NAME": "", "MARKETPLACE_RATELIMIT_ENABLED": "false"}
    if _redis_available(args.redis_url):
        env["MARKETPLACE_REDIS_URL"] = args.redis_url
    env = {k: v for k, v in env.items() if v != ""}
    _fresh(url)
    _flask(env, "db", "upgrade")
    load_seconds = _flask(env, "demo", "load", "--companies", str(args.companies), "--listings", str(args.listings))
    print(f"loaded in {load_seconds:.1f} s", flush=True)
    app = create_app({"ENV": "production", "SECRET_KEY": env["MARKETPLACE_SECRET_KEY"], "DATABASE_URL": url})
    with app.app_context():
        urls = workload.build(random.Random(args.seed))
    server = Gunicorn({**env, "MARKETPLACE_ENV": "production"}, workers=args.workers)
    figures = {}
    try:
        server.wait_ready()
        for key, label in SCENARIOS:
            paths = getattr(urls, key)
            wrk.run(key, server.url, paths, seconds=2, connections=args.connections)  # warm-up
            figures[key] = wrk.run(key, server.url, paths, seconds=args.seconds, connections=args.connections)
            result = figures[key]
            print(f"  {label:28} {result.rps:8.0f} req/s  p50 {result.p50:6.1f} ms  p95 {result.p95:6.1f} ms  "
                  f"p99 {result.p99:6.1f} ms  errors {result.errors + result.non2xx}  "
                  f"({len(set(paths))} distinct URLs)", flush=True)
        memory = server.worker_rss_mb()
    finally:
        server.stop()
    floor = figures["healthz"].rps or 1
    print(f"  worker memory: {', '.join(f'{mb:.0f} MB' for mb in memory)}")
    rows = {}
    for key, label in SCENARIOS:
        result = figures[key]
        ratio = result.rps / floor
        target = TARGET_RATIO.get(key)
        verdict = "" if target is None else ("ok" if ratio >= target and result.p95 < 100 else "BELOW TARGET")
        rows[key] = {"label": label, "rps": round(result.rps), "ratio": round(ratio, 2), "p50": round(result.p50, 1),
                     "p95": round(result.p95, 1), "p99": round(result.p99, 1),
                     "errors": result.errors + result.non2xx, "target_ratio": target, "verdict": verdict}
    return {"load_seconds": round(load_seconds, 1), "worker_rss_mb": [round(m) for m in memory], "pages": rows}


def print_table(results: dict) -> None:
    print("\n| database | page | req/s | × /healthz | p50 ms | p95 ms | p99 ms | target |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for database, result in results.items():
        for row in result["pages"].values():
            target = f"≥ {row['target_ratio']} and p95 < 100 ms: {row['verdict']}" if row["target_ratio"] else "floor"
            print(f"| {database} | {row['label']} | {row['rps']:,} | {row['ratio']:.2f} | {row['p50']} | "
                  f"{row['p95']} | {row['p99']} | {target} |")
    for database, result in results.items():
        print(f"{database}: load {result['load_seconds']} s, worker memory {result['worker_rss_mb']} MB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--postgresql-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    args = parser.parse_args(argv)
    results = {name: bench_database(name, url, args) for name, url in _databases(args).items()}
    print_table(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nfigures written to {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
