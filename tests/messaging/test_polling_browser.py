"""In a real browser: the inbox and a thread show new messages without a reload (static/js/inbox.js)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from marketplace.extensions import db
from marketplace.interests import services as interests
from marketplace.messaging import services

from ..e2e.conftest import browser_context_args, browser_type_launch_args, live_server  # noqa: F401
from ..e2e.steps import TIMEOUT, sign_in
from ..factories import make_company, make_listing, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def talk(live_server):
    with live_server.app.test_request_context(method="POST"):  # URLs for the mails; a writing transaction
        owner = make_user("olga@pellets.example", name="Olga Owner")
        sender = make_user("sven@holz.example", name="Sven Sender")
        listing = make_listing(make_company("Pellets Usti", members=[owner]), owner, title="Wood pellets for Austria")
        make_company("Holz Linz GmbH", country="AT", members=[sender])
        db.session.commit()
        interest = interests.send_interest(sender, listing, "Hello from Linz")
        db.session.commit()
        conversation = interests.accept_interest(owner, interest, "Welcome")
        db.session.commit()
        return {"conversation_id": conversation.id, "owner_id": owner.id, "sender_id": sender.id}


def _post_as_sender(live_server, talk, body: str, client_id: str) -> None:
    with live_server.app.test_request_context(method="POST"):  # URLs for the mails; a writing transaction
        from marketplace.accounts.models import User
        from marketplace.messaging.models import Conversation

        services.post_message(db.session.get(User, talk["sender_id"]),
                              db.session.get(Conversation, talk["conversation_id"]), body, client_id)
        db.session.commit()


def test_new_messages_appear_without_a_reload(page: Page, live_server, talk):
    page.clock.install()
    sign_in(page, live_server.url, "olga@pellets.example")
    page.goto(f"{live_server.url}/inbox")
    row = page.locator(f"#conversation-{talk['conversation_id']}")
    expect(row).to_be_visible()
    expect(row.locator("[data-unread]")).to_be_hidden()
    inbox_link = page.get_by_role("navigation", name="Main").locator("[data-nav-inbox]")
    expect(inbox_link).to_have_attribute("aria-label", "Inbox")
    expect(page.locator("ol[data-inbox][data-polling]")).to_be_attached()  # the script's timer is set

    _post_as_sender(live_server, talk, "Are you still interested?\nCall me.", "browser-1")
    page.clock.fast_forward(21_000)
    expect(row.locator("[data-unread]")).to_have_text("1 new", timeout=TIMEOUT)
    expect(row.locator("[data-preview]")).to_contain_text("Sven Sender: Are you still interested? Call me.")
    expect(inbox_link).to_have_attribute("aria-label", "Inbox (1 unread conversation)")
    expect(inbox_link.locator("[data-nav-count]")).to_have_text("1")

    page.get_by_role("link", name="Wood pellets for Austria").click()
    messages = page.locator("ol[data-thread] > li")
    expect(messages).to_have_count(3)
    expect(page.locator("ol[data-thread][data-polling]")).to_be_attached()
    _post_as_sender(live_server, talk, "Hello?\n\n<b>not bold</b>", "browser-2")
    page.clock.fast_forward(21_000)
    expect(messages).to_have_count(4, timeout=TIMEOUT)
    newest = messages.last
    expect(newest).to_contain_text("Sven Sender")
    expect(newest.locator(".card-text p")).to_have_count(2)
    expect(newest.locator(".card-text")).to_contain_text("<b>not bold</b>")  # text, never markup
    expect(newest.get_by_role("link", name="Report this message")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="New message from Holz Linz GmbH")).to_be_attached()
