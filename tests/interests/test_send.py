"""Expressing interest in a listing: the panel, the form, its checks, one per company, the daily limit."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests.models import PENDING, Interest, InterestEvent
from marketplace.notifications.models import Notification

from ..factories import make_company, make_listing, make_user
from .conftest import count, errors_of, hidden, mails_to, text_of

MESSAGE = "We distribute pellets in Upper Austria and would like to talk."


def send(client, listing_id, message=MESSAGE, **extra):
    return client.post(f"/listings/{listing_id}/interest", data={"message": message, **extra})


def test_listing_page_offers_the_form_to_other_companies(people, client_for):
    page = client_for(people.sender).get(f"/listings/{people.listing.id}")
    assert "Express interest" in text_of(page)
    assert f'action="/listings/{people.listing.id}/interest"' in page.get_data(as_text=True)


def test_owner_sees_waiting_count_not_the_form(people, client_for, pending_interest):
    text = text_of(client_for(people.colleague).get(f"/listings/{people.listing.id}"))
    assert "1 expression of interest is waiting for your answer." in text
    assert "Express interest" not in text


def test_anonymous_visitor_is_invited_to_sign_in(people, client):
    text = text_of(client.get(f"/listings/{people.listing.id}"))
    assert "Sign in to express interest" in text


def test_person_without_company_is_told_to_create_one(people, client_for):
    assert "Create your company profile first" in text_of(client_for(people.loner).get(
        f"/listings/{people.listing.id}")) or "Create a company profile" in text_of(
        client_for(people.loner).get(f"/listings/{people.listing.id}"))
    assert send(client_for(people.loner), people.listing.id).status_code == 403
    assert count(Interest) == 0


def test_expired_listing_shows_no_panel_and_refuses(people, client_for):
    old = make_listing(people.company, people.owner, title="Old offer", published_at=utcnow().replace(year=2020),
                       expires_at=utcnow().replace(year=2021))
    db.session.commit()
    client = client_for(people.sender)
    assert "Interested?" not in text_of(client.get(f"/listings/{old.id}"))
    response = send(client, old.id)
    assert response.status_code == 403 and "no longer active" in text_of(response)
    assert count(Interest) == 0


@pytest.mark.parametrize("status", ["draft", "pending", "withdrawn", "rejected"])
def test_unpublished_listings_do_not_exist_for_senders(people, client_for, status):
    listing = make_listing(people.company, people.owner, status=status)
    db.session.commit()
    assert send(client_for(people.sender), listing.id).status_code == 404
    assert count(Interest) == 0


def test_sending_stores_logs_mails_and_notifies(people, client_for):
    response = send(client_for(people.sender), people.listing.id)
    assert response.status_code == 302
    interest = db.session.scalar(select(Interest))
    assert response.location == f"/interests/{interest.id}"
    assert (interest.status, interest.sender_id, interest.sender_company_id, interest.recipient_company_id) == (
        PENDING, people.sender.id, people.sender_company.id, people.company.id)
    assert interest.message == MESSAGE
    assert (interest.expires_at - interest.created_at).days == 14
    [event] = db.session.scalars(select(InterestEvent)).all()
    assert (event.action, event.actor_id) == ("sent", people.sender.id)
    # Both members of the listing's company hear of it, by e-mail and in the app.
    for member in (people.owner, people.colleague):
        [mail] = mails_to(member.email)
        assert "Holz Linz GmbH" in mail.subject and "Wood pellets for Austria" in mail.subject
        assert MESSAGE in mail.body_text and f"/interests/{interest.id}" in mail.body_text
        assert count(Notification, Notification.user_id == member.id, Notification.kind == "interest_received") == 1
    assert mails_to(people.sender.email) == []
    # The page tells the sender what happens next.
    page = client_for(people.sender).get(response.location)
    assert "Waiting for an answer from Pellets Usti" in text_of(page)


@pytest.mark.parametrize("message, error", [
    ("", "Write a short message"),
    ("   \n  ", "Write a short message"),
    ("x" * 1001, "at most 1000 characters (it has 1001)"),
])
def test_bad_message_is_refused_and_kept(people, client_for, message, error):
    response = send(client_for(people.sender), people.listing.id, message)
    assert response.status_code == 400
    assert error in errors_of(response)
    if message.strip():
        assert message in response.get_data(as_text=True)  # what they typed is not lost
    assert count(Interest) == 0


def test_message_of_exactly_1000_characters_is_fine(people, client_for):
    assert send(client_for(people.sender), people.listing.id, "y" * 1000).status_code == 302
    assert count(Interest) == 1


def test_not_on_own_listing(people, client_for):
    response = send(client_for(people.colleague), people.listing.id)
    assert response.status_code == 403 and "your own company" in text_of(response)
    assert count(Interest) == 0


def test_suspended_company_cannot_send(people, client_for):
    people.sender_company.suspended_at = utcnow()
    db.session.commit()
    client = client_for(people.sender)
    assert "suspended" in text_of(client.get(f"/listings/{people.listing.id}"))
    response = send(client, people.listing.id)
    assert response.status_code == 403 and "suspended" in text_of(response)
    assert count(Interest) == 0


def test_unconfirmed_person_cannot_send(people, client_for):
    people.sender.email_confirmed_at = None
    db.session.commit()
    assert send(client_for(people.sender), people.listing.id).status_code == 403
    assert count(Interest) == 0


def test_one_open_interest_per_company_and_listing(people, client_for, pending_interest):
    for person in (people.sender, people.sender_colleague):
        client = client_for(person)
        response = send(client, people.listing.id, "Again!")
        assert response.status_code == 302 and response.location == f"/interests/{pending_interest.id}"
        assert "already expressed interest" in text_of(client.get(response.location))
        assert "Your expression of interest" in text_of(client.get(f"/listings/{people.listing.id}"))
    assert count(Interest) == 1
    # Another company may still express interest in the same listing.
    assert send(client_for(people.outsider), people.listing.id).status_code == 302
    assert count(Interest) == 2


def test_a_declined_interest_is_an_answer_not_an_invitation_to_retry(people, client_for, pending_interest):
    from marketplace.interests.services import decline_interest

    decline_interest(people.owner, pending_interest, "")
    db.session.commit()
    response = send(client_for(people.sender), people.listing.id)
    assert response.location == f"/interests/{pending_interest.id}"
    assert count(Interest) == 1


def test_daily_limit_with_a_clear_message(make_app, client_for):
    app = make_app(INTEREST_DAILY_LIMIT=2)
    with app.app_context():
        from ..conftest import Auth

        owner_company = make_company("Seller", members=[make_user("s@example.com")])
        sender = make_user("b@example.com")
        make_company("Buyer", members=[sender])
        listings = [make_listing(owner_company, title=f"Offer {n}") for n in range(3)]
        db.session.commit()
        client = app.test_client()
        Auth(client).sign_in(sender)
        assert send(client, listings[0].id).status_code == 302
        assert "can send 1 more expression of interest today" in text_of(
            client.get(f"/listings/{listings[1].id}/interest"))
        assert send(client, listings[1].id).status_code == 302
        assert "reached its daily limit" in text_of(client.get(f"/listings/{listings[2].id}"))
        refused = send(client, listings[2].id, "My third message today")
        assert refused.status_code == 429
        assert "reached its limit of 2 expressions of interest in 24 hours" in text_of(refused)
        assert "My third message today" in refused.get_data(as_text=True)
        assert count(Interest) == 2
        # A day later the oldest no longer counts.
        db.session.execute(Interest.__table__.update().values(created_at=utcnow().replace(year=2020)))
        db.session.commit()
        assert send(client, listings[2].id).status_code == 302


def test_from_a_match_records_own_listing_and_ignores_a_swapped_one(people, client_for):
    own = make_listing(people.sender_company, people.sender, kind="request", title="We seek pellets")
    foreign = make_listing(people.outsider_company, people.outsider, title="Someone else's")
    db.session.commit()
    client = client_for(people.sender)
    form = client.get(f"/listings/{people.listing.id}?from={own.id}")
    assert hidden(form, "from_listing") == str(own.id)
    send(client, people.listing.id, from_listing=str(own.id))
    interest = db.session.scalar(select(Interest))
    assert interest.sender_listing_id == own.id

    other_listing = make_listing(people.company, people.owner, title="Second offer")
    db.session.commit()
    send(client, other_listing.id, from_listing=str(foreign.id))
    swapped = db.session.scalar(select(Interest).where(Interest.listing_id == other_listing.id))
    assert swapped.sender_listing_id is None
    send(client_for(people.outsider), people.listing.id, from_listing="not-a-number")
    assert db.session.scalar(select(Interest).where(Interest.sender_company_id == people.outsider_company.id)) \
        .sender_listing_id is None


def test_get_form_page_and_anonymous_redirect(people, client_for, client):
    page = client_for(people.sender).get(f"/listings/{people.listing.id}/interest")
    assert page.status_code == 200 and "Express interest" in text_of(page)
    response = client.post(f"/listings/{people.listing.id}/interest", data={"message": MESSAGE})
    assert response.status_code == 302 and "/account/sign-in" in response.location
    assert count(Interest) == 0
    assert client_for(people.sender).get("/listings/999999/interest").status_code == 404


def test_csrf_is_checked(csrf_app):
    from ..conftest import Auth

    seller = make_company("Seller", members=[make_user("s@example.com")])
    sender = make_user("b@example.com")
    make_company("Buyer", members=[sender])
    listing = make_listing(seller)
    db.session.commit()
    client = csrf_app.test_client()
    page = client.get("/account/sign-in")
    Auth(client).client.post("/account/sign-in", data={"email": sender.email, "password": "correct horse battery staple",
                                                       "csrf_token": hidden(page, "csrf_token")})
    response = send(client, listing.id)
    assert response.status_code == 400 and "form expired" in text_of(response)
    assert count(Interest) == 0
    form = client.get(f"/listings/{listing.id}")
    assert send(client, listing.id, csrf_token=hidden(form, "csrf_token")).status_code == 302
    assert count(Interest) == 1
