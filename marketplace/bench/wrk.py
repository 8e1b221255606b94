"""Run wrk against a list of paths (one picked at random per request) and read its figures."""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Requests cycle through the given paths in a random order per thread, so no single cached
# answer serves the load; done() prints the figures as JSON for us to read back.
LUA = r"""
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(seed * 7919)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
function done(summary, latency, requests)
  io.write(string.format('BENCH {"requests": %%d, "errors": %%d, "non2xx": %%d, "seconds": %%f, ' ..
    '"p50": %%f, "p95": %%f, "p99": %%f}\n',
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Figures:
    name: str
    requests: int
    errors: int
    non2xx: int
    seconds: float
    p50: float
    p95: float
    p99: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run(name: str, base_url: str, paths: list[str], seconds: int, connections: int, threads: int = 2) -> Figures:
    with tempfile.TemporaryDirectory() as folder:
        path_file = Path(folder) / "paths.txt"
        path_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
        script = Path(folder) / "paths.lua"
        script.write_text(LUA % {"paths": path_file}, encoding="utf-8")
        result = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
             base_url], capture_output=True, text=True, check=True)
    match = re.search(r"^BENCH (\{.*\})$", result.stdout, re.M)
    if not match:
        raise RuntimeError("wrk gave no figures:\n" + result.stdout + result.stderr)
    return Figures(name=name, **json.loads(match.group(1)))
