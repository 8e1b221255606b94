"""Run wrk against a list of paths (one picked at random per request) and read its figures."""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Requests pick a path at random per request (a seed per thread), so no single cached answer
# serves the load. response() counts every answer that is not a 2xx - wrk's own status count
# only sees >= 400, so a redirect to the sign-in page would pass for a figure - and keeps the
# first such status and path to print. done() sums the threads and prints JSON for us to read.
LUA = r"""
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("seed", #threads)
end
function init(args)
  math.randomseed(seed * 7919)
  bad = 0
  bad_sample = ""
  last_path = ""
  %(headers)s
end
function request()
  last_path = paths[math.random(#paths)]
  return wrk.format("GET", last_path)
end
function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    if bad_sample == "" then bad_sample = status .. " " .. last_path end
  end
end
function done(summary, latency, requests)
  local non2xx, sample = 0, ""
  for _, thread in ipairs(threads) do
    non2xx = non2xx + thread:get("bad")
    if sample == "" then sample = thread:get("bad_sample") end
  end
  io.write(string.format('BENCH {"requests": %%d, "socket_errors": %%d, "timeouts": %%d, "non2xx": %%d, ' ..
    '"seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, "sample": "%%s"}\n',
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, non2xx, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    sample:gsub('[%%c"\\]', "?")))
end
"""


@dataclass
class Figures:
    name: str
    requests: int
    socket_errors: int  # connect, read and write errors
    timeouts: int
    non2xx: int
    seconds: float
    p50: float
    p95: float
    p99: float
    sample: str = ""  # the first answer that was not a 2xx: "status path"

    @property
    def errors(self) -> int:
        return self.socket_errors + self.timeouts + self.non2xx

    @property
    def rps(self) -> float:
        """Successful answers per second: a run with errors is a failure, not a figure."""
        return (self.requests - self.non2xx) / self.seconds if self.seconds else 0.0


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(name: str, base_url: str, paths: list[str], seconds: int, connections: int, threads: int = 2,
        cookie: str | None = None) -> Figures:
    headers = f"wrk.headers[\"Cookie\"] = {_lua_string(cookie)}" if cookie else ""
    with tempfile.TemporaryDirectory() as folder:
        path_file = Path(folder) / "paths.txt"
        path_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
        script = Path(folder) / "paths.lua"
        script.write_text(LUA % {"paths": path_file, "headers": headers}, encoding="utf-8")
        result = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
             base_url], capture_output=True, text=True, check=True)
    match = re.search(r"^BENCH (\{.*\})$", result.stdout, re.M)
    if not match:
        raise RuntimeError("wrk gave no figures:\n" + result.stdout + result.stderr)
    return Figures(name=name, **json.loads(match.group(1)))
