"""Helpers for the accounts tests: a client of the mail-sending app and a look into the inbox."""
from __future__ import annotations

import re

import pytest

from marketplace.mail.delivery import deliver_due


def csrf_token_in(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


class Inbox:
    """Deliver the outbox to the real test SMTP server and read what arrived."""

    def __init__(self, smtp_server):
        self.server = smtp_server

    def to(self, address: str):
        deliver_due()
        return self.server.to(address)

    def last(self, address: str):
        messages = self.to(address)
        assert messages, f"no mail to {address}; got {[m['To'] for m in self.server.messages]}"
        return messages[-1]

    def text(self, message) -> str:
        return self.server.text_of(message)

    def link(self, address: str, path_part: str) -> str:
        links = [link for link in self.server.links_in(self.last(address)) if path_part in link]
        assert links, f"no link containing {path_part!r} in the last mail to {address}"
        return links[0]


@pytest.fixture
def inbox(smtp_server):
    return Inbox(smtp_server)


@pytest.fixture
def mail_client(mail_app):
    return mail_app.test_client()


def signed_in(client) -> bool:
    """Whether the client's cookies still open a session: the account page answers or sends to sign-in."""
    response = client.get("/account/")
    return response.status_code == 200


def comparable(response, address: str) -> str:
    """A page with the e-mail address and the CSRF token blanked out, to compare two answers.

    CSRF tokens carry a timestamp, so two pages a second apart differ there and only there.
    """
    import re

    page = re.sub(r'name="csrf_token" (type="hidden" )?value="[^"]*"', "csrf", response.get_data(as_text=True))
    return re.sub(r'value="[^"]*"( name="csrf_token")', r"csrf\1", page).replace(address, "X")
