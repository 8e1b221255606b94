"""gunicorn for the benchmark: two sync workers on 127.0.0.1, their memory, and a signed-in visitor's cookie."""
from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

CSRF_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, env: dict[str, str], workers: int = 2, port: int = 0):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "--workers", str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "wsgi:app"],
            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + (self.process.stderr.read() if self.process.stderr else ""))
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # nosec B310 # our own http://127.0.0.1 URL
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (children of the master), from /proc."""
        sizes = []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        for pid in children.read_text().split() if children.exists() else []:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _exchange(port: int, method: str, path: str, cookies: dict[str, str], form: dict | None = None,
              timeout: float = 30) -> tuple[int, str]:
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        # Read Set-Cookie ourselves: the session cookie is Secure, which a cookie jar keeps off plain http.
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                cookies[name] = morsel.value
        return response.status, text
    finally:
        connection.close()


def sign_in(port: int, email: str, password: str) -> str:
    """The Cookie header of a real session: the sign-in form fetched, filled in and posted, as a browser does."""
    cookies: dict[str, str] = {}
    status, page = _exchange(port, "GET", "/account/sign-in", cookies)
    token = CSRF_TOKEN.search(page)
    if status != 200 or token is None:
        raise RuntimeError(f"the sign-in form did not come (status {status})")
    status, _ = _exchange(port, "POST", "/account/sign-in", cookies,
                          {"csrf_token": token.group(1), "email": email, "password": password})
    if status != 302:
        raise RuntimeError(f"signing in as {email} failed (status {status})")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def prime(port: int, paths: list[str], cookie: str | None, requests: int = 6) -> None:
    """A few answers of each page from both workers before wrk starts its clock.

    A worker's first request of a page compiles its templates and SQL (a second of CPU, far more
    on a busy machine); wrk's short warm-up would give up on it and leave the cost in the figures.
    """
    cookies = dict(part.split("=", 1) for part in cookie.split("; ")) if cookie else {}

    def fetch(path: str) -> None:
        try:
            _exchange(port, "GET", path, dict(cookies), timeout=120)
        except OSError:
            pass  # a worker still busy with the previous page's backlog: wrk's warm-up follows anyway

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(fetch, (paths * requests)[:requests]))
