"""sqlmap against every search and filter parameter of the public pages and of the read API.

The API's parameters are read from /api/v1/openapi.json, so a new parameter is scanned the day it
is declared; the pages' parameters are listed here (PRODUCT.md's stable addresses). Every target
gets real values (a cluster that exists, a listing id that exists) so that sqlmap compares pages
with results, and path parameters are marked with `*` as injection points of their own.
"""
from __future__ import annotations

import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from probe import Client

DBMS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Boolean-blind, error-based and UNION: every parameter gets each. Time-based and stacked queries
# are left out to fit the CI budget; both need an injection that boolean-blind would already see.
TECHNIQUES = "BEU"
PARALLEL = 3
FOUND = re.compile(r"identified the following injection point|appears to be '.*' injectable|is vulnerable", re.I)
CLEAN = "all tested parameters do not appear to be injectable"
SERVER_ERRORS = re.compile(r"HTTP error codes detected during run:\s*\n?\s*(.*5\d\d .*)", re.I)


@dataclass
class World:
    """Real values for the scanned addresses, read from the API of the served demo data."""
    listing_id: int
    company_slug: str
    cluster_slug: str
    partnership_slug: str | None


def discover(client: Client) -> World:
    listings = json.loads(client.request("GET", "/api/v1/listings?per_page=1").text)["items"]
    companies = json.loads(client.request("GET", "/api/v1/companies?per_page=1").text)["items"]
    clusters = json.loads(client.request("GET", "/api/v1/clusters?per_page=1").text)["items"]
    partnership = re.search(r'href="/partnerships/([a-z0-9-]+)"', client.request("GET", "/partnerships").text)
    return World(listings[0]["id"], companies[0]["slug"], clusters[0]["slug"],
                 partnership.group(1) if partnership else None)


def page_targets(world: World) -> list[str]:
    """The public pages' query parameters, each with a value that finds something."""
    listing_filters = {"q": "wood", "kind": "offer", "sector": "wood", "country": "AT", "type": "supplier",
                       "size": "small", "cluster": world.cluster_slug, "lang": "en", "posted": "365",
                       "sort": "newest", "page": "1"}
    directory = {"q": "a", "country": "AT", "sector": "wood", "page": "1"}
    targets = [
        "/listings?" + urlencode(listing_filters),
        "/listings/feed.atom?" + urlencode({k: v for k, v in listing_filters.items() if k not in ("page", "sort")}),
        "/companies?" + urlencode({**directory, "size": "small"}),
        "/clusters?" + urlencode(directory),
        "/partnerships?" + urlencode(directory),
        f"/clusters/{world.cluster_slug}?page=1",
        f"/listings/{world.listing_id}?lang=en",
        f"/companies/{world.company_slug}*", f"/clusters/{world.cluster_slug}*", f"/listings/{world.listing_id}*",
    ]
    if world.partnership_slug:
        targets.append(f"/partnerships/{world.partnership_slug}*")
    return targets


def _sample(name: str, schema: dict, world: World):
    if name == "q":
        return "wood"
    if name == "cluster":
        return world.cluster_slug
    if "enum" in schema:
        preferred = {"country": "AT", "sector": "wood"}.get(name)
        return preferred if preferred in schema["enum"] else schema["enum"][0]
    if schema.get("type") == "integer":
        return schema.get("default", schema.get("minimum", 1))
    return "a"


def api_targets(client: Client, world: World) -> list[str]:
    """Every GET operation of the API with every declared query parameter; path parameters on their own."""
    document = json.loads(client.request("GET", "/api/v1/openapi.json").text)
    base = document.get("servers", [{"url": "/api/v1"}])[0]["url"].rstrip("/")
    values = {"listing_id": str(world.listing_id)}
    targets = []
    for path, item in document["paths"].items():
        operation = item.get("get", {})
        parameters = operation.get("parameters", []) + item.get("parameters", [])
        slug = world.cluster_slug if path.startswith("/clusters") else world.company_slug
        concrete = base + path.replace("{slug}", slug)
        concrete = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), concrete)
        query = {p["name"]: _sample(p["name"], p.get("schema", {}), world)
                 for p in parameters if p.get("in") == "query"}
        if query:
            targets.append(concrete + "?" + urlencode(query))
        if "{" in path:
            targets.append(base + re.sub(r"\{(\w+)\}", lambda m: (slug if m.group(1) == "slug"
                                                                   else values.get(m.group(1), "1")) + "*", path))
    return targets


def run_chunk(sqlmap: Path, urls: list[str], dbms: str, output: Path) -> dict:
    """One sqlmap process for several addresses (`-m`): its start-up costs more than a few requests."""
    output.mkdir(parents=True, exist_ok=True)
    (output / "targets.txt").write_text("\n".join(urls) + "\n")
    results = output / "results.csv"
    command = [str(sqlmap), "-m", str(output / "targets.txt"), "--batch", "--dbms", dbms, "--technique", TECHNIQUES,
               "--level", "1", "--risk", "1", "--threads", "2", "--timeout", "30", "--retries", "1",
               "--flush-session", "--disable-coloring", "--output-dir", str(output), "--results-file", str(results)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=900)
    log = finished.stdout + finished.stderr
    (output / "sqlmap.log").write_text(log)
    tested = len(re.findall(r"testing for SQL injection on (?:GET|URI) parameter", log))
    problems = []
    rows = results.read_text().splitlines()[1:] if results.exists() else []
    if rows or FOUND.search(log):
        problems.append("injection found:\n" + "\n".join(rows or [l for l in log.splitlines() if FOUND.search(l)]))
    elif log.count(CLEAN) != len(urls):
        problems.append(f"sqlmap finished {log.count(CLEAN)} of {len(urls)} addresses cleanly; last lines:\n"
                        + "\n".join(log.splitlines()[-8:]))
    errors = SERVER_ERRORS.findall(log)
    if errors:
        problems.append("server errors while scanning: " + "; ".join(errors))
    return {"urls": urls, "tested": tested, "problems": problems}


def scan(sqlmap: Path, origin: str, targets: list[str], dialect: str, workdir: Path) -> tuple[int, list[str]]:
    """Runs the targets in a few parallel processes; returns the parameters tested and the problems found."""
    chunks = [[origin + url for url in targets[n::PARALLEL]] for n in range(PARALLEL)]
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(lambda n: run_chunk(sqlmap, chunks[n], DBMS[dialect], workdir / f"chunk{n}"),
                                range(PARALLEL)))
    for url in targets:
        print(f"   sqlmap  {url}", flush=True)
    return sum(r["tested"] for r in results), [f"sqlmap: {p}" for r in results for p in r["problems"]]
