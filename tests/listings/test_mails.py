"""Mails about listings over real SMTP: expiry reminders (`flask listings remind`) and review decisions."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings import services
from marketplace.listings.models import PENDING
from marketplace.mail.delivery import deliver_due

from ..factories import make_company, make_user
from .conftest import make_listing


@pytest.fixture
def world(mail_app):
    owner = make_user("owner@example.com", name="Olga Owner")
    colleague = make_user("kolege@example.com", name="Karel Kolega", locale="cs")
    gone = make_user("gone@example.com", name="Gone Member")
    gone.deleted_at = utcnow()
    company = make_company("Pellets Ústí", members=[owner, colleague, gone])
    other = make_user("other@example.com")
    other_company = make_company("Other GmbH", country="AT", members=[other])
    manager = make_user("manager@example.com", name="Mia Manager")
    db.session.commit()
    return SimpleNamespace(owner=owner, colleague=colleague, company=company, other=other,
                           other_company=other_company, manager=manager)


def remind(app) -> str:
    result = app.test_cli_runner().invoke(args=["listings", "remind"])
    assert result.exit_code == 0, result.output
    return result.output


def test_remind_mails_each_active_member_once(mail_app, smtp_server, world):
    due = make_listing(world.company, world.owner, days_left=10, title="Pellets expiring soon")
    make_listing(world.company, world.owner, days_left=20, title="Not yet due")
    make_listing(world.company, world.owner, days_left=-2, title="Already expired")
    make_listing(world.other_company, world.other, days_left=5, title="The other company's listing")
    db.session.commit()

    assert "2 expiry reminder(s)" in remind(mail_app)
    assert "0 expiry reminder(s)" in remind(mail_app)  # idempotent
    deliver_due()

    [to_owner] = smtp_server.to("owner@example.com")
    assert [len(smtp_server.to(a)) for a in ("kolege@example.com", "other@example.com", "gone@example.com")] == [1, 1, 0]
    assert to_owner["Subject"].startswith("Your listing expires on") and "Pellets expiring soon" in to_owner["Subject"]
    body = smtp_server.text_of(to_owner)
    assert "Hello Olga Owner," in body and "Renew it for another 12 months" in body
    assert f"http://marketplace.test/listings/{due.id}" in smtp_server.links_in(to_owner)
    assert to_owner.get_body(preferencelist=("html",)) is not None
    assert len(smtp_server.messages) == 3

    # A renewed listing is reminded again before its new expiry, not now.
    services.renew(world.owner, due)
    db.session.commit()
    assert "0 expiry reminder(s)" in remind(mail_app)


def test_remind_without_server_name_explains(make_app):
    app = make_app(SERVER_NAME=None)
    result = app.test_cli_runner().invoke(args=["listings", "remind"])
    assert result.exit_code != 0 and "MARKETPLACE_SERVER_NAME" in result.output


def test_approval_and_rejection_mails(mail_app, smtp_server, world):
    listing = make_listing(world.company, world.owner, status=PENDING, title="Distributor sought")
    db.session.commit()
    services.reject(world.manager, listing, "contact-details", "Please remove the phone number.")
    db.session.commit()
    services.submit_listing(world.owner, listing)
    services.approve(world.manager, listing)
    db.session.commit()
    deliver_due()

    rejected, approved = smtp_server.to("owner@example.com")
    assert rejected["Subject"] == "Your listing was not published: Distributor sought"
    text = smtp_server.text_of(rejected)
    assert "Reason: Contains contact details" in text and "Note from the moderator: Please remove the phone number." in text
    assert f"http://marketplace.test/listings/{listing.id}" in text
    assert approved["Subject"] == "Your listing is published: Distributor sought"
    assert "valid until" in smtp_server.text_of(approved)


def test_a_rejected_revision_mail_says_the_published_version_stays(mail_app, smtp_server, world):
    listing = make_listing(world.company, world.owner, title="Published pellets offer")
    data = services.ListingData.of(listing)
    data.title = "Changed pellets offer"
    services.update_listing(world.owner, listing, data, submit=True)
    services.reject(world.manager, listing, "unclear", "")
    db.session.commit()
    deliver_due()
    [mail] = smtp_server.to("owner@example.com")
    assert mail["Subject"] == "Your changes were not published: Published pellets offer"
    text = smtp_server.text_of(mail)
    assert "The published version stays as it was." in text and "Note from the moderator" not in text
