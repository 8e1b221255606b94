"""Administration of clusters: create, edit, appoint and remove managers."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from marketplace.clusters.models import Cluster, ClusterManager
from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due

from ..conftest import Auth
from ..factories import make_cluster, make_user

FORM = {"name": "Silesian Energy Cluster", "country": "PL", "region": "Silesia", "sectors": ["energy-environment"],
        "website": "www.energy.example", "description": "Line one\nLine two"}


def test_admin_creates_a_cluster_and_appoints_a_manager(mail_app, smtp_server):
    admin = make_user(is_admin=True, name="Ada Admin")
    future_manager = make_user("future@example.com", name="Fero Manager", locale="sk")
    db.session.commit()
    client = mail_app.test_client()
    auth = Auth(client)
    auth.sign_in(admin)
    assert "New cluster" in client.get("/admin").get_data(as_text=True)

    response = client.post("/admin/clusters/new", data=FORM)
    assert response.status_code == 302
    cluster = db.session.scalar(select(Cluster))
    assert (cluster.slug, cluster.country, cluster.sectors) == ("silesian-energy-cluster", "PL", ["energy-environment"])
    assert cluster.website == "https://www.energy.example"
    assert response.headers["Location"].endswith(f"/admin/clusters/{cluster.slug}/managers")

    response = client.post(f"/admin/clusters/{cluster.slug}/managers", data={"email": "FUTURE@example.com"})
    assert response.status_code == 302
    assert db.session.get(ClusterManager, (cluster.id, future_manager.id)) is not None
    deliver_due()
    (mail,) = smtp_server.to("future@example.com")
    assert "Silesian Energy Cluster" in mail["Subject"]
    assert any(link.endswith(f"/clusters/{cluster.slug}/requests") for link in smtp_server.links_in(mail))

    page = client.get(f"/clusters/{cluster.slug}").get_data(as_text=True)
    assert "Fero Manager" in page and "future@example.com" not in page  # names, never e-mails
    assert "Line one<br>Line two" in page

    auth.sign_in(future_manager)
    my = client.get("/my/clusters").get_data(as_text=True)
    assert "Silesian Energy Cluster" in my
    response = client.post(f"/clusters/{cluster.slug}/edit", data={**FORM, "region": "Upper Silesia"})
    assert response.status_code == 302 and cluster.region == "Upper Silesia"
    assert cluster.slug == "silesian-energy-cluster"

    auth.sign_in(admin)
    client.post(f"/admin/clusters/{cluster.slug}/managers/{future_manager.id}/remove")
    assert db.session.get(ClusterManager, (cluster.id, future_manager.id)) is None
    assert client.post(f"/admin/clusters/{cluster.slug}/managers/{future_manager.id}/remove").status_code == 404


def test_appointing_unknown_or_existing_managers(client, auth):
    admin = make_user(is_admin=True)
    manager = make_user("m@example.com", name="Mo")
    cluster = make_cluster(managers=[manager])
    db.session.commit()
    auth.sign_in(admin)
    page = client.post(f"/admin/clusters/{cluster.slug}/managers", data={"email": "nobody@example.com"})
    assert "Nobody has an account with this e-mail address" in page.get_data(as_text=True)
    page = client.post(f"/admin/clusters/{cluster.slug}/managers", data={"email": "m@example.com"})
    assert "Mo already manages this cluster." in page.get_data(as_text=True)


@pytest.mark.parametrize("change, message", [
    ({"country": "XX"}, "Choose a country from the list."),
    ({"sectors": ["mining"]}, "Choose sectors from the list."),
    ({"sectors": []}, "Choose at least one sector."),
    ({"website": "ftp://files.example"}, "Enter a web address starting with http"),
    ({"name": "n" * 200}, "160"),
    ({"description": "d" * 4001}, "4000"),
])
def test_tampered_cluster_form(client, auth, change, message):
    admin = make_user(is_admin=True)
    db.session.commit()
    auth.sign_in(admin)
    response = client.post("/admin/clusters/new", data={**FORM, **change})
    assert response.status_code == 200
    errors = " ".join(re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.get_data(as_text=True)))
    assert message in errors
    assert db.session.scalar(select(Cluster)) is None


def test_cluster_slugs_are_unique(client, auth):
    admin = make_user(is_admin=True)
    db.session.commit()
    auth.sign_in(admin)
    for _ in range(2):
        client.post("/admin/clusters/new", data=FORM)
    client.post("/admin/clusters/new", data={**FORM, "name": "New"})
    assert sorted(db.session.scalars(select(Cluster.slug))) == ["new-2", "silesian-energy-cluster",
                                                               "silesian-energy-cluster-2"]
