"""Who may see and change a listing, per endpoint and role; suspended companies; no contact details."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings.models import DRAFT, PUBLISHED, Listing

from ..factories import make_company, make_user
from .conftest import VALID, make_listing, page_text

ROLES = ["anonymous", "other", "owner", "colleague", "manager", "outside_manager", "admin"]

ENDPOINTS = [
    ("get", "/listings/{id}/edit"),
    ("post", "/listings/{id}/edit"),
    ("post", "/listings/{id}/submit"),
    ("get", "/listings/{id}/withdraw"),
    ("post", "/listings/{id}/withdraw"),
    ("post", "/listings/{id}/renew"),
]

# A draft does not exist for outsiders (404); a published listing exists but is not theirs (403).
# Moderators see drafts of their members but change nothing: listings are edited by their owners only.
OWNER_ONLY = {
    DRAFT: {"other": 404, "outside_manager": 404, "manager": 403, "admin": 403},
    PUBLISHED: {"other": 403, "outside_manager": 403, "manager": 403, "admin": 403},
}


def _sign_in(auth, people, role):
    if role != "anonymous":
        auth.sign_in(getattr(people, role))


def _snapshot(listing: Listing):
    db.session.refresh(listing)
    return (listing.status, listing.title, listing.expires_at, listing.revision, listing.submitted_at)


@pytest.mark.parametrize("status", [DRAFT, PUBLISHED])
@pytest.mark.parametrize("role", ROLES)
def test_owner_endpoints_per_role(client, auth, people, role, status):
    _sign_in(auth, people, role)
    for method, url in ENDPOINTS:
        listing = make_listing(people.company, people.owner, status=status, days_left=10)
        db.session.commit()
        before = _snapshot(listing)
        data = {**VALID, "title": "Swapped title", "action": "submit"} if method == "post" else None
        response = getattr(client, method)(url.format(id=listing.id), data=data)
        where = (method, url)
        if role == "anonymous":
            assert response.status_code == 302 and "/account/sign-in" in response.location, where
        elif role in ("owner", "colleague"):
            assert response.status_code in (200, 302), where
            if response.status_code == 302:
                assert "/account/sign-in" not in response.location, where
        else:
            assert response.status_code == OWNER_ONLY[status][role], where
        if role not in ("owner", "colleague"):
            assert _snapshot(listing) == before, where  # nothing changed by swapping ids


@pytest.mark.parametrize("status, visible_to", [
    (DRAFT, {"owner", "colleague", "manager", "admin"}),
    ("pending", {"owner", "colleague", "manager", "admin"}),
    ("rejected", {"owner", "colleague", "manager", "admin"}),
    ("withdrawn", {"owner", "colleague", "manager", "admin"}),
    (PUBLISHED, set(ROLES)),
])
@pytest.mark.parametrize("role", ROLES)
def test_listing_page_per_status_and_role(client, auth, people, role, status, visible_to):
    listing = make_listing(people.company, people.owner, status=status)
    db.session.commit()
    _sign_in(auth, people, role)
    response = client.get(f"/listings/{listing.id}")
    assert response.status_code == (200 if role in visible_to else 404)
    if response.status_code == 200:
        page = page_text(response)
        assert listing.title in page
        owner_controls = f'href="/listings/{listing.id}/edit"' in page
        assert owner_controls is (role in ("owner", "colleague") and status != "withdrawn")
        # The moderation history is for the owners and moderators only.
        assert ('id="history-title"' in page) is (role in ("owner", "colleague", "manager", "admin"))


def test_unknown_listing_is_404(client, people, auth):
    auth.sign_in(people.owner)
    assert client.get("/listings/999999").status_code == 404
    assert client.post("/listings/999999/withdraw").status_code == 404


def test_new_listing_needs_sign_in(client):
    response = client.get("/listings/new")
    assert response.status_code == 302 and "/account/sign-in" in response.location


def test_without_a_company_the_page_says_what_is_missing(client, auth):
    loner = make_user("loner@example.com")
    db.session.commit()
    auth.sign_in(loner)
    for response in (client.get("/listings/new"), client.post("/listings/new", data={**VALID, "action": "submit"})):
        assert response.status_code == 403
        assert "Create your company profile" in page_text(response)
    assert db.session.scalar(select(Listing)) is None


def test_an_unconfirmed_member_is_asked_to_confirm_first(client, auth):
    member = make_user("new@example.com", confirmed=False)
    make_company("New Co", members=[member])
    db.session.commit()
    auth.sign_in(member)
    response = client.get("/listings/new")
    assert response.status_code == 403 and "confirm your e-mail address" in page_text(response)


def test_the_company_comes_from_the_session_never_from_the_form(client, auth, people):
    auth.sign_in(people.owner)
    client.post("/listings/new", data={**VALID, "action": "submit", "company_id": people.other_company.id,
                                       "author_id": people.other.id, "status": "published"})
    listing = db.session.scalar(select(Listing))
    assert listing.company_id == people.company.id and listing.author_id == people.owner.id
    assert listing.status == "pending"


def test_a_suspended_company_vanishes_and_cannot_post(client, auth, people):
    listing = make_listing(people.company, people.owner, title="Listing of a company about to be suspended")
    draft = make_listing(people.company, people.owner, status=DRAFT)
    renewable = make_listing(people.company, people.owner, days_left=5)
    people.company.suspended_at = utcnow()
    db.session.commit()

    assert client.get(f"/listings/{listing.id}").status_code == 404
    assert "about to be suspended" not in page_text(client.get("/listings"))

    auth.sign_in(people.other)
    assert client.get(f"/listings/{listing.id}").status_code == 404
    auth.sign_out()

    auth.sign_in(people.owner)
    response = client.get("/listings/new")
    assert response.status_code == 403 and "suspended" in page_text(response)
    assert client.post("/listings/new", data={**VALID, "action": "submit"}).status_code == 403
    assert client.post(f"/listings/{draft.id}/submit").status_code == 403
    assert client.post(f"/listings/{renewable.id}/renew").status_code == 403
    assert client.get(f"/listings/{listing.id}/edit").status_code == 403
    db.session.refresh(draft)
    assert draft.status == DRAFT
    # The owner still sees the own listing (and may take it down).
    assert client.get(f"/listings/{listing.id}").status_code == 200
    assert client.post(f"/listings/{listing.id}/withdraw").status_code == 302


def test_an_unpublished_company_profile_hides_its_listings(client, people):
    listing = make_listing(people.company, people.owner)
    people.company.is_published = False
    db.session.commit()
    assert client.get(f"/listings/{listing.id}").status_code == 404
    assert listing.title not in page_text(client.get("/listings"))


@pytest.mark.parametrize("role", ["anonymous", "other"])
def test_the_page_shows_no_contact_details(client, auth, people, role):
    people.owner.phone = "+420 475 123 456"
    listing = make_listing(people.company, people.owner)
    db.session.commit()
    _sign_in(auth, people, role)
    page = page_text(client.get(f"/listings/{listing.id}"))
    assert people.company.name in page and "Czechia" in page and "Ústí Region" in page
    assert "Wood Cluster Ústí" in page  # its clusters
    for secret in ("owner@example.com", "colleague@example.com", "pellets-usti.example", "475 123 456", "Olga Owner"):
        assert secret not in page
    assert f'href="/companies/{people.company.slug}"' in page


def test_expired_listing_keeps_its_page_for_everyone(client, people):
    listing = make_listing(people.company, people.owner, days_left=-30)
    db.session.commit()
    response = client.get(f"/listings/{listing.id}")
    assert response.status_code == 200 and "It no longer appears in search results" in page_text(response)
    assert listing.expires_at < utcnow() - timedelta(days=29)
