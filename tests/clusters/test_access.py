"""Who may do what with clusters: every protected endpoint per role, and ids swapped between clusters."""
from __future__ import annotations

import pytest

from marketplace.clusters.models import MEMBERSHIP_ACCEPTED, MEMBERSHIP_PENDING
from marketplace.extensions import db

CLUSTER_FORM = {"name": "Renamed", "country": "CZ", "sectors": ["wood"], "region": "", "website": "",
                "description": ""}

# (method, url, data): {a} is cluster A's slug, {pending}/{accepted} memberships of A, {manager} its manager.
MANAGER_ENDPOINTS = [
    ("get", "/clusters/{a}/requests", None),
    ("post", "/clusters/{a}/requests/{pending}/accept", None),
    ("post", "/clusters/{a}/requests/{pending}/decline", None),
    ("post", "/clusters/{a}/members/{accepted}/remove", None),
    ("get", "/clusters/{a}/edit", None),
    ("post", "/clusters/{a}/edit", CLUSTER_FORM),
]
ADMIN_ENDPOINTS = [
    ("get", "/admin", None),
    ("get", "/admin/clusters/new", None),
    ("post", "/admin/clusters/new", CLUSTER_FORM),
    ("get", "/admin/clusters/{a}/managers", None),
    ("post", "/admin/clusters/{a}/managers", {"email": "outsider@example.com"}),
    ("post", "/admin/clusters/{a}/managers/{manager}/remove", None),
]
ROLES = ["anonymous", "outsider", "member", "insider", "manager_b", "manager_a", "admin"]


def _call(client, auth, world, role, method, url, data):
    if role != "anonymous":
        auth.sign_in(getattr(world, role))
    path = url.format(a=world.cluster_a.slug, pending=world.pending_a.id, accepted=world.accepted_a.id,
                      manager=world.manager_a.id)
    return getattr(client, method)(path, data=data or {})


def _assert(response, expected):
    if expected == "sign-in":
        assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    elif expected == 403:
        assert response.status_code == 403, response.status_code
    else:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/account/sign-in" not in response.headers["Location"]


@pytest.mark.parametrize("method, url, data", MANAGER_ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_manager_endpoints(client, auth, world, role, method, url, data):
    expected = {"anonymous": "sign-in", "manager_a": "ok", "admin": "ok"}.get(role, 403)
    _assert(_call(client, auth, world, role, method, url, data), expected)


@pytest.mark.parametrize("method, url, data", ADMIN_ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_admin_endpoints(client, auth, world, role, method, url, data):
    expected = {"anonymous": "sign-in", "admin": "ok"}.get(role, 403)
    _assert(_call(client, auth, world, role, method, url, data), expected)


@pytest.mark.parametrize("role, expected", [
    ("anonymous", "sign-in"), ("outsider", 403), ("member", 403), ("manager_b", "ok"), ("admin", "ok"),
])
def test_my_clusters(client, auth, world, role, expected):
    response = _call(client, auth, world, role, "get", "/my/clusters", None)
    _assert(response, expected)
    if role == "manager_b":
        text = response.get_data(as_text=True)
        assert "Cluster B" in text and "Cluster A" not in text and "1 request" in text


@pytest.mark.parametrize("role, expected", [
    ("anonymous", "sign-in"), ("outsider", 403), ("member", "ok"), ("manager_a", 403),
])
def test_asking_to_join_needs_a_company(client, auth, world, role, expected):
    _assert(_call(client, auth, world, role, "post", "/clusters/{a}/join", {"message": "Hello"}), expected)


def test_manager_of_a_cannot_decide_for_b_by_swapping_ids(client, auth, world):
    auth.sign_in(world.manager_a)
    a, b = world.cluster_a.slug, world.cluster_b.slug
    # B's request under A's address: not a request of A
    assert client.post(f"/clusters/{a}/requests/{world.pending_b.id}/accept").status_code == 404
    assert client.post(f"/clusters/{a}/requests/{world.pending_b.id}/decline").status_code == 404
    # B's request under B's address: not A's manager's business
    assert client.post(f"/clusters/{b}/requests/{world.pending_b.id}/accept").status_code == 403
    assert client.get(f"/clusters/{b}/requests").status_code == 403
    accepted_b = next(m for m in world.cluster_b.memberships if m.status == MEMBERSHIP_ACCEPTED)
    assert client.post(f"/clusters/{a}/members/{accepted_b.id}/remove").status_code == 404
    assert client.post(f"/clusters/{b}/members/{accepted_b.id}/remove").status_code == 403
    db.session.expire_all()
    assert world.pending_b.status == MEMBERSHIP_PENDING
    assert accepted_b.status == MEMBERSHIP_ACCEPTED


def test_csrf_token_is_required(csrf_app):
    from ..factories import make_cluster, make_user

    admin = make_user(is_admin=True)
    cluster = make_cluster("Csrf Cluster")
    db.session.commit()
    client = csrf_app.test_client()
    for path in (f"/clusters/{cluster.slug}/join", f"/clusters/{cluster.slug}/requests/1/accept",
                 "/admin/clusters/new", f"/admin/clusters/{cluster.slug}/managers"):
        response = client.post(path, data={"email": admin.email, **CLUSTER_FORM})
        assert response.status_code == 400, path
        assert "Your form expired" in response.get_data(as_text=True)
    assert cluster.name == "Csrf Cluster" and not cluster.manager_rows
