"""Fixtures shared by the interests, messaging and notifications tests: two companies and their people."""
from __future__ import annotations

import html
import re
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import event, func, select

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests import services as interest_services
from marketplace.mail.models import OutboxMessage

from ..conftest import Auth
from ..factories import make_cluster, make_company, make_listing, make_user


def text_of(response) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, whitespace collapsed."""
    raw = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(raw))


def errors_of(response) -> str:
    return " ".join(html.unescape(e) for e in
                    re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.get_data(as_text=True), re.S))


def hidden(response, name: str) -> str:
    page = response.get_data(as_text=True)
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="{name}"', page)
    assert match, f"no hidden field {name}"
    return match.group(1) or match.group(2) or ""


def ago(**delta):
    return utcnow() - timedelta(**delta)


def count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def mails_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)
                                   .order_by(OutboxMessage.id)))


@pytest.fixture
def people(app):
    """The listing's company (Olga posted it, Carl is her colleague), the interested company (Sven,
    Stella), an outsider, the owner's cluster manager, an admin, and a person without a company."""
    owner = make_user("olga@pellets.example", name="Olga Owner")
    owner.job_title, owner.phone = "Export manager", "+420 475 111 222"
    colleague = make_user("carl@pellets.example", name="Carl Colleague")
    company = make_company("Pellets Usti", country="CZ", members=[owner, colleague],
                           website="https://pellets-usti.example")
    sender = make_user("sven@holz.example", name="Sven Sender")
    sender.job_title, sender.phone = "Einkaufsleiter", "+43 732 333 444"
    sender_colleague = make_user("stella@holz.example", name="Stella Sender")
    sender_company = make_company("Holz Linz GmbH", country="AT", members=[sender, sender_colleague],
                                  website="https://holz-linz.example")
    outsider = make_user("otto@other.example", name="Otto Outsider")
    outsider_company = make_company("Other Kft", country="HU", members=[outsider])
    manager = make_user("mia@cluster.example", name="Mia Manager")
    cluster = make_cluster("Wood Cluster Usti", managers=[manager], members=[company, sender_company])
    admin = make_user("ada@admin.example", name="Ada Admin", is_admin=True)
    loner = make_user("lena@nowhere.example", name="Lena Loner")
    listing = make_listing(company, owner, title="Wood pellets for Austria", kind="offer")
    db.session.commit()
    return SimpleNamespace(owner=owner, colleague=colleague, company=company, sender=sender,
                           sender_colleague=sender_colleague, sender_company=sender_company, outsider=outsider,
                           outsider_company=outsider_company, manager=manager, cluster=cluster, admin=admin,
                           loner=loner, listing=listing)


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
def pending_interest(people):
    interest = interest_services.send_interest(people.sender, people.listing,
                                               "We distribute pellets in Upper Austria.\nCall us.")
    db.session.commit()
    return interest


@pytest.fixture
def conversation(people, pending_interest):
    """An accepted interest's conversation: Sven's message, then Olga's answer."""
    conversation = interest_services.accept_interest(people.owner, pending_interest, "Glad to hear from you.")
    db.session.commit()
    return conversation


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` … counted.statements lists what was sent."""

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


@pytest.fixture
def mail_app(app, smtp_server):
    """The same app as `people` and `client_for` use, delivering its outbox to the test SMTP server."""
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    return app
