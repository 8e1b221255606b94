"""Fixtures: a fresh app and database per test (SQLite file, or TEST_DATABASE_URL), a real SMTP server."""
from __future__ import annotations

import os
from pathlib import Path
import re
import shutil
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from flask import current_app, g, has_app_context
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from sqlalchemy import text

from marketplace import create_app
from marketplace.extensions import babel, db

from . import factories

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
ROOT = Path(__file__).resolve().parents[1]


def base_config(tmp_path) -> dict:
    return {
        "ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-checks",
        "DATABASE_URL": TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "ARGON2_PROFILE": "fast",
        "MAIL_DELIVERY": "worker",
        "SERVER_NAME": "marketplace.test",
        "CACHE_TTL": 0,
        # Behaviour is asserted in English, whatever language a test's users prefer; the tests of
        # the translations themselves (tests/i18n) switch the real catalogs on.
        "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "no-translations"),
    }


class MemoryBytecodeCache(BytecodeCache):
    """Templates compiled once per test run instead of once per test's app."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket):
        self._store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()
_schema_ready: set[str] = set()


def _reset_database() -> None:
    """PostgreSQL: the schema is rebuilt once per run, then emptied per test. SQLite: built afresh."""
    url = str(db.engine.url)
    if db.engine.dialect.name == "postgresql":
        if url not in _schema_ready:
            with db.engine.begin() as connection:  # leftovers of an older schema must not survive
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.create_all()
            _schema_ready.add(url)
        # DELETE beats TRUNCATE by far on tables holding a few rows (TRUNCATE rewrites files).
        statements = "; ".join(f'DELETE FROM "{t.name}"' for t in reversed(db.metadata.sorted_tables))
        with db.engine.begin() as connection:
            connection.exec_driver_sql(statements)
    elif db.engine.url.database and os.path.exists(db.engine.url.database + ".fresh"):
        pass  # copied from the template just before the app was made
    else:
        db.drop_all()
        db.create_all()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """An empty SQLite database with the whole schema, copied for each test (faster than DDL)."""
    path = tmp_path_factory.mktemp("template") / "schema.sqlite"
    app = create_app({**base_config(path.parent), "DATABASE_URL": f"sqlite:///{path}"})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return path


class FreshRequestClient(FlaskClient):
    """Each request gets a fresh `g`, as in production.

    Requests reuse the test's app context (and so its database session), and with it `g`:
    without this, Flask-Login's cached user (g._login_user) and the cached locale of one
    request leak into the next one, from any client, so a signed-out or anonymous client
    would still look signed in.
    """

    def open(self, *args, **kwargs):
        if has_app_context() and current_app._get_current_object() is self.application:
            g._get_current_object().__dict__.clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def make_app(tmp_path, sqlite_template):
    """Build an app with extra settings; the database is fresh for each test."""
    created = []

    def _make(**overrides):
        config = {**base_config(tmp_path), **overrides}
        target = tmp_path / "test.sqlite"
        if config["DATABASE_URL"] == f"sqlite:///{target}" and not created:
            shutil.copyfile(sqlite_template, target)
            (tmp_path / "test.sqlite.fresh").touch()
        app = create_app(config)
        app.jinja_env.bytecode_cache = TEMPLATE_CACHE

        app.test_client_class = FreshRequestClient
        created.append(app)
        with app.app_context():
            _reset_database()
            # Flask-Babel keeps loaded catalogs on its process-wide domain: start each app afresh,
            # since apps here differ in whether they read the catalogs at all.
            babel.domain_instance.cache.clear()
        return app

    yield _make
    for app in created:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def translated_app(make_app):
    """An app that reads the real translation catalogs."""
    app = make_app(BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"))
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_app(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app


class Auth:
    """Signs a test client in through the real sign-in form."""

    def __init__(self, client):
        self.client = client

    def sign_in(self, user, password: str = factories.DEFAULT_PASSWORD):
        response = self.client.post("/account/sign-in", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    def sign_out(self):
        return self.client.post("/account/sign-out")


@pytest.fixture
def auth(client):
    return Auth(client)


class Mailbox:
    """What a real SMTP server on 127.0.0.1 received."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler interface
        with self._lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def text_of(message: EmailMessage) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def links_in(self, message: EmailMessage) -> list[str]:
        return re.findall(r"https?://\S+", self.text_of(message))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    mailbox.port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    yield mailbox
    controller.stop()


@pytest.fixture
def mail_app(make_app, smtp_server):
    """An app that delivers its outbox to the test SMTP server."""
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    with app.app_context():
        yield app
