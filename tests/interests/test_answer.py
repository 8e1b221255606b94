"""Answering an interest: staged disclosure, accept and decline, who may do what, expiry."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests import services
from marketplace.interests.models import ACCEPTED, DECLINED, EXPIRED, PENDING, Interest, InterestEvent
from marketplace.mail.delivery import deliver_due
from marketplace.messaging.models import Conversation, Message
from marketplace.notifications.models import Notification

from .conftest import count, errors_of, mails_to, text_of

ROLES = ["anonymous", "outsider", "sender", "sender_colleague", "owner", "colleague", "manager", "admin", "loner"]
SENDER_SIDE = {"sender", "sender_colleague"}
LISTING_SIDE = {"owner", "colleague"}

# What each side must not see of the other before acceptance, and must see after it.
OWNER_CONTACTS = ["Olga Owner", "olga@pellets.example", "+420 475 111 222", "Export manager",
                  "https://pellets-usti.example"]
SENDER_CONTACTS = ["Sven Sender", "sven@holz.example", "+43 732 333 444", "Einkaufsleiter",
                   "https://holz-linz.example"]


def _client(client_for, people, role):
    return client_for(None if role == "anonymous" else getattr(people, role))


def _backdate(interest: Interest, days: int) -> None:
    interest.created_at = utcnow() - timedelta(days=days)
    interest.expires_at = interest.created_at + timedelta(days=14)
    db.session.commit()


@pytest.mark.parametrize("role", ROLES)
def test_interest_page_per_role(people, client_for, pending_interest, role):
    response = _client(client_for, people, role).get(f"/interests/{pending_interest.id}")
    if role == "anonymous":
        assert response.status_code == 302 and "/account/sign-in" in response.location
    elif role in SENDER_SIDE | LISTING_SIDE:
        assert response.status_code == 200
        assert "We distribute pellets in Upper Austria." in text_of(response)
    else:
        assert response.status_code == 404  # someone else's interest does not exist for them


@pytest.mark.parametrize("action", ["accept", "decline"])
@pytest.mark.parametrize("role", ROLES)
def test_answer_per_role(people, client_for, pending_interest, role, action):
    response = _client(client_for, people, role).post(f"/interests/{pending_interest.id}/{action}",
                                                      data={"note": "swapped"})
    db.session.expire_all()
    if role == "anonymous":
        assert response.status_code == 302 and "/account/sign-in" in response.location
    elif role in LISTING_SIDE:
        assert response.status_code == 302
        assert pending_interest.status == (ACCEPTED if action == "accept" else DECLINED)
        assert pending_interest.decided_by_id == getattr(people, role).id
        return
    elif role in SENDER_SIDE:
        assert response.status_code == 403  # their own interest: they cannot answer it for the other side
    else:
        assert response.status_code == 404
    assert pending_interest.status == PENDING and count(Conversation) == 0


def test_contact_details_hidden_before_and_shown_after_acceptance(people, client_for, pending_interest):
    owner, sender = client_for(people.owner), client_for(people.sender)
    url = f"/interests/{pending_interest.id}"
    before_owner, before_sender = text_of(owner.get(url)), text_of(sender.get(url))
    listing_page = text_of(sender.get(f"/listings/{people.listing.id}"))
    for detail in SENDER_CONTACTS:
        assert detail not in before_owner, detail
    for detail in OWNER_CONTACTS:
        assert detail not in before_sender, detail
        assert detail not in listing_page, detail
    assert "Contact details stay hidden on both sides" in before_owner

    response = owner.post(f"{url}/accept", data={"note": "Glad to hear from you."})
    conversation = db.session.scalar(select(Conversation))
    assert response.status_code == 302 and response.location == f"/inbox/{conversation.id}"

    after_owner, after_sender = text_of(owner.get(url)), text_of(sender.get(url))
    for detail in SENDER_CONTACTS:
        assert detail in after_owner, detail
    for detail in OWNER_CONTACTS:
        assert detail in after_sender, detail
    # The conversation shows them too, on both sides.
    thread_owner = text_of(owner.get(f"/inbox/{conversation.id}"))
    thread_sender = text_of(sender.get(f"/inbox/{conversation.id}"))
    assert all(detail in thread_owner for detail in SENDER_CONTACTS)
    assert all(detail in thread_sender for detail in OWNER_CONTACTS)
    # Outsiders still see nothing.
    assert client_for(people.outsider).get(url).status_code == 404


def test_accepting_opens_the_conversation_and_tells_the_sender(people, mail_app, smtp_server, client_for,
                                                               pending_interest):
    people.sender.locale = "de"  # the sender reads German: the mail comes in German
    db.session.commit()
    owner = client_for(people.owner)
    owner.post(f"/interests/{pending_interest.id}/accept", data={"note": "Glad to hear from you.\nCall me."})
    db.session.expire_all()
    interest = db.session.get(Interest, pending_interest.id)
    assert interest.status == ACCEPTED and interest.decided_by_id == people.owner.id
    assert interest.decision_note == "Glad to hear from you.\nCall me."
    assert [e.action for e in interest.events] == ["sent", ACCEPTED]
    assert interest.events[1].actor_id == people.owner.id and interest.events[1].created_at is not None
    conversation = db.session.scalar(select(Conversation))
    assert (conversation.interest_id, conversation.listing_id, conversation.subject) == (
        interest.id, people.listing.id, "Wood pellets for Austria")
    assert {conversation.company_a_id, conversation.company_b_id} == {people.company.id, people.sender_company.id}
    messages = db.session.scalars(select(Message).order_by(Message.id)).all()
    assert [(m.author_id, m.body) for m in messages] == [
        (people.sender.id, "We distribute pellets in Upper Austria.\nCall us."),
        (people.owner.id, "Glad to hear from you.\nCall me.")]
    assert count(Notification, Notification.user_id == people.sender.id, Notification.kind == "interest_accepted") == 1
    deliver_due()
    [mail] = smtp_server.to("sven@holz.example")
    assert mail["Content-Language"] == "de"
    assert "Pellets Usti" in mail["Subject"]
    assert f"http://marketplace.test/inbox/{conversation.id}" in smtp_server.text_of(mail)
    assert "Glad to hear from you." in smtp_server.text_of(mail)


def test_declining_tells_the_sender_with_the_note(people, client_for, pending_interest):
    response = client_for(people.colleague).post(f"/interests/{pending_interest.id}/decline",
                                                 data={"note": "We already have a distributor."})
    assert response.status_code == 302
    db.session.expire_all()
    assert pending_interest.status == DECLINED and pending_interest.decided_by_id == people.colleague.id
    assert count(Conversation) == 0
    [mail] = mails_to(people.sender.email)
    assert "declined" in mail.subject and "We already have a distributor." in mail.body_text
    sender_page = text_of(client_for(people.sender).get(f"/interests/{pending_interest.id}"))
    assert "Declined" in sender_page and "We already have a distributor." in sender_page
    for detail in OWNER_CONTACTS:
        assert detail not in sender_page
    assert "Carl Colleague" not in sender_page  # who declined stays as hidden as any contact


def test_a_second_answer_is_refused(people, client_for, pending_interest):
    assert client_for(people.owner).post(f"/interests/{pending_interest.id}/accept").status_code == 302
    colleague = client_for(people.colleague)
    response = colleague.post(f"/interests/{pending_interest.id}/decline", follow_redirects=True)
    assert "already been answered" in text_of(response)
    db.session.expire_all()
    assert pending_interest.status == ACCEPTED and count(Conversation) == 1
    with pytest.raises(services.AlreadyDecided):
        services.accept_interest(people.colleague, pending_interest)


def test_note_too_long_is_refused_and_kept(people, client_for, pending_interest):
    note = "n" * 1001
    response = client_for(people.owner).post(f"/interests/{pending_interest.id}/accept", data={"note": note})
    assert response.status_code == 400 and "at most 1000 characters" in errors_of(response)
    assert note in response.get_data(as_text=True)
    db.session.expire_all()
    assert pending_interest.status == PENDING


def test_suspended_listing_company_may_decline_but_not_accept(people, client_for, pending_interest):
    people.company.suspended_at = utcnow()
    db.session.commit()
    client = client_for(people.owner)
    response = client.post(f"/interests/{pending_interest.id}/accept", follow_redirects=True)
    assert "suspended" in text_of(response)
    assert count(Conversation) == 0
    client.post(f"/interests/{pending_interest.id}/decline")
    db.session.expire_all()
    assert pending_interest.status == DECLINED


# --- expiry -----------------------------------------------------------------------------------

def test_expiry_is_derived_from_the_date_without_the_job(people, client_for, pending_interest):
    _backdate(pending_interest, 15)
    owner = client_for(people.owner)
    page = text_of(owner.get(f"/interests/{pending_interest.id}"))
    assert "Expired without an answer" in page and "Accept" not in page.replace("Accept to", "")
    response = owner.post(f"/interests/{pending_interest.id}/accept", follow_redirects=True)
    assert "expired before it was answered" in text_of(response)
    db.session.expire_all()
    assert pending_interest.status == PENDING and count(Conversation) == 0
    assert "Expired without an answer" in text_of(client_for(people.sender).get("/interests?box=sent"))


def test_a_lapsed_interest_frees_the_sender_to_try_again(people, client_for, pending_interest):
    _backdate(pending_interest, 20)
    response = client_for(people.sender).post(f"/listings/{people.listing.id}/interest",
                                              data={"message": "Trying again"})
    assert response.status_code == 302
    db.session.expire_all()
    assert pending_interest.status == EXPIRED
    assert count(Interest, Interest.status == PENDING) == 1


def test_expire_command_marks_tells_and_is_idempotent(people, mail_app, smtp_server, pending_interest):
    fresh = services.send_interest(people.outsider, people.listing, "Still fresh")
    db.session.commit()
    _backdate(pending_interest, 14)
    runner = mail_app.test_cli_runner()
    result = runner.invoke(args=["interests", "expire"])
    assert result.exit_code == 0 and "interests: 1 expired" in result.output
    db.session.expire_all()
    assert pending_interest.status == EXPIRED and pending_interest.expired_at is not None
    assert fresh.status == PENDING
    assert [e.action for e in pending_interest.events] == ["sent", EXPIRED]
    assert count(Notification, Notification.user_id == people.sender.id, Notification.kind == "interest_expired") == 1
    assert count(Notification, Notification.user_id == people.sender_colleague.id,
                 Notification.kind == "interest_expired") == 1
    deliver_due()
    [mail] = smtp_server.to("sven@holz.example")
    assert "Wood pellets for Austria" in mail["Subject"]
    assert "http://marketplace.test/listings" in smtp_server.text_of(mail)

    again = runner.invoke(args=["interests", "expire"])
    assert again.exit_code == 0 and "interests: 0 expired" in again.output
    deliver_due()
    assert len(smtp_server.to("sven@holz.example")) == 1
    assert count(InterestEvent, InterestEvent.action == EXPIRED) == 1


def test_expire_command_needs_server_name(make_app):
    app = make_app(SERVER_NAME=None)
    result = app.test_cli_runner().invoke(args=["interests", "expire"])
    assert result.exit_code != 0 and "MARKETPLACE_SERVER_NAME" in result.output


def test_lists_of_received_and_sent(people, client_for, pending_interest):
    received = text_of(client_for(people.colleague).get("/interests"))
    assert "Wood pellets for Austria" in received and "Holz Linz GmbH" in received
    assert "Waiting for an answer" in received
    sent = text_of(client_for(people.sender_colleague).get("/interests?box=sent"))
    assert "Wood pellets for Austria" in sent and "Pellets Usti" in sent
    assert "Wood pellets for Austria" not in text_of(client_for(people.outsider).get("/interests?box=sent"))
    assert "Wood pellets for Austria" not in text_of(client_for(people.outsider).get("/interests"))
    assert client_for(people.loner).get("/interests").status_code == 403
