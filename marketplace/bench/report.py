"""What the benchmark measures, its targets, and how its figures are printed and judged."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .wrk import Figures

P95_TARGET_MS = 100
MEMORY_TARGET_MB = 200


@dataclass(frozen=True)
class Scenario:
    key: str                     # the Workload attribute holding its paths
    label: str
    target_ratio: float | None   # of /healthz throughput in the same run; None for the floor itself
    signed_in: bool = False      # requested with a cluster manager's session cookie


SCENARIOS = (
    Scenario("healthz", "/healthz (floor)", None),
    Scenario("listing", "listing page", 0.4),
    Scenario("search", "search: text + 2 facets", 0.2),
    Scenario("browse", "browse: facets only", 0.2),
    Scenario("matches", "matches tab", 0.2),
    Scenario("figures", "cluster dashboard (manager)", 0.2, signed_in=True),
    Scenario("observatory", "observatory", 0.2),
)


def machine_load() -> str:
    """The machine's load average: figures taken on a busy machine are read with it."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def line(scenario: Scenario, result: Figures, distinct: int) -> str:
    errors = ""
    if result.errors:
        errors = (f"  FAILED: {result.non2xx} non-2xx, {result.socket_errors} socket errors, "
                  f"{result.timeouts} timeouts (first: {result.sample or 'n/a'})")
    return (f"  {scenario.label:30} {result.rps:8.0f} req/s  p50 {result.p50:6.1f} ms  p95 {result.p95:6.1f} ms  "
            f"p99 {result.p99:6.1f} ms  ({distinct} distinct URLs){errors}")


def median_run(runs: list[Figures]) -> Figures:
    """The run of median throughput (the lower middle one of an even number); a failed run, if any,
    so that a failure is never outvoted."""
    failed = [run for run in runs if run.errors or not run.requests]
    if failed:
        return failed[0]
    return sorted(runs, key=lambda run: run.rps)[(len(runs) - 1) // 2]


def _verdict(scenario: Scenario, result: Figures, ratio: float, floor_failed: bool) -> str:
    if result.errors:
        return "FAILED (errors)"
    if not result.requests:
        return "FAILED (no answer within the run)"
    if floor_failed:
        return "FAILED (/healthz had errors)"
    if scenario.target_ratio is None:
        return "floor"
    missed = []
    if ratio < scenario.target_ratio:
        missed.append(f"ratio < {scenario.target_ratio}")
    if result.p95 >= P95_TARGET_MS:
        missed.append(f"p95 ≥ {P95_TARGET_MS} ms")
    return "ok" if not missed else "BELOW TARGET: " + ", ".join(missed)


def summarise(figures: dict[str, Figures], skipped: dict[str, str], memory: list[float],
              load_seconds: float | None, rounds: int = 1) -> dict:
    floor = figures.get("healthz")
    floor_failed = floor is None or bool(floor.errors)
    rows = {}
    for scenario in SCENARIOS:
        result = figures.get(scenario.key)
        if result is None:
            continue
        ratio = result.rps / floor.rps if floor and floor.rps else 0.0
        rows[scenario.key] = {
            "label": scenario.label, "rps": round(result.rps), "ratio": round(ratio, 2),
            "p50": round(result.p50, 1), "p95": round(result.p95, 1), "p99": round(result.p99, 1),
            "requests": result.requests, "non2xx": result.non2xx, "socket_errors": result.socket_errors,
            "timeouts": result.timeouts, "target_ratio": scenario.target_ratio,
            "verdict": _verdict(scenario, result, ratio, floor_failed)}
    print(f"  worker memory after the run: {', '.join(f'{mb:.0f} MB' for mb in memory)} "
          f"({'ok' if memory and max(memory) < MEMORY_TARGET_MB else f'target: under {MEMORY_TARGET_MB} MB'})")
    return {"load_seconds": None if load_seconds is None else round(load_seconds, 1),
            "worker_rss_mb": [round(m) for m in memory], "machine": machine_load(), "pages": rows,
            "skipped": skipped, "rounds": rounds}


def print_table(results: dict) -> None:
    print("\n| database | page | req/s | × /healthz | p50 ms | p95 ms | p99 ms | errors | verdict |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for database, result in results.items():
        for row in result["pages"].values():
            errors = row["non2xx"] + row["socket_errors"] + row["timeouts"]
            target = f" (≥ {row['target_ratio']})" if row["target_ratio"] else ""
            print(f"| {database} | {row['label']} | {row['rps']:,} | {row['ratio']:.2f}{target} | {row['p50']} | "
                  f"{row['p95']} | {row['p99']} | {errors} | {row['verdict']} |")
    for database, result in results.items():
        load = "not measured (--reuse)" if result["load_seconds"] is None else f"{result['load_seconds']} s"
        rounds = result.get("rounds", 1)
        medians = f"; each page the median of {rounds} rounds" if rounds > 1 else ""
        print(f"{database}: load {load}, worker memory {result['worker_rss_mb']} MB; {result['machine']}{medians}")
        for key, reason in result["skipped"].items():
            print(f"{database}: {key} skipped - {reason}")


def any_failed(results: dict) -> bool:
    """Whether a scenario answered with errors: such a run measured nothing."""
    return any(row["verdict"].startswith("FAILED") for result in results.values() for row in result["pages"].values())
