"""Privacy: export of everything held about a person, and erasure of the account."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from marketplace.accounts import privacy
from marketplace.accounts.models import LoginSession, User
from marketplace.clusters.models import ClusterManager, ClusterMembership
from marketplace.companies.models import CompanyInvitation
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.mail.models import OutboxMessage
from marketplace.mail.services import queue_mail
from tests.factories import DEFAULT_PASSWORD, make_cluster, make_company, make_user

from .conftest import signed_in


def _sign_in(client, email):
    assert client.post("/account/sign-in", data={"email": email, "password": DEFAULT_PASSWORD},
                       headers={"User-Agent": "TestBrowser/1.0"}).status_code == 302


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _person_with_everything():
    user = make_user("karel@example.cz", name="Karel Novák")
    user.job_title, user.phone = "Export manager", "+420 475 123 456"
    company = make_company("Sklo Teplice a.s.", members=[user])
    managed = make_cluster("Wood Cluster Ústí", managers=[user])
    joined = make_cluster("Glass Cluster Silesia", country="PL")
    db.session.add(ClusterMembership(cluster=joined, company=company, requested_by=user, message="Please let us in"))
    db.session.add(CompanyInvitation(company=company, email="colleague@example.cz", token_hash="h" * 64,
                                     invited_by=user, expires_at=utcnow()))
    queue_mail(user.email, "password_changed", "en", user=user, reset_url="http://marketplace.test/x")
    db.session.commit()
    return user, company, managed


def test_export_contains_my_data_and_no_secrets(client):
    user, company, managed = _person_with_everything()
    _sign_in(client, user.email)
    response = client.get("/account/privacy/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    raw = response.get_data(as_text=True)
    data = json.loads(raw)

    assert data["account"]["email"] == "karel@example.cz" and data["account"]["name"] == "Karel Novák"
    assert data["account"]["phone"] == "+420 475 123 456" and data["account"]["preferred_language"] == "en"
    assert data["sign_in_sessions"][0]["user_agent"] == "TestBrowser/1.0"
    assert data["company"]["name"] == "Sklo Teplice a.s."
    assert data["cluster_manager_roles"][0]["cluster"] == "Wood Cluster Ústí"
    assert data["cluster_membership_requests"][0]["cluster"] == "Glass Cluster Silesia"
    assert data["cluster_membership_requests"][0]["message"] == "Please let us in"
    assert data["invitations_sent"][0]["email"] == "colleague@example.cz"
    assert data["emails_sent_to_you"][0]["subject"] == "Your password was changed"

    assert "password_hash" not in raw and user.password_hash not in raw and "$argon2" not in raw
    assert "token_hash" not in raw and "h" * 64 not in raw
    db.session.expire_all()
    token_hash = db.session.scalar(select(LoginSession.token_hash).where(LoginSession.user_id == user.id))
    assert token_hash not in raw


def test_export_is_extensible(client):
    user = make_user()
    db.session.commit()

    def contributor(person):
        return "listings", [f"listing of {person.id}"]

    privacy.register_export_contributor(contributor)
    try:
        _sign_in(client, user.email)
        data = client.get("/account/privacy/export.json").get_json(force=True)
        assert data["listings"] == [f"listing of {user.id}"]
    finally:
        privacy.EXPORT_CONTRIBUTORS.remove(contributor)


def test_delete_account_anonymises_everything_and_unpublishes_memberless_company(app, client):
    user, company, managed = _person_with_everything()
    other_device = app.test_client()
    _sign_in(other_device, user.email)
    _sign_in(client, user.email)
    erased = []
    hook = privacy.register_erasure_hook(lambda person: erased.append(person.email))
    try:
        refused = client.post("/account/privacy/delete", data={"current_password": "wrong password",
                                                               "confirm": "y"})
        assert "This is not your current password." in refused.get_data(as_text=True)
        unticked = client.post("/account/privacy/delete", data={"current_password": DEFAULT_PASSWORD})
        assert "Tick the box to confirm." in unticked.get_data(as_text=True)
        response = client.post("/account/privacy/delete", data={"current_password": DEFAULT_PASSWORD,
                                                                "confirm": "y"})
    finally:
        privacy.ERASURE_HOOKS.remove(hook)
    assert response.status_code == 302 and response.location == "/"
    assert erased == ["karel@example.cz"]  # hooks run while the address is still known

    db.session.expire_all()
    assert user.email == f"deleted-{user.id}@deleted.invalid" and user.name == "Deleted user"
    assert user.phone == "" and user.job_title == "" and user.deleted_at is not None and not user.is_active
    assert user.password_hash.startswith("$argon2id$") and user.company_id is None
    assert _count(LoginSession, LoginSession.user_id == user.id) == 0
    assert _count(ClusterManager, ClusterManager.user_id == user.id) == 0
    assert _count(OutboxMessage, OutboxMessage.to_address == "karel@example.cz") == 0
    assert company.is_published is False
    assert not signed_in(client) and not signed_in(other_device)
    assert client.post("/account/sign-in", data={"email": "karel@example.cz",
                                                 "password": DEFAULT_PASSWORD}).status_code == 200
    # The address is free for a new account.
    assert db.session.scalar(select(User).where(User.email == "karel@example.cz")) is None


def test_delete_account_keeps_company_published_when_colleagues_remain(client):
    leaving = make_user("leaving@example.com")
    staying = make_user("staying@example.com")
    company = make_company(members=[leaving, staying])
    db.session.commit()
    _sign_in(client, leaving.email)
    client.post("/account/privacy/delete", data={"current_password": DEFAULT_PASSWORD, "confirm": "y"})
    db.session.expire_all()
    assert leaving.deleted_at is not None and company.is_published is True
    assert [m.email for m in company.members] == ["staying@example.com"]


def test_company_whose_other_members_are_deleted_is_unpublished(client):
    leaving = make_user("last@example.com")
    ghost = make_user("ghost@example.com")
    ghost.deleted_at = utcnow()
    company = make_company(members=[leaving, ghost])
    db.session.commit()
    _sign_in(client, leaving.email)
    client.post("/account/privacy/delete", data={"current_password": DEFAULT_PASSWORD, "confirm": "y"})
    db.session.expire_all()
    assert company.is_published is False
