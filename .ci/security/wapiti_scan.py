"""wapiti crawling the site signed in as a demo company member; findings not in the allow-list fail the scan.

The session cookie comes from a real sign-in through the form (probe.Client.sign_in) and is sent
with every request (`-C`); wapiti's own form login works too but judges success by words on the
page after signing in, and the home page of a signed-in member can hold "expired" (a listing's
state), which wapiti reads as a failed login.
"""
from __future__ import annotations

import fnmatch
import json
import subprocess
import time
from pathlib import Path

from probe import Client

ROOT = Path(__file__).resolve().parents[2]
ALLOWLIST = ROOT / ".ci" / "wapiti-allowlist.json"
# XSS (reflected and stored), SQL and command injection, open redirect and CSRF, plus the passive
# checks of headers, CSP and cookie flags.
MODULES = "xss,permanentxss,sql,exec,redirect,csrf,cookieflags,csp,http_headers"
MAX_ATTACK_SECONDS = 10  # per attack module, after the crawl
MAX_CRAWL_SECONDS = 60
# Never crawled: signing out ends the session the scan runs in; account deletion is destructive.
EXCLUDED = ("/account/sign-out", "/account/privacy/delete", "/companies/*/members/*/remove")


def load_allowlist() -> list[dict]:
    entries = json.loads(ALLOWLIST.read_text())
    for entry in entries:
        if not entry.get("reason") or not entry.get("category") or not entry.get("path"):
            raise SystemExit(f"{ALLOWLIST.name}: every entry needs category, path and reason: {entry}")
    return entries


def _allowed(finding: dict, allowlist: list[dict]) -> dict | None:
    for entry in allowlist:
        if entry["category"] == finding["category"] and fnmatch.fnmatchcase(finding["path"], entry["path"]) \
                and entry.get("parameter", finding["parameter"]) == finding["parameter"] \
                and entry.get("info", "") in finding["info"]:
            return entry
    return None


def findings_of(report: dict) -> list[dict]:
    found = []
    for kind in ("vulnerabilities", "anomalies"):
        for category, items in report.get(kind, {}).items():
            for item in items:
                found.append({"category": category, "method": item.get("method", ""), "path": item.get("path", ""),
                              "parameter": item.get("parameter", "") or "", "info": item.get("info", "")})
    return found


def run(wapiti: Path, client: Client, workdir: Path) -> tuple[dict, list[str], list[str]]:
    """Runs the scan; returns the report's counts, the problems (not allow-listed) and notes."""
    workdir.mkdir(parents=True, exist_ok=True)
    cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    report_path = workdir / "wapiti.json"
    command = [str(wapiti), "-u", client.origin + "/", "--scope", "folder", "-C", cookie, "-m", MODULES,
               "-d", "3", "--max-links-per-page", "25", "--max-files-per-dir", "5", "-r", "lang",
               "--max-attack-time", str(MAX_ATTACK_SECONDS), "--max-scan-time", str(MAX_CRAWL_SECONDS),
               "--tasks", "4", "-t", "30", "--flush-session", "--store-session", str(workdir / "session"),
               "--store-config", str(workdir / "config"), "-f", "json", "-o", str(report_path), "-v", "1"]
    for path in EXCLUDED:
        command += ["-x", client.origin + path]
    started = time.monotonic()
    finished = subprocess.run(command, capture_output=True, text=True, timeout=MAX_CRAWL_SECONDS + 600)
    (workdir / "wapiti.log").write_text(finished.stdout + finished.stderr)
    if finished.returncode != 0 or not report_path.exists():
        return {}, [f"wapiti failed ({finished.returncode}):\n" + (finished.stdout + finished.stderr)[-2000:]], []
    report = json.loads(report_path.read_text())
    allowlist = load_allowlist()
    problems, notes, used = [], [], set()
    for finding in findings_of(report):
        entry = _allowed(finding, allowlist)
        if entry is None:
            problems.append(f"wapiti {finding['category']}: {finding['method']} {finding['path']} "
                            f"[{finding['parameter']}] {finding['info'][:200]}")
            continue
        used.add(id(entry))
        if entry["category"] == "Cross Site Request Forgery":
            problems += _csrf_still_enforced(client, finding)
    notes += [f"allow-list entry not needed this run: {e['category']} {e['path']}" for e in allowlist
              if id(e) not in used]
    counts = {"pages crawled": report.get("infos", {}).get("crawled_pages_nbr", 0),
              "findings": len(findings_of(report)), "seconds": round(time.monotonic() - started)}
    return counts, problems, notes


def _csrf_still_enforced(client: Client, finding: dict) -> list[str]:
    """An allow-listed CSRF finding is only a name wapiti does not know: the form without it is refused."""
    response = client.request(finding["method"] or "POST", finding["path"] + "?lang=en", form={})
    if response.status == 400 and "Your form expired" in response.text:
        return []
    return [f"CSRF allow-list entry for {finding['path']} is wrong: a POST without a token got {response.status}"]
