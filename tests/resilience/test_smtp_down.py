"""The SMTP server down: sign-up mails wait in the outbox, then go out exactly once when it is back.

The site runs under gunicorn and queues mail for the `flask mail send` worker (MAIL_DELIVERY=worker),
which runs here as a scheduler would run it, against a real SMTP server (aiosmtpd) that is stopped
and started again on the same port.
"""
from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from marketplace.mail.models import QUEUED, SENT, OutboxMessage

from ..conftest import Mailbox, free_port
from ..served import Browser, flask, serve

pytestmark = pytest.mark.served

ADDRESSES = [f"newcomer{n}@example.com" for n in range(3)]


def _sign_up(browser: Browser, email: str) -> None:
    token = browser.token("/account/sign-up")
    status, page = browser.request("POST", "/account/sign-up", {
        "csrf_token": token, "name": "Nora Newcomer", "email": email, "locale": "en",
        "new_password": "amber-kettle-horizon-1987"})
    assert status == 200 and email in page, page[:500]


def _outbox(world) -> list[OutboxMessage]:
    engine = world.engine()
    try:
        with engine.connect() as connection:
            table = OutboxMessage.__table__
            return connection.execute(select(table).where(table.c.to_address.in_(ADDRESSES))).all()
    finally:
        engine.dispose()


def _deliver(world, smtp_port: int, *args: str) -> str:
    result = flask(world.url, "mail", "send", *args,
                   env={"MARKETPLACE_MAIL_SERVER": "127.0.0.1", "MARKETPLACE_MAIL_PORT": str(smtp_port)})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_mail_waits_while_smtp_is_down_and_goes_out_once_when_it_is_back(empty_world, tmp_path):
    world = empty_world
    mailbox, port = Mailbox(), free_port()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    smtp.stop()  # the mail server is down from the start

    with serve(world.url, tmp_path / "gunicorn.log", workers=2) as served:
        for email in ADDRESSES:
            _sign_up(Browser(served.port), email)
        assert "0 sent, 3 to retry" in _deliver(world, port)
        waiting = _outbox(world)
        assert [m.status for m in waiting] == [QUEUED] * 3
        assert all(m.attempts == 1 and "connect" in m.last_error for m in waiting)
        # The site keeps working meanwhile.
        assert Browser(served.port).request("GET", "/listings")[0] == 200

        smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
        smtp.start()
        try:
            # Without waiting out the back-off (tests/mail checks it), as an operator does once the server is back.
            assert "3 sent" in _deliver(world, port, "--retry-now")
            assert "0 sent" in _deliver(world, port, "--retry-now")
        finally:
            smtp.stop()

    assert sorted(m.status for m in _outbox(world)) == [SENT] * 3
    for email in ADDRESSES:
        [received] = mailbox.to(email)  # exactly once
        assert "/account/confirm/" in Mailbox.text_of(received)
