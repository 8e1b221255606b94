"""No message lost or duplicated under load: gunicorn with 3 workers, 20 clients, 1,000 messages.

Runs in the normal suite (about 10–30 s per database): on a SQLite file in WAL mode always, and on
PostgreSQL too when TEST_DATABASE_URL is set. The data is prepared through the app factory; the
clients speak plain HTTP (the standard library only) to a real gunicorn on a free local port, with
CSRF on, and resubmit some forms with the same client id, as a double click or a retry would.
"""
from __future__ import annotations

import re
import threading
import time
import uuid
from collections import defaultdict

import pytest
from sqlalchemy import create_engine, select

from marketplace.config import normalise_database_url
from marketplace.extensions import db
from marketplace.interests import services as interest_services
from marketplace.messaging.models import Message

from ..conftest import TEST_DATABASE_URL
from ..factories import DEFAULT_PASSWORD, make_company, make_listing, make_user
from ..served import Browser, serve

CLIENTS = 20
MESSAGES_PER_CLIENT = 50  # 20 × 50 = 1,000 messages
RESUBMIT_EVERY = 7  # every 7th form is sent twice with the same client id
DEADLINE = 300  # seconds for the whole run (a busy 2-core machine needs minutes); a hang fails the test


def _backends():
    yield pytest.param("sqlite", id="sqlite-wal")
    yield pytest.param("postgresql", id="postgresql", marks=pytest.mark.skipif(
        not (TEST_DATABASE_URL or "").startswith("postgres"), reason="TEST_DATABASE_URL is not PostgreSQL"))


@pytest.fixture
def prepared(make_app, tmp_path, request):
    """Users, companies and conversations made through the app factory; returns the database URL."""
    backend = request.param
    url = TEST_DATABASE_URL if backend == "postgresql" else f"sqlite:///{tmp_path / 'load.sqlite'}"
    app = make_app(DATABASE_URL=url)
    with app.app_context():
        pairs = []
        for n in range(CLIENTS // 2):
            seller = make_user(f"seller{n}@load.example", name=f"Seller {n}")
            buyer = make_user(f"buyer{n}@load.example", name=f"Buyer {n}")
            seller_company = make_company(f"Seller {n} s.r.o.", members=[seller])
            make_company(f"Buyer {n} GmbH", country="AT", members=[buyer])
            listing = make_listing(seller_company, seller, title=f"Load offer {n}")
            db.session.commit()
            interest = interest_services.send_interest(buyer, listing, "Let us talk")
            db.session.commit()
            conversation = interest_services.accept_interest(seller, interest, "")
            db.session.commit()
            pairs.append((conversation.id, seller.email, buyer.email))
        db.engine.dispose()
    return url, pairs


@pytest.fixture
def server(prepared, tmp_path):
    url, pairs = prepared
    with serve(url, tmp_path / "gunicorn.log", workers=3) as served:
        yield served.port, pairs


def _client_run(port: int, email: str, conversation_id: int, index: int, results: dict, errors: list) -> None:
    """Sign in, then send this client's messages one after another; record every acknowledged one."""
    try:
        browser = Browser(port)
        browser.sign_in(email, DEFAULT_PASSWORD)
        token = browser.token(f"/inbox/{conversation_id}")
        acknowledged = []
        for n in range(MESSAGES_PER_CLIENT):
            client_id = str(uuid.uuid4())
            body = f"client {index} message {n:03d}"
            form = {"body": body, "client_id": client_id, "csrf_token": token}
            sends = 2 if n % RESUBMIT_EVERY == 0 else 1
            for _ in range(sends):
                for attempt in range(3):  # a lost answer is retried with the same id, as a browser would
                    try:
                        status, page = browser.request("POST", f"/inbox/{conversation_id}", form)
                    except OSError as error:
                        status, page = 0, str(error)
                    if status in (200, 302):
                        acknowledged.append((client_id, body))
                        break
                    errors.append((index, n, status, page[:200]))
        results[index] = acknowledged
    except Exception as error:  # noqa: BLE001 - reported by the test, not lost in a thread
        errors.append((index, "crashed", repr(error)))


@pytest.mark.parametrize("prepared", list(_backends()), indirect=True)
def test_thousand_messages_from_twenty_clients_exactly_once_and_in_order(server, prepared):
    port, pairs = server
    results: dict[int, list] = {}
    errors: list = []
    threads = []
    owners = {}
    index = 0
    for conversation_id, seller_email, buyer_email in pairs:
        for email in (seller_email, buyer_email):
            owners[index] = conversation_id
            threads.append(threading.Thread(target=_client_run, daemon=True,
                                            args=(port, email, conversation_id, index, results, errors)))
            index += 1
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, DEADLINE - (time.monotonic() - started)))
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), f"clients still running after {DEADLINE} s"
    assert not errors, errors[:10]
    acknowledged = [entry for index in results for entry in results[index]]
    unique = {client_id for client_id, _body in acknowledged}
    assert len(unique) == CLIENTS * MESSAGES_PER_CLIENT == 1000
    assert len(acknowledged) > len(unique)  # some forms really were sent twice

    url, _pairs = prepared
    engine = create_engine(normalise_database_url(url))
    try:
        with engine.connect() as connection:
            table = Message.__table__
            stored = connection.execute(
                select(table.c.id, table.c.conversation_id, table.c.client_id, table.c.body)
                .where(table.c.body.like("client %")).order_by(table.c.id)).all()
    finally:
        engine.dispose()

    # Every acknowledged message is stored exactly once, and nothing else was stored.
    by_client_id = defaultdict(list)
    for row in stored:
        by_client_id[row[2]].append(row)
    assert set(by_client_id) == unique
    assert all(len(rows) == 1 for rows in by_client_id.values())
    # In its conversation, and in the order each client sent them.
    per_client = defaultdict(list)
    for _id, conversation_id, _client_id, body in stored:
        client_index, number = map(int, re.fullmatch(r"client (\d+) message (\d+)", body).groups())
        assert owners[client_index] == conversation_id
        per_client[client_index].append(number)
    assert all(numbers == list(range(MESSAGES_PER_CLIENT)) for numbers in per_client.values())
    print(f"\n{len(acknowledged)} acknowledged posts, {len(stored)} messages stored in {elapsed:.1f} s")
