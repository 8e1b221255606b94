"""Fixtures: a fresh app and database per test (SQLite file, or TEST_DATABASE_URL), a real SMTP server."""
from __future__ import annotations

import os
import re
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from sqlalchemy import text

from marketplace import create_app
from marketplace.extensions import db

from . import factories

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


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
    }


def _reset_database() -> None:
    if db.engine.dialect.name == "postgresql":
        db.create_all()
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    else:
        db.drop_all()
        db.create_all()


@pytest.fixture
def make_app(tmp_path):
    """Build an app with extra settings; the database is fresh for each test."""
    created = []

    def _make(**overrides):
        app = create_app({**base_config(tmp_path), **overrides})
        created.append(app)
        with app.app_context():
            _reset_database()
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
