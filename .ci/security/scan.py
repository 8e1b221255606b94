"""The security scan of .ci/security-scan: bandit, then per database a served app probed by our crawler, sqlmap and wapiti.

The app runs as in production (MARKETPLACE_ENV=production, a random secret, two gunicorn sync
workers) over TLS on 127.0.0.1 with a certificate made for this run, so Secure cookies and HSTS
are exercised as they are behind a real HTTPS front. Only the rate limits are raised: a scanner
sends thousands of requests from one address, and the limits themselves are proven by
tests/accounts/test_rate_limits_served.py. Exits 1 on any finding.
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import probe
import sqlmap_scan
import wapiti_scan

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
DEMO_PASSWORD = "demo-password-2026"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432"
PG_DATABASE = "scan"


def banner(text: str) -> None:
    print(f"== {text}", flush=True)


def free_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


def make_certificate(directory: Path) -> tuple[str, str]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return str(cert), str(key)


def environment(database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MARKETPLACE_")}
    return {**env,
            "MARKETPLACE_ENV": "production",
            "MARKETPLACE_SECRET_KEY": secrets.token_urlsafe(48),
            "MARKETPLACE_DATABASE_URL": database_url,
            "MARKETPLACE_MAIL_DELIVERY": "worker",  # mail waits in the outbox; no SMTP server here
            "MARKETPLACE_RATELIMIT_AUTH": "100000 per minute",
            "MARKETPLACE_RATELIMIT_SIGN_IN_PER_EMAIL": "100000 per minute",
            "MARKETPLACE_API_RATELIMIT": "100000 per minute",
            "MARKETPLACE_INTEREST_DAILY_LIMIT": "100000"}


def prepare_database(dialect: str, workdir: Path) -> str:
    if dialect == "sqlite":
        return f"sqlite:///{workdir / 'scan.sqlite'}"
    for statement in (f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", f"CREATE DATABASE {PG_DATABASE}"):
        subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-q", "-c", statement], check=True, capture_output=True)
    return f"{PG_ADMIN_URL}/{PG_DATABASE}"


def drop_database(dialect: str) -> None:
    if dialect == "postgresql":
        subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-q", "-c",
                        f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"], capture_output=True)


def load_demo(env: dict[str, str]) -> str:
    """Migrates and loads the demo data; returns the e-mail of the demo company member it printed."""
    flask = [str(VENV / "flask"), "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    loaded = subprocess.run(flask + ["demo", "load"], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    member = re.search(r"company member\s+(\S+@\S+)", loaded.stdout)
    if not member:
        raise SystemExit("`flask demo load` named no company member:\n" + loaded.stdout[-1500:])
    return member.group(1)


class Server:
    """gunicorn with two sync workers over TLS; its log is kept to look for errors afterwards."""

    def __init__(self, env: dict[str, str], cert: str, key: str, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [str(VENV / "gunicorn"), "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}",
             "--certfile", cert, "--keyfile", key, "--timeout", "60", "--graceful-timeout", "5", "wsgi:app"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, cafile: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited:\n" + self.log_path.read_text()[-3000:])
            try:
                if probe.Client(self.port, cafile).request("GET", "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not answer /healthz in time")

    def stop(self) -> list[str]:
        """Stops the server; returns the server errors it logged (a scanner input that crashed a request)."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        lines = self.log_path.read_text(errors="replace").splitlines()
        return [line for line in lines if "Unhandled error" in line or " ERROR " in line or "[CRITICAL]" in line]


def run_bandit(tools: Path) -> list[str]:
    banner("bandit over marketplace/ (medium severity and up)")
    found = subprocess.run([str(tools / "bandit"), "-q", "-r", "marketplace", "-ll", "-f", "custom", "--msg-template",
                            "{relpath}:{line}: {test_id} {severity}: {msg}"], cwd=ROOT, capture_output=True, text=True)
    findings = [line for line in found.stdout.splitlines() if re.match(r"\S+:\d+: B\d+", line)]
    if found.returncode not in (0, 1) or (found.returncode == 1 and not findings):
        return [f"bandit failed ({found.returncode}): {found.stderr[-1500:]}"]
    print(f"   bandit: {len(findings)} finding(s) not explained by a `# nosec BXXX` with its reason", flush=True)
    return [f"bandit {line}" for line in findings]


def scan_database(dialect: str, tools: Path, workdir: Path, cert: str, key: str, full: bool,
                  with_wapiti: bool, steps: dict[str, list[str]]) -> None:
    """Serves the demo data on `dialect` and scans it; each tool's problems go into `steps`."""
    banner(f"{dialect}: demo data, gunicorn (2 workers, TLS) on 127.0.0.1")
    started = time.monotonic()
    env = environment(prepare_database(dialect, workdir))
    member = load_demo(env)
    server = Server(env, cert, key, workdir / f"gunicorn-{dialect}.log")
    try:
        server.wait_ready(cert)
        print(f"   served on port {server.port} in {time.monotonic() - started:.0f} s; member {member}", flush=True)
        steps[f"{dialect}: headers, cookies, errors, redirects"] = probe_pages(server.port, cert, member)
        banner(f"{dialect}: sqlmap ({'every target' if full else 'the API and /listings'})")
        anonymous = probe.Client(server.port, cert)
        world = sqlmap_scan.discover(anonymous)
        targets = sqlmap_scan.api_targets(anonymous, world) + sqlmap_scan.page_targets(world)
        if not full:
            targets = [t for t in targets if t.startswith(("/api/", "/listings?"))]
        began = time.monotonic()
        tested, found = sqlmap_scan.scan(tools / "sqlmap", anonymous.origin, targets, dialect, workdir / f"sqlmap-{dialect}")
        print(f"   sqlmap: {len(targets)} addresses, {tested} parameters tested, {len(found)} finding(s), "
              f"{time.monotonic() - began:.0f} s", flush=True)
        steps[f"{dialect}: sqlmap"] = found
        if with_wapiti:
            banner(f"{dialect}: wapiti, signed in as {member}")
            member_client = probe.Client(server.port, cert)
            if member_client.sign_in(member, DEMO_PASSWORD).status != 302:
                raise SystemExit("the demo member could not sign in for wapiti")
            counts, found, notes = wapiti_scan.run(tools / "wapiti", member_client, workdir / "wapiti")
            print("   wapiti: " + ", ".join(f"{v} {k}" for k, v in counts.items())
                  + f"; {len(found)} not allow-listed", flush=True)
            for note in notes:
                print(f"   note: {note}")
            steps[f"{dialect}: wapiti"] = found
    finally:
        errors = server.stop()
        drop_database(dialect)
    steps[f"{dialect}: no server error logged"] = [
        f"{len(errors)} server error(s) logged during the scan, e.g.:\n" + "\n".join(errors[:5])] if errors else []
    print(f"   {dialect} done in {time.monotonic() - started:.0f} s", flush=True)


def probe_pages(port: int, cert: str, member: str) -> list[str]:
    banner("headers, cookies, error pages and ?next= on every page reached")
    problems = []
    for who in ("anonymous", member):
        client = probe.Client(port, cert)
        if who != "anonymous" and client.sign_in(who, DEMO_PASSWORD).status != 302:
            return [f"{who} could not sign in"]
        visited, found = probe.crawl(client, ["/", "/listings", "/companies", "/clusters", "/partnerships",
                                              "/observatory", "/account/", "/inbox", "/api/v1/listings"],
                                     signed_in=who != "anonymous", max_pages=120, skip=("/account/sign-out",))
        print(f"   crawled {visited} pages as {who}: {len(found)} problem(s)", flush=True)
        problems += found
    errors = probe.error_page_problems(probe.Client(port, cert))
    redirects = probe.redirect_problems(port, cert, member, DEMO_PASSWORD)
    print(f"   error pages: {len(errors)} problem(s); {len(probe.NEXT_TARGETS)} off-site ?next= targets on "
          f"sign-in and the language switch: {len(redirects)} problem(s)", flush=True)
    return problems + errors + redirects


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=Path, required=True, help="bin/ of the scanners' venv")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--skip", default="", help="comma-separated: bandit, wapiti")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    started = time.monotonic()
    steps: dict[str, list[str]] = {}
    if "bandit" not in skip:
        steps["bandit"] = run_bandit(args.tools)
    with tempfile.TemporaryDirectory(prefix="security-scan-") as tmp:
        workdir = Path(tmp)
        cert, key = make_certificate(workdir)
        for dialect in filter(None, args.databases.split(",")):
            # PostgreSQL gets the API and /listings: the same code paths as SQLite's pages, dialect by dialect.
            scan_database(dialect, args.tools, workdir, cert, key, full=dialect == "sqlite",
                          with_wapiti=dialect == "sqlite" and "wapiti" not in skip, steps=steps)
    banner(f"security scan finished in {time.monotonic() - started:.0f} s")
    for step, problems in steps.items():
        print(f"{'FAIL' if problems else 'ok  '} {step}")
        for problem in problems:
            print("   - " + problem)
    failed = sum(1 for problems in steps.values() if problems)
    print(f"security-scan: {len(steps) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
