"""Every moderation page and action per role: anonymous, company member, other cluster's manager, manager, admin."""
from __future__ import annotations

import re

import pytest

from marketplace.extensions import db
from marketplace.listings.models import PENDING, Listing
from marketplace.moderation import services
from marketplace.moderation.queue import review_version

from ..factories import DEFAULT_PASSWORD, make_cluster, make_company, make_user
from .conftest import make_listing

ROLES = ("anonymous", "owner", "other_member", "other_manager", "manager", "admin")
USERS = {"owner": "owner", "other_member": "other", "other_manager": "other_manager",
         "manager": "manager", "admin": "admin"}


@pytest.fixture
def world(people):
    listing = make_listing(people.company, people.owner, status="pending")
    published = make_listing(people.company, people.owner)
    report = services.report(people.reporter, "listing", published.id, "spam", "Looks like spam.")
    db.session.commit()
    return listing, published, report


def as_role(client_for, people, role):
    return client_for(None if role == "anonymous" else getattr(people, USERS[role]))


def expected(role: str, for_everyone_moderating: bool) -> int | str:
    if role == "anonymous":
        return "sign-in"
    if role in ("manager", "admin"):
        return 200
    if role == "other_manager" and for_everyone_moderating:
        return 200  # their own (empty) queue, reports, suspensions
    return 403


def check(response, outcome) -> None:
    if outcome == "sign-in":
        assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    else:
        assert response.status_code == outcome, response.get_data(as_text=True)[:300]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/moderation", "/moderation/reports", "/moderation/reports?status=closed",
                                  "/moderation/companies/suspended"])
def test_moderator_lists(people, world, client_for, role, path):
    check(as_role(client_for, people, role).get(path), expected(role, for_everyone_moderating=True))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["review", "company", "report"])
def test_pages_of_one_object(people, world, client_for, role, page):
    listing, _published, report = world
    path = {"review": f"/moderation/listings/{listing.id}", "company": f"/moderation/companies/{people.company.id}",
            "report": f"/moderation/reports/{report.id}"}[page]
    check(as_role(client_for, people, role).get(path), expected(role, for_everyone_moderating=False))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["approve", "reject", "decide_report", "suspend", "reinstate"])
def test_actions(people, world, client_for, role, action):
    listing, _published, report = world
    if action == "reinstate":
        people.company.suspended_at = listing.created_at
        db.session.commit()
    path, data = {
        "approve": (f"/moderation/listings/{listing.id}/approve", {"version": review_version(listing)}),
        "reject": (f"/moderation/listings/{listing.id}/reject",
                   {"version": review_version(listing), "reason": "unclear"}),
        "decide_report": (f"/moderation/reports/{report.id}", {"decision": "dismiss"}),
        "suspend": (f"/moderation/companies/{people.company.id}/suspend", {"reason": "spam", "note": "Spam."}),
        "reinstate": (f"/moderation/companies/{people.company.id}/reinstate", {}),
    }[action]
    response = as_role(client_for, people, role).post(path, data=data)
    outcome = expected(role, for_everyone_moderating=False)
    check(response, 302 if outcome == 200 else outcome)
    db.session.expire_all()
    changed = {
        "approve": lambda: db.session.get(Listing, listing.id).status != PENDING,
        "reject": lambda: db.session.get(Listing, listing.id).status != PENDING,
        "decide_report": lambda: db.session.get(type(report), report.id).status != "open",
        "suspend": lambda: db.session.get(type(people.company), people.company.id).suspended_at is not None,
        "reinstate": lambda: db.session.get(type(people.company), people.company.id).suspended_at is None,
    }[action]()
    assert changed == (outcome == 200)


def test_manager_cannot_reach_other_clusters_objects_by_swapping_ids(people, client_for):
    theirs = make_listing(people.other_company, status="pending")
    db.session.commit()
    manager = client_for(people.manager)
    assert manager.get(f"/moderation/listings/{theirs.id}").status_code == 403
    assert manager.post(f"/moderation/listings/{theirs.id}/approve",
                        data={"version": review_version(theirs)}).status_code == 403
    assert manager.post(f"/moderation/companies/{people.other_company.id}/suspend",
                        data={"reason": "spam", "note": "x"}).status_code == 403
    assert manager.get("/moderation/listings/999999").status_code == 404
    db.session.refresh(theirs)
    assert theirs.status == PENDING and people.other_company.suspended_at is None


def test_no_cluster_company_is_for_admins_only(people, client_for):
    lonely = make_listing(people.lone_company, status="pending")
    db.session.commit()
    assert client_for(people.manager).get(f"/moderation/listings/{lonely.id}").status_code == 403
    assert client_for(people.admin).get(f"/moderation/listings/{lonely.id}").status_code == 200


def _token(response) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_post_without_csrf_token_is_refused(csrf_app):
    owner = make_user("owner@example.com")
    company = make_company(members=[owner])
    manager = make_user("manager@example.com", name="Mia Manager")
    make_cluster(managers=[manager], members=[company])
    listing = make_listing(company, owner, status="pending")
    db.session.commit()
    client = csrf_app.test_client()
    signed_in = client.post("/account/sign-in", data={"email": manager.email, "password": DEFAULT_PASSWORD,
                                                      "csrf_token": _token(client.get("/account/sign-in"))})
    assert signed_in.status_code == 302

    refused = client.post(f"/moderation/listings/{listing.id}/approve", data={"version": review_version(listing)})
    assert refused.status_code == 400 and "form expired" in refused.get_data(as_text=True)
    db.session.refresh(listing)
    assert listing.status == PENDING

    page = client.get(f"/moderation/listings/{listing.id}")
    accepted = client.post(f"/moderation/listings/{listing.id}/approve",
                           data={"version": review_version(listing), "csrf_token": _token(page)})
    assert accepted.status_code == 302
    db.session.refresh(listing)
    assert listing.status == "published"
