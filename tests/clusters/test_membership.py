"""Asking to join a cluster and the managers' decision, with the e-mails each side receives."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.clusters import services
from marketplace.clusters.models import MEMBERSHIP_ACCEPTED, MEMBERSHIP_DECLINED, MEMBERSHIP_PENDING, ClusterMembership
from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due
from marketplace.mail.models import OutboxMessage

from ..conftest import Auth
from ..factories import make_cluster, make_company, make_user


def _mails_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)))


def test_ask_to_join_managers_decide_and_company_is_told(mail_app, smtp_server):
    manager = make_user("boss@example.com", name="Bea Boss", locale="de")
    co_manager = make_user("co@example.com", name="Cid Co", locale="sk")
    cluster = make_cluster("Moravian Wood Cluster", managers=[manager, co_manager])
    member = make_user("member@example.com", name="Marta", locale="pl")
    colleague = make_user("colleague@example.com", name="Kolega", locale="cs")
    company = make_company("Pellets Legnica", country="PL", members=[member, colleague])
    db.session.commit()
    client = mail_app.test_client()
    auth = Auth(client)

    auth.sign_in(member)
    page = client.get(f"/clusters/{cluster.slug}").get_data(as_text=True)
    assert "Ask to join" in page
    response = client.post(f"/clusters/{cluster.slug}/join", data={"message": "We make <b>pellets</b>."})
    assert response.status_code == 302
    page = client.get(f"/clusters/{cluster.slug}").get_data(as_text=True)
    assert "Request pending" in page and "Withdraw the request" in page and "Ask to join" not in page

    deliver_due()
    (to_boss,) = smtp_server.to("boss@example.com")
    (to_co,) = smtp_server.to("co@example.com")
    assert "Pellets Legnica" in to_boss["Subject"] and "Moravian Wood Cluster" in to_boss["Subject"]
    assert "We make <b>pellets</b>." in smtp_server.text_of(to_boss)
    assert [m.locale for m in _mails_to("boss@example.com") + _mails_to("co@example.com")] == ["de", "sk"]
    requests_link = [link for link in smtp_server.links_in(to_co) if link.endswith("/requests")][0]

    auth.sign_in(co_manager)
    requests_page = client.get(requests_link.split("marketplace.test", 1)[1]).get_data(as_text=True)
    assert "Pellets Legnica" in requests_page and "We make &lt;b&gt;pellets&lt;/b&gt;." in requests_page
    membership = db.session.scalar(select(ClusterMembership))
    response = client.post(f"/clusters/{cluster.slug}/requests/{membership.id}/accept")
    assert response.status_code == 302
    assert membership.status == MEMBERSHIP_ACCEPTED and membership.decided_by_id == co_manager.id

    deliver_due()
    for address, locale in (("member@example.com", "pl"), ("colleague@example.com", "cs")):
        (mail,) = smtp_server.to(address)
        assert "Pellets Legnica is now a member of Moravian Wood Cluster" in mail["Subject"]
        assert _mails_to(address)[0].locale == locale

    page = client.get(f"/clusters/{cluster.slug}").get_data(as_text=True)
    assert "Member companies" in page and 'href="/companies/%s"' % company.slug in page
    profile = client.get(f"/companies/{company.slug}").get_data(as_text=True)
    assert "Moravian Wood Cluster" in profile


def test_decline_then_ask_again(client, auth):
    manager = make_user()
    cluster = make_cluster(managers=[manager])
    member = make_user()
    company = make_company(members=[member])
    db.session.commit()
    auth.sign_in(member)
    client.post(f"/clusters/{cluster.slug}/join", data={"message": "first"})
    membership = db.session.scalar(select(ClusterMembership))

    auth.sign_in(manager)
    client.post(f"/clusters/{cluster.slug}/requests/{membership.id}/decline")
    assert membership.status == MEMBERSHIP_DECLINED
    (decided,) = _mails_to(member.email)[-1:]
    assert "declined" in decided.subject
    # deciding twice changes nothing
    response = client.post(f"/clusters/{cluster.slug}/requests/{membership.id}/accept", follow_redirects=True)
    assert "already been decided" in response.get_data(as_text=True)
    assert membership.status == MEMBERSHIP_DECLINED

    auth.sign_in(member)
    page = client.get(f"/clusters/{cluster.slug}").get_data(as_text=True)
    assert "declined your last request" in page and "Ask to join" in page
    client.post(f"/clusters/{cluster.slug}/join", data={"message": "second"})
    assert db.session.scalar(select(ClusterMembership.id)) == membership.id  # the same row, reset
    assert (membership.status, membership.message, membership.decided_at) == (MEMBERSHIP_PENDING, "second", None)
    assert company.id == membership.company_id


def test_withdraw_and_double_requests(client, auth):
    cluster = make_cluster()
    member = make_user()
    make_company(members=[member])
    db.session.commit()
    auth.sign_in(member)
    client.post(f"/clusters/{cluster.slug}/join", data={})
    again = client.post(f"/clusters/{cluster.slug}/join", data={}, follow_redirects=True)
    assert "has already asked to join" in again.get_data(as_text=True)
    assert len(list(db.session.scalars(select(ClusterMembership)))) == 1
    client.post(f"/clusters/{cluster.slug}/withdraw")
    assert db.session.scalar(select(ClusterMembership)) is None
    assert client.post(f"/clusters/{cluster.slug}/withdraw").status_code == 404


def test_too_long_message_is_refused_with_the_text_kept(client, auth):
    cluster = make_cluster()
    member = make_user()
    make_company(members=[member])
    db.session.commit()
    auth.sign_in(member)
    response = client.post(f"/clusters/{cluster.slug}/join", data={"message": "m" * 1001})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "1000" in text and "m" * 1001 in text
    assert db.session.scalar(select(ClusterMembership)) is None


def test_manager_removes_a_member_company(client, auth):
    manager = make_user()
    member = make_user()
    company = make_company("Leaving Ltd", members=[member])
    cluster = make_cluster(managers=[manager], members=[company])
    db.session.commit()
    membership = db.session.scalar(select(ClusterMembership))
    auth.sign_in(manager)
    response = client.post(f"/clusters/{cluster.slug}/members/{membership.id}/remove")
    assert response.status_code == 302
    assert db.session.scalar(select(ClusterMembership)) is None
    assert "no longer a member" in _mails_to(member.email)[0].subject


def test_service_refuses_to_decide_twice(app):
    manager = make_user()
    cluster = make_cluster(managers=[manager])
    company = make_company()
    membership = services.request_membership(make_user(company=company), cluster, company)
    services.decide_membership(manager, membership, accept=True)
    with pytest.raises(services.ClusterError):
        services.decide_membership(manager, membership, accept=False)
    assert membership.status == MEMBERSHIP_ACCEPTED
