"""A listing's life over HTTP: submit, edit while published, rejection, withdraw, renew, expiry, my listings."""
from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings import services
from marketplace.listings.models import DRAFT, PENDING, PUBLISHED, REJECTED, WITHDRAWN

from .conftest import VALID, errors_of, make_listing, page_text


@pytest.fixture
def owner(people, auth):
    auth.sign_in(people.owner)
    return people.owner


def test_a_draft_is_submitted_from_its_page(client, owner, people):
    draft = make_listing(people.company, owner, status=DRAFT)
    db.session.commit()
    page = page_text(client.get(f"/listings/{draft.id}"))
    assert "This is a draft" in page and f'action="/listings/{draft.id}/submit"' in page
    response = client.post(f"/listings/{draft.id}/submit")
    assert response.location.endswith(f"/listings/{draft.id}")
    db.session.refresh(draft)
    assert draft.status == PENDING and draft.submitted_at is not None
    assert "sent for review" in page_text(client.get(response.location))


def test_an_incomplete_draft_is_sent_back_to_the_form(client, owner, people):
    draft = make_listing(people.company, owner, status=DRAFT, description="", sector="")
    db.session.commit()
    response = client.post(f"/listings/{draft.id}/submit", follow_redirects=True)
    assert "Please complete the listing" in page_text(response) and "Choose the main sector." in page_text(response)
    db.session.refresh(draft)
    assert draft.status == DRAFT


def test_submitting_twice_is_harmless(client, owner, people):
    draft = make_listing(people.company, owner, status=DRAFT)
    db.session.commit()
    client.post(f"/listings/{draft.id}/submit")
    response = client.post(f"/listings/{draft.id}/submit", follow_redirects=True)
    assert "Only drafts and rejected listings" in page_text(response)


def test_editing_a_published_listing_keeps_the_public_version_until_review(client, owner, people):
    listing = make_listing(people.company, owner, title="Old public title for our pellets offer")
    db.session.commit()
    form = page_text(client.get(f"/listings/{listing.id}/edit"))
    assert "changes go to review first" in form and "Old public title" in form
    response = client.post(f"/listings/{listing.id}/edit",
                           data={**VALID, "title": "New title waiting for the moderator", "action": "submit"})
    assert response.status_code == 302
    db.session.refresh(listing)
    assert listing.status == PUBLISHED and listing.has_pending_revision
    assert listing.title == "Old public title for our pellets offer"

    owner_page = page_text(client.get(f"/listings/{listing.id}"))
    assert "waiting for review" in owner_page and "New title waiting for the moderator" in owner_page
    # The edit form continues from the pending changes.
    assert "New title waiting for the moderator" in page_text(client.get(f"/listings/{listing.id}/edit"))

    client.post("/account/sign-out")
    public = page_text(client.get(f"/listings/{listing.id}"))
    assert "Old public title" in public and "New title waiting" not in public
    assert "Old public title" in page_text(client.get("/listings"))


def test_changes_saved_as_draft_are_not_sent_to_review(client, owner, people):
    listing = make_listing(people.company, owner)
    db.session.commit()
    client.post(f"/listings/{listing.id}/edit", data={**VALID, "title": "Draft change", "action": "draft"})
    db.session.refresh(listing)
    assert listing.revision["title"] == "Draft change" and not listing.has_pending_revision
    assert "not submitted yet" in page_text(client.get(f"/listings/{listing.id}"))


def test_a_rejected_listing_shows_the_reason_and_can_be_resubmitted(client, owner, people):
    listing = make_listing(people.company, owner, status=PENDING)
    services.reject(people.manager, listing, "contact-details", "Please remove the phone number.")
    db.session.commit()
    page = page_text(client.get(f"/listings/{listing.id}"))
    assert "This listing was not published." in page and "Contains contact details" in page
    assert "Please remove the phone number." in page and "Edit and resubmit" in page
    mine = page_text(client.get("/my/listings"))
    assert "Needs your attention" in mine and "Please remove the phone number." in mine

    form = page_text(client.get(f"/listings/{listing.id}/edit"))
    assert "Contains contact details" in form and "Resubmit for review" in form
    client.post(f"/listings/{listing.id}/edit", data={**VALID, "action": "submit"})
    db.session.refresh(listing)
    assert listing.status == PENDING


def test_a_rejected_revision_is_shown_to_the_owner(client, owner, people):
    listing = make_listing(people.company, owner)
    services.update_listing(owner, listing, services.ListingData(**{**services.ListingData.of(listing).__dict__,
                                                                    "title": "Changed title"}), submit=True)
    services.reject(people.manager, listing, "unclear", "Say what you seek.")
    db.session.commit()
    page = page_text(client.get(f"/listings/{listing.id}"))
    assert "Your changes were not accepted." in page and "Say what you seek." in page
    assert "Changes rejected" in page_text(client.get("/my/listings"))


def test_editing_a_pending_listing_keeps_it_in_review(client, owner, people):
    listing = make_listing(people.company, owner, status=PENDING)
    db.session.commit()
    form = page_text(client.get(f"/listings/{listing.id}/edit"))
    assert "Save changes" in form and "Save draft" not in form
    client.post(f"/listings/{listing.id}/edit", data={**VALID, "summary": "A sharper summary of the offer.",
                                                     "action": "draft"})
    db.session.refresh(listing)
    assert listing.status == PENDING and listing.summary == "A sharper summary of the offer."
    # A pending listing must stay complete.
    response = client.post(f"/listings/{listing.id}/edit", data={**VALID, "description": "", "action": "draft"})
    assert "Describe what you offer or seek." in errors_of(response)


def test_withdraw_asks_first_then_hides_the_listing(client, owner, people):
    listing = make_listing(people.company, owner)
    db.session.commit()
    confirm = page_text(client.get(f"/listings/{listing.id}/withdraw"))
    assert "Withdraw this listing?" in confirm
    db.session.refresh(listing)
    assert listing.status == PUBLISHED  # the GET only asks
    response = client.post(f"/listings/{listing.id}/withdraw")
    assert response.location.endswith("/my/listings")
    db.session.refresh(listing)
    assert listing.status == WITHDRAWN
    assert "You withdrew this listing" in page_text(client.get(f"/listings/{listing.id}"))
    # Edit is closed, and others no longer see it.
    assert client.get(f"/listings/{listing.id}/edit").status_code == 302
    client.post("/account/sign-out")
    assert client.get(f"/listings/{listing.id}").status_code == 404
    assert listing.title not in page_text(client.get("/listings"))


@pytest.mark.parametrize("days_left, renewable", [(60, False), (31, False), (10, True), (-5, True)])
def test_renewal_window(client, owner, people, days_left, renewable):
    listing = make_listing(people.company, owner, days_left=days_left)
    db.session.commit()
    page = page_text(client.get(f"/listings/{listing.id}"))
    assert (f'action="/listings/{listing.id}/renew"' in page) is renewable
    before = listing.expires_at
    response = client.post(f"/listings/{listing.id}/renew", follow_redirects=True)
    db.session.refresh(listing)
    if renewable:
        assert listing.expires_at > utcnow() + timedelta(days=364)
        assert "renewed" in page_text(response)
        assert listing.title in page_text(client.get("/listings"))
    else:
        assert listing.expires_at == before
        assert "last 30 days" in page_text(response)


def test_expiry_needs_no_cron_job(client, people):
    listing = make_listing(people.company, people.owner, days_left=-1, title="A listing past its date")
    fresh = make_listing(people.company, people.owner, title="A listing still valid")
    db.session.commit()
    page = page_text(client.get(f"/listings/{listing.id}"))
    assert "expired on" in page and "Expired" in page  # the page stays, marked
    search = page_text(client.get("/listings"))
    assert "A listing past its date" not in search and "A listing still valid" in search
    assert fresh.status == listing.status == PUBLISHED


def test_my_listings_groups_by_status_with_attention_first(client, owner, people):
    make_listing(people.company, owner, status=DRAFT, title="My draft listing")
    make_listing(people.company, owner, status=PENDING, title="My pending listing")
    make_listing(people.company, owner, title="My published listing")
    make_listing(people.company, owner, days_left=7, title="My expiring listing")
    make_listing(people.company, owner, days_left=-3, title="My expired listing")
    make_listing(people.company, owner, status=WITHDRAWN, title="My withdrawn listing")
    make_listing(people.company, owner, status=REJECTED, rejection_reason="duplicate", title="My rejected listing")
    make_listing(people.other_company, people.other, title="Somebody else's listing")
    db.session.commit()
    html = page_text(client.get("/my/listings"))
    assert "Somebody else" not in html
    order = ["attention-title", "group-rejected", "group-draft", "group-pending", "group-published",
             "group-expired", "group-withdrawn"]
    positions = [html.index(f'id="{anchor}"') for anchor in order]
    assert positions == sorted(positions)
    attention = html[html.index("Needs your attention"):html.index('id="group-rejected"')]
    for title in ("My rejected listing", "My expiring listing", "My expired listing"):
        assert title in attention
    for title in ("My draft listing", "My published listing", "My withdrawn listing"):
        assert title not in attention
    assert "Duplicate of another listing" in attention


def test_my_listings_without_a_company_explains(client, auth, people):
    from ..factories import make_user

    loner = make_user("loner@example.com")
    db.session.commit()
    auth.sign_in(loner)
    response = client.get("/my/listings")
    assert response.status_code == 403 and "Create your company profile" in page_text(response)
