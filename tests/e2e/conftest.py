"""Browser tests: Debian's Chromium driven by Playwright against the app served on 127.0.0.1."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from marketplace.extensions import db

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing: install Debian's chromium")
    marker = pytest.mark.skip(reason=f"NOTICE: browser tests skipped, {CHROMIUM} is not installed (run make test as root)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(marker)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


class LiveServer:
    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_server(make_app, smtp_server):
    """The app on a free port, delivering its mail right away to the test SMTP server."""
    app = make_app(SERVER_NAME=None, MAIL_DELIVERY="inline", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    server = LiveServer(app).start()
    server.mailbox = smtp_server
    yield server
    server.stop()
    with app.app_context():
        db.session.remove()


@pytest.fixture
def screenshot(page, request):
    """Save a full-page screenshot under test-artifacts/ (kept by CI as evidence)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def _take(name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _take
