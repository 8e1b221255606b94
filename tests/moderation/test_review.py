"""Deciding a listing: approve, reject with a reason, revisions, stale decisions, tampered input."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings.models import PENDING, PUBLISHED, REJECTED, Listing
from marketplace.listings.services import ListingData
from marketplace.mail.models import OutboxMessage
from marketplace.moderation.models import ModerationAction
from marketplace.moderation.queue import review_version

from .conftest import ago, errors_of, make_listing, text_of


def actions_of(listing) -> list[tuple[str, str, str]]:
    rows = db.session.scalars(select(ModerationAction).where(ModerationAction.subject_type == "listing",
                                                             ModerationAction.subject_id == listing.id)
                              .order_by(ModerationAction.id))
    return [(row.action, row.actor.name if row.actor else "", row.reason) for row in rows]


def with_revision(listing, **changes):
    data = ListingData.of(listing)
    for name, value in changes.items():
        setattr(data, name, value)
    listing.revision = data.__dict__.copy()
    listing.revision_submitted_at = ago(hours=5)
    db.session.commit()
    return listing


def test_review_page_shows_listing_company_and_history(people, client_for, pending):
    response = client_for(people.manager).get(f"/moderation/listings/{pending.id}")
    assert response.status_code == 200
    page = text_of(response)
    assert "Distributor sought for pellets" in page
    assert "Pellets Usti" in page and "Wood Cluster Usti" in page  # the company's facts
    assert "Approve and publish" in page and "Reject" in page
    assert "Contains contact details" in page  # a rejection reason to pick
    assert "Unpublished after a report" not in page  # reserved for the report path
    assert "History of this listing" in page


def test_approve_publishes_for_a_year_logs_and_mails(people, client_for, pending):
    manager = client_for(people.manager)
    response = manager.post(f"/moderation/listings/{pending.id}/approve",
                            data={"version": review_version(pending)}, follow_redirects=True)
    assert "is approved and published" in text_of(response)
    listing = db.session.get(Listing, pending.id)
    db.session.refresh(listing)
    assert listing.status == PUBLISHED
    assert abs(listing.expires_at - (listing.published_at + timedelta(days=365))) < timedelta(seconds=1)
    assert abs(listing.published_at - utcnow()) < timedelta(minutes=1)
    assert ("approve", "Mia Manager", "") in actions_of(listing)
    mails = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == "owner@example.com")).all()
    assert len(mails) == 1
    # the queue no longer lists it, the public can see it
    assert "Distributor sought for pellets" not in text_of(manager.get("/moderation"))
    assert client_for().get(f"/listings/{listing.id}").status_code == 200


def test_reject_with_reason_shows_reason_to_owner(people, client_for, pending):
    response = client_for(people.manager).post(
        f"/moderation/listings/{pending.id}/reject",
        data={"version": review_version(pending), "reason": "contact-details", "note": "Please remove the phone number."},
        follow_redirects=True)
    assert "was sent back to its author" in text_of(response)
    listing = db.session.get(Listing, pending.id)
    db.session.refresh(listing)
    assert (listing.status, listing.rejection_reason) == (REJECTED, "contact-details")
    assert ("reject", "Mia Manager", "contact-details") in actions_of(listing)

    owner_page = text_of(client_for(people.owner).get(f"/listings/{listing.id}"))
    assert "Contains contact details" in owner_page and "Please remove the phone number." in owner_page
    assert client_for().get(f"/listings/{listing.id}").status_code == 404


@pytest.mark.parametrize("reason", ["reported", "made-up", ""])
def test_tampered_or_missing_reason_is_a_field_error(people, client_for, pending, reason):
    response = client_for(people.manager).post(
        f"/moderation/listings/{pending.id}/reject",
        data={"version": review_version(pending), "reason": reason, "note": "keeps what I typed"})
    assert response.status_code == 400
    assert "Choose a reason" in errors_of(response)
    assert "keeps what I typed" in response.get_data(as_text=True)
    db.session.refresh(pending)
    assert pending.status == PENDING


def test_other_reason_needs_a_note(people, client_for, pending):
    response = client_for(people.manager).post(f"/moderation/listings/{pending.id}/reject",
                                               data={"version": review_version(pending), "reason": "other"})
    assert response.status_code == 400
    assert "Other reason" in errors_of(response)
    db.session.refresh(pending)
    assert pending.status == PENDING


def test_revision_is_shown_side_by_side_and_approved(people, client_for):
    listing = with_revision(make_listing(people.company, title="Old title", summary="Same summary"),
                            title="New better title", target_countries=["AT", "SI"])
    manager = client_for(people.manager)
    page = text_of(manager.get(f"/moderation/listings/{listing.id}"))
    assert "Proposed changes" in page and "Published now" in page
    assert "Old title" in page and "New better title" in page
    assert "Austria, Slovenia" in page and "Any country" in page
    assert "Approve changes" in page

    response = manager.post(f"/moderation/listings/{listing.id}/approve",
                            data={"version": review_version(listing)}, follow_redirects=True)
    assert "changes to “New better title” are approved" in text_of(response)
    db.session.refresh(listing)
    assert listing.title == "New better title" and listing.target_countries == ["AT", "SI"]
    assert listing.revision is None and listing.status == PUBLISHED
    assert ("approve-revision", "Mia Manager", "") in actions_of(listing)


def test_revision_rejected_keeps_published_text(people, client_for):
    listing = with_revision(make_listing(people.company, title="Old title"), title="SHOUTING TITLE")
    response = client_for(people.manager).post(
        f"/moderation/listings/{listing.id}/reject",
        data={"version": review_version(listing), "reason": "unclear", "note": "Say what you offer."},
        follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(listing)
    assert listing.title == "Old title" and listing.status == PUBLISHED
    assert listing.revision_submitted_at is None and listing.revision_rejection_reason == "unclear"
    assert ("reject-revision", "Mia Manager", "unclear") in actions_of(listing)
    owner_page = text_of(client_for(people.owner).get(f"/listings/{listing.id}"))
    assert "Your changes were not accepted." in owner_page and "Say what you offer." in owner_page


def test_resubmitted_meanwhile_must_be_reviewed_again(people, client_for, pending):
    seen = review_version(pending)
    pending.submitted_at = utcnow()  # the author edited and resubmitted after the moderator opened the page
    db.session.commit()
    response = client_for(people.manager).post(f"/moderation/listings/{pending.id}/approve", data={"version": seen},
                                               follow_redirects=True)
    assert "changed the listing while you were reviewing it" in text_of(response)
    db.session.refresh(pending)
    assert pending.status == PENDING


def test_history_shows_actor_names_to_owner_and_moderator(people, client_for, pending):
    client_for(people.manager).post(f"/moderation/listings/{pending.id}/reject",
                                    data={"version": review_version(pending), "reason": "incomplete"})
    for user in (people.owner, people.manager, people.admin):
        page = text_of(client_for(user).get(f"/moderation/listings/{pending.id}"
                                            if user is not people.owner else f"/listings/{pending.id}"))
        assert "Rejected" in page and "Mia Manager" in page
