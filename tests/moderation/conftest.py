"""Fixtures of the moderation tests: people in every role around two clusters and a company in none."""
from __future__ import annotations

import html
import re
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from marketplace.database import utcnow
from marketplace.extensions import db

from ..conftest import Auth
from ..factories import make_cluster, make_company, make_listing, make_user


def text_of(response) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, whitespace collapsed."""
    raw = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(raw))


def errors_of(response) -> str:
    return " ".join(html.unescape(e) for e in
                    re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.get_data(as_text=True), re.S))


def ago(**delta):
    return utcnow() - timedelta(**delta)


@pytest.fixture
def people(app):
    """Cluster A (manager Mia) has the owner's company; cluster B (manager Bob) another; a third is in none."""
    owner = make_user("owner@example.com", name="Olga Owner")
    company = make_company("Pellets Usti", country="CZ", members=[owner])
    other = make_user("other@example.com", name="Otto Other")
    other_company = make_company("Holz Linz", country="AT", members=[other])
    loner = make_user("loner@example.com", name="Lena Loner")
    lone_company = make_company("Lone Wolf Kft", country="HU", members=[loner])
    manager = make_user("manager@example.com", name="Mia Manager")
    cluster = make_cluster("Wood Cluster Usti", managers=[manager], members=[company])
    other_manager = make_user("bob@example.com", name="Bob Elsewhere")
    other_cluster = make_cluster("Upper Austria Wood", country="AT", managers=[other_manager],
                                 members=[other_company])
    admin = make_user("admin@example.com", name="Ada Admin", is_admin=True)
    reporter = make_user("reporter@example.com", name="Rita Reporter")
    db.session.commit()
    return SimpleNamespace(owner=owner, company=company, other=other, other_company=other_company,
                           loner=loner, lone_company=lone_company, manager=manager, cluster=cluster,
                           other_manager=other_manager, other_cluster=other_cluster, admin=admin,
                           reporter=reporter)


@pytest.fixture
def client_for(app):
    """A fresh test client signed in as `user` (None: anonymous)."""

    def _client(user=None):
        client = app.test_client()
        if user is not None:
            Auth(client).sign_in(user)
        return client

    return _client


@pytest.fixture
def pending(people):
    listing = make_listing(people.company, people.owner, status="pending", title="Distributor sought for pellets",
                           submitted_at=ago(days=2))
    db.session.commit()
    return listing


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` … `len(counted.statements)` statements were sent."""

    @contextmanager
    def _count():
        counted = SimpleNamespace(statements=[])

        def _listener(conn, cursor, statement, *args):
            counted.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", _listener)
        try:
            yield counted
        finally:
            event.remove(db.engine, "before_cursor_execute", _listener)

    return _count


__all__ = ["make_listing", "text_of", "errors_of", "ago"]
