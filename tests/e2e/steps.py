"""Steps the browser journeys share: signing in and out as a person does, waiting for a mail."""
from __future__ import annotations

import re
import time
from email.message import EmailMessage

from playwright.sync_api import Page, expect

from tests.factories import DEFAULT_PASSWORD

TIMEOUT = 10_000  # ms; generous for a loaded CI machine, never waited out when things work
MAIL_WAIT = 5.0  # s; inline delivery runs in a background thread after the request commits


def sign_in(page: Page, base_url: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto(f"{base_url}/account/sign-in")
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    # Signed in, the header offers to sign out instead.
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status").filter(has_text="You are signed out.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")).to_be_visible()


def flash(page: Page, text: str):
    """The flash message (role=status) that says `text`."""
    return page.get_by_role("status").filter(has_text=text)


def wait_for_mail(mailbox, address: str, subject_part: str, timeout: float = MAIL_WAIT) -> EmailMessage:
    """Poll the test SMTP server until a mail to `address` whose subject contains `subject_part` arrives."""
    deadline = time.monotonic() + timeout
    while True:
        for message in mailbox.to(address):
            if subject_part in message["Subject"]:
                return message
        if time.monotonic() > deadline:
            seen = [(m["To"], m["Subject"]) for m in mailbox.messages]
            raise AssertionError(f"no mail to {address} about {subject_part!r} within {timeout}s; got {seen}")
        time.sleep(0.05)


def link_in(mailbox, message: EmailMessage, pattern: str) -> str:
    """The one link in the mail whose address matches `pattern` (a regular expression)."""
    links = [link for link in mailbox.links_in(message) if re.search(pattern, link)]
    assert len(links) == 1, f"expected one link matching {pattern!r}, got {mailbox.links_in(message)}"
    return links[0]
