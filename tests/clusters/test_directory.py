"""The cluster directory and page: filters, member counts in one query, escaping, 404s."""
from __future__ import annotations

import re

import pytest

from marketplace.clusters.models import MEMBERSHIP_PENDING, ClusterMembership
from marketplace.extensions import db

from ..factories import make_cluster, make_company


def _names_on(response) -> list[str]:
    return re.findall(r'<h2 class="card-title"><a href="/clusters/[^"]+">([^<]+)</a>', response.get_data(as_text=True))


def test_directory_filters_and_member_counts(client, app):
    companies = [make_company() for _ in range(3)]
    make_cluster("Alpha Wood", country="CZ", sectors=["wood"], members=companies)
    beta = make_cluster("Beta ICT", country="PL", sectors=["ict", "wood"], members=companies[:1])
    make_cluster("Gamma Food", country="SI", sectors=["food"])
    db.session.add(ClusterMembership(cluster=beta, company=companies[1], status=MEMBERSHIP_PENDING))
    db.session.commit()
    response = client.get("/clusters")
    text = response.get_data(as_text=True)
    assert _names_on(response) == ["Alpha Wood", "Beta ICT", "Gamma Food"]
    assert "3 member companies" in text and "1 member company" in text and "0 member companies" in text
    assert _names_on(client.get("/clusters?country=PL")) == ["Beta ICT"]
    assert _names_on(client.get("/clusters?sector=wood")) == ["Alpha Wood", "Beta ICT"]
    assert _names_on(client.get("/clusters?q=gamma")) == ["Gamma Food"]
    ignored = client.get("/clusters?country=ZZ&sector=<x>")
    assert _names_on(ignored) == ["Alpha Wood", "Beta ICT", "Gamma Food"]
    assert "have been ignored" in ignored.get_data(as_text=True)


def test_directory_counts_members_in_one_grouped_query(client, app, count_queries):
    for n in range(25):
        make_cluster(f"Cluster {n:02d}", members=[make_company() for _ in range(n % 3)])
    db.session.commit()
    client.get("/clusters")
    with count_queries() as counted:
        response = client.get("/clusters")
    assert len(_names_on(response)) == 20
    assert len(counted.selects) <= 5, counted.selects
    assert 'href="/clusters?page=2"' in response.get_data(as_text=True)
    assert _names_on(client.get("/clusters?page=2")) == [f"Cluster {n:02d}" for n in range(20, 25)]


def test_cluster_page_lists_accepted_published_members_only(client, app, count_queries):
    shown = make_company("Shown Ltd")
    hidden = make_company("Hidden Ltd", is_published=False)
    waiting = make_company("Waiting Ltd")
    cluster = make_cluster("Page Cluster", members=[shown, hidden])
    cluster.description = '<script>alert(1)</script>'
    db.session.add(ClusterMembership(cluster=cluster, company=waiting, status=MEMBERSHIP_PENDING))
    db.session.commit()
    with count_queries() as counted:
        text = client.get(f"/clusters/{cluster.slug}").get_data(as_text=True)
    assert "Shown Ltd" in text and "Hidden Ltd" not in text and "Waiting Ltd" not in text
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Sign in to ask for your company to join this cluster." in text
    assert len(counted.selects) <= 8, counted.selects


@pytest.mark.parametrize("path", ["/clusters/nope", "/clusters/nope/requests", "/admin/clusters/nope/managers"])
def test_unknown_cluster_is_404_for_admins(client, auth, path):
    from ..factories import make_user

    admin = make_user(is_admin=True)
    db.session.commit()
    auth.sign_in(admin)
    assert client.get(path).status_code == 404
