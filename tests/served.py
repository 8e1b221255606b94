"""The app served by a real gunicorn on a free local port, and a plain-HTTP client with its own cookies.

For the tests that need several worker processes (load, exactly-once under concurrency, faults):
the clients use only the standard library, so what they see is what a browser would get.
"""
from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import pytest

from .conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
FLASK = ROOT / ".venv" / "bin" / "flask"
SECRET_KEY = "served-test-secret-key-long-enough-for-the-check-0123456789"
CSRF_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    """A client with its own cookies; a new connection per request (gunicorn's sync workers close them)."""

    def __init__(self, port: int, timeout: float = 30):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str]:
        status, _headers, text = self.exchange(method, path, form, headers)
        return status, text

    def exchange(self, method: str, path: str, form: dict | None = None,
                 headers: dict[str, str] | None = None) -> tuple[int, http.client.HTTPMessage, str]:
        """Status, headers and body; OSError (refused, reset, cut off, timed out) is the caller's to judge."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            try:
                text = response.read().decode("utf-8", "replace")
            except http.client.IncompleteRead as error:
                # A worker that dies mid-body gave no answer, like a reset before the status line.
                raise ConnectionResetError(f"answer cut off: {error!r}") from error
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(header)
                for name, morsel in cookie.items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response.headers, text
        finally:
            connection.close()

    def token(self, path: str) -> str:
        status, page = self.request("GET", path)
        assert status == 200, (path, status, page[:300])
        return CSRF_TOKEN.search(page).group(1)

    def sign_in(self, email: str, password: str) -> None:
        token = self.token("/account/sign-in")
        status, page = self.request("POST", "/account/sign-in",
                                    {"email": email, "password": password, "csrf_token": token})
        assert status == 302, (email, status, page[:300])


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """What the served app (and `flask` commands next to it) read: CSRF on, plain HTTP, no rate limits."""
    env = {**os.environ,
           "MARKETPLACE_ENV": "testing",  # plain HTTP: cookies must not be secure-only
           "MARKETPLACE_SECRET_KEY": SECRET_KEY,
           "MARKETPLACE_DATABASE_URL": database_url,
           "MARKETPLACE_RATELIMIT_ENABLED": "false",  # dozens of sign-ins from one address in a second
           "MARKETPLACE_MAIL_DELIVERY": "worker",
           "MARKETPLACE_ARGON2_PROFILE": "fast",
           **extra}
    env.pop("MARKETPLACE_SERVER_NAME", None)
    return env


@dataclass
class Served:
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        """The master's children, read from /proc."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def wait_for_workers(self, count: int, timeout: float = 60) -> list[int]:
        """Until `count` workers run and each answers (a replacement needs a moment to import the app)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == count and _answers(self.port):
                return pids
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not get back to {count} workers: {self.worker_pids()}\n{self.log()[-3000:]}")


def _answers(port: int) -> bool:
    try:
        return Browser(port, timeout=10).request("GET", "/healthz")[0] == 200
    except OSError:
        return False


@contextmanager
def serve(database_url: str, log_path: Path, *, workers: int = 3, timeout: int = 60,
          env: dict[str, str] | None = None) -> Iterator[Served]:
    """gunicorn with sync workers on 127.0.0.1; stopped (quickly) when the block ends."""
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "--workers", str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
             "--timeout", str(timeout), "--graceful-timeout", "5",
             "--no-control-socket",  # one per user by default: parallel servers would share it
             "wsgi:app"],
            cwd=ROOT, env={**environment(database_url), **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
        served = Served(port, process, log_path)
        try:
            started = time.monotonic()
            while not _answers(port):
                if process.poll() is not None or time.monotonic() - started > 60:
                    pytest.fail("gunicorn did not start:\n" + served.log()[-3000:])
                time.sleep(0.2)
            yield served
        finally:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown; nothing is in flight any more
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def flask(database_url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A `flask` command against the served database, as an operator (or a scheduler) would run it."""
    return subprocess.run([str(FLASK), "--app", "wsgi", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**environment(database_url), **(env or {})})
