"""Who may do what with a partnership: every endpoint per role, drafts, the thread, and ids swapped."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.partnerships import membership, services
from marketplace.partnerships.models import INVITED, MEMBER, Partnership, PartnershipMember, PartnershipRole

from ..factories import DEFAULT_PASSWORD, make_company, make_user
from .conftest import make_partnership

ROLES = ["anonymous", "loner", "outsider", "invitee_user", "partner_user", "manager", "lead_user", "admin"]
OK, SIGN_IN = "ok", "sign-in"

# (method, url, data, who may): {slug}, {open}/{filled} roles, {invitation}, {partner} member rows.
LEAD_ONLY = {"lead_user", "admin"}
ENDPOINTS = [
    ("get", "/partnerships/{slug}/manage", None, LEAD_ONLY),
    ("get", "/partnerships/{slug}/edit", None, LEAD_ONLY),
    ("post", "/partnerships/{slug}/edit", {"name": "Renamed", "goal": "New goal", "sector": "wood"}, LEAD_ONLY),
    ("post", "/partnerships/{slug}/close", None, LEAD_ONLY),
    ("post", "/partnerships/{slug}/roles", {"role-sector": "wood", "role-country": "", "role-capability": "Joinery"},
     LEAD_ONLY),
    ("post", "/partnerships/{slug}/roles/{open}/remove", None, LEAD_ONLY),
    ("get", "/partnerships/{slug}/roles/{open}/candidates", None, LEAD_ONLY),
    ("post", "/partnerships/{slug}/invitations", {"invite-target": "cluster:{cluster}"}, LEAD_ONLY),
    ("post", "/partnerships/{slug}/members/{partner}/remove", None, LEAD_ONLY),
    ("post", "/partnerships/{slug}/invitations/{invitation}/accept", None, {"invitee_user"}),
    ("post", "/partnerships/{slug}/invitations/{invitation}/decline", None, {"invitee_user"}),
    ("post", "/partnerships/{slug}/members/{partner}/leave", None, {"partner_user"}),
    ("post", "/partnerships/{slug}/messages", {"thread-body": "Hello"}, {"partner_user", "lead_user"}),
    ("post", "/partnerships/{slug}/join", {"join-party": "{own}"}, {"outsider", "manager"}),
    ("get", "/partnerships/new", None, {"outsider", "invitee_user", "partner_user", "manager", "lead_user"}),
    ("get", "/my/partnerships", None, set(ROLES) - {"anonymous"}),
]


def _format(value, world):
    own = "company:%d" % world.outsider_company.id
    if isinstance(value, str):
        return value.format(slug=world.partnership.slug, open=world.open_role.id, filled=world.filled.id,
                            invitation=world.invitation.id, partner=world.partner.id, cluster=world.other_cluster.id,
                            own=own)
    return {k: _format(v, world) for k, v in value.items()}


def _own_party(world, role: str) -> str:
    if role == "manager":
        return "cluster:%d" % world.cluster.id
    user = getattr(world, role, None)
    return "company:%d" % user.company_id if user is not None and user.company_id else "company:0"


def _call(client, auth, world, role, method, url, data):
    if role != "anonymous":
        auth.sign_in(getattr(world, role))
    data = _format(data, world) if data else {}
    if data.get("join-party") is not None:
        data["join-party"] = _own_party(world, role)
    return getattr(client, method)(_format(url, world), data=data)


def _assert(response, expected):
    if expected == SIGN_IN:
        assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    elif expected == OK:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/account/sign-in" not in response.headers["Location"]
    else:
        assert response.status_code == expected, response.status_code


@pytest.mark.parametrize("method, url, data, allowed", ENDPOINTS, ids=[f"{m} {u}" for m, u, *_ in ENDPOINTS])
@pytest.mark.parametrize("role", ROLES)
def test_endpoints_per_role(client, auth, world, role, method, url, data, allowed):
    expected = SIGN_IN if role == "anonymous" else OK if role in allowed else 403
    _assert(_call(client, auth, world, role, method, url, data), expected)


@pytest.mark.parametrize("role", ROLES)
def test_a_published_page_is_public_but_its_thread_is_the_members_own(client, auth, world, role):
    from marketplace.partnerships import thread

    thread.post_message(world.partner_user, world.partnership, "Secret price: 120 EUR per tonne")
    db.session.commit()
    response = _call(client, auth, world, role, "get", "/partnerships/{slug}", None)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Pellets for the Alps" in text and "Alpen Holz" in text
    members = role in ("partner_user", "lead_user")
    assert ("Secret price" in text) == members
    assert ("Members’ thread" in text) == members


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 404), ("loner", 404), ("outsider", 404), ("manager", 404), ("partner_user", 404),
    ("invitee_user", 200), ("lead_user", 200), ("admin", 200),
])
def test_a_draft_shows_to_its_lead_and_invitees_only(client, auth, world, role, expected):
    draft = make_partnership(world.lead_user, world.lead_company, name="Secret plan")
    membership.invite(world.lead_user, draft, world.invitee_company)
    db.session.commit()
    if role != "anonymous":
        auth.sign_in(getattr(world, role))
    assert client.get(f"/partnerships/{draft.slug}").status_code == expected
    directory = client.get("/partnerships").get_data(as_text=True)
    assert "Secret plan" not in directory


def test_lead_decides_requests_others_cannot(client, auth, world):
    request = membership.request_to_join(world.other_manager, world.partnership, ("cluster", world.other_cluster.id))
    db.session.commit()
    url = f"/partnerships/{world.partnership.slug}/requests/{request.id}/accept"
    for role in ("other_manager", "partner_user", "outsider"):
        auth.sign_in(getattr(world, role))
        assert client.post(url).status_code == 403
    auth.sign_in(world.other_manager)
    assert client.post(f"/partnerships/{world.partnership.slug}/requests/{request.id}/withdraw").status_code == 302
    request = membership.request_to_join(world.other_manager, world.partnership, ("cluster", world.other_cluster.id))
    db.session.commit()
    auth.sign_in(world.lead_user)
    assert client.post(f"/partnerships/{world.partnership.slug}/requests/{request.id}/accept").status_code == 302
    assert db.session.get(PartnershipMember, request.id).status == MEMBER


# --- Ids swapped between partnerships ----------------------------------------------------------------

@pytest.fixture
def elsewhere(world):
    """A second partnership, led by the outsider's company, with a role, a member and an invitation."""
    other = make_partnership(world.outsider, world.outsider_company, name="Elsewhere", publish=True)
    role = services.add_role(other, services.RoleData("wood", None, "Anything"))
    invitation = membership.invite(world.outsider, other, world.partner_company, role)
    db.session.commit()
    return other, role, invitation


@pytest.mark.parametrize("user, url", [
    ("lead_user", "/partnerships/{slug}/roles/{role}/remove"),
    ("lead_user", "/partnerships/{slug}/roles/{role}/candidates"),
    ("lead_user", "/partnerships/{slug}/members/{invitation}/remove"),
    ("lead_user", "/partnerships/{slug}/requests/{invitation}/accept"),
    ("partner_user", "/partnerships/{slug}/invitations/{invitation}/accept"),
    ("partner_user", "/partnerships/{slug}/members/{invitation}/leave"),
])
def test_ids_of_another_partnership_are_not_found(client, auth, world, elsewhere, user, url):
    _other, role, invitation = elsewhere
    auth.sign_in(getattr(world, user))
    path = url.format(slug=world.partnership.slug, role=role.id, invitation=invitation.id)
    response = client.get(path) if path.endswith("candidates") else client.post(path)
    assert response.status_code == 404
    assert db.session.get(PartnershipRole, role.id) is not None
    assert db.session.get(PartnershipMember, invitation.id).status == INVITED


def test_the_invitee_of_one_partnership_cannot_answer_through_another(client, auth, world, elsewhere):
    other, _role, invitation = elsewhere
    auth.sign_in(world.invitee_user)
    assert client.post(f"/partnerships/{other.slug}/invitations/{invitation.id}/accept").status_code == 403
    assert client.post(f"/partnerships/{other.slug}/invitations/{world.invitation.id}/accept").status_code == 404


def test_swapped_hidden_fields_are_refused(client, auth, world, elsewhere):
    _other, foreign_role, _invitation = elsewhere
    auth.sign_in(world.lead_user)
    response = client.post(f"/partnerships/{world.partnership.slug}/invitations",
                           data={"invite-target": f"cluster:{world.other_cluster.id}", "invite-role": foreign_role.id})
    assert response.status_code == 400 and "Choose one of the open roles." in response.get_data(as_text=True)
    assert all(m.cluster_id != world.other_cluster.id for m in world.partnership.members)
    # Leading or joining for somebody else's company.
    count = db.session.scalar(select(func.count()).select_from(Partnership))
    response = client.post("/partnerships/new", data={"name": "Hijack", "goal": "Goal", "sector": "wood",
                                                      "lead": f"company:{world.outsider_company.id}"})
    assert response.status_code == 400 and db.session.scalar(select(func.count()).select_from(Partnership)) == count
    auth.sign_in(world.outsider)
    response = client.post(f"/partnerships/{world.partnership.slug}/join",
                           data={"join-party": f"cluster:{world.cluster.id}"})
    assert response.status_code == 400
    assert all(m.cluster_id != world.cluster.id for m in world.partnership.members)


# --- CSRF -------------------------------------------------------------------------------------------

def _token(response) -> str:
    return re.search(r'name="[a-z-]*csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_posts_without_a_csrf_token_are_refused(csrf_app):
    user = make_user()
    company = make_company(members=[user])
    with csrf_app.test_request_context():
        partnership = make_partnership(user, company, publish=True)
    db.session.commit()
    client = csrf_app.test_client()
    signed_in = client.post("/account/sign-in", data={"email": user.email, "password": DEFAULT_PASSWORD,
                                                      "csrf_token": _token(client.get("/account/sign-in"))})
    assert signed_in.status_code == 302
    for path, data in [(f"/partnerships/{partnership.slug}/messages", {"thread-body": "Hello"}),
                       (f"/partnerships/{partnership.slug}/invitations", {"invite-target": "company:1"}),
                       (f"/partnerships/{partnership.slug}/close", {}),
                       ("/partnerships/new", {"name": "X", "goal": "Y", "sector": "wood"})]:
        response = client.post(path, data=data)
        assert response.status_code == 400, path
        assert "Your form expired" in response.get_data(as_text=True)
    assert partnership.status == "active"
    page = client.get(f"/partnerships/{partnership.slug}")
    accepted = client.post(f"/partnerships/{partnership.slug}/messages",
                           data={"thread-body": "Hello", "csrf_token": _token(page)})
    assert accepted.status_code == 302
    assert "Hello" in client.get(f"/partnerships/{partnership.slug}").get_data(as_text=True)
