"""Invitations end to end over real SMTP: the invitee's mail in their language, the link, the answer, the lead told."""
from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due
from marketplace.mail.models import OutboxMessage
from marketplace.partnerships import services
from marketplace.partnerships.models import MEMBER

from ..conftest import Auth
from ..factories import make_cluster, make_company, make_user
from .conftest import make_partnership


def test_invite_a_cluster_its_managers_answer_from_the_mail_and_the_lead_hears(mail_app, smtp_server):
    lead = make_user("lead@example.com", name="Lea Lead", locale="sl")
    colleague = make_user("colleague@example.com", name="Cene Colleague", locale="en")
    company = make_company("Celje Pellets", country="SI", members=[lead, colleague])
    manager = make_user("manager@example.com", name="Mia Manager", locale="de")
    deputy = make_user("deputy@example.com", name="Dora Deputy", locale="pl")
    cluster = make_cluster("Upper Austria Wood Cluster", country="AT", managers=[manager, deputy])
    with mail_app.test_request_context():
        partnership = make_partnership(lead, company, name="Pellets for the Alps", publish=True)
        role = services.add_role(partnership, services.RoleData("wood", "AT", "Cluster of sawmills"))
    db.session.commit()
    client = mail_app.test_client()
    auth = Auth(client)
    auth.sign_in(lead)

    response = client.post(f"/partnerships/{partnership.slug}/invitations",
                           data={"invite-target": f"/clusters/{cluster.slug}", "invite-role": role.id,
                                 "invite-message": "Your sawmills would fit perfectly."})
    assert response.status_code == 302
    deliver_due()
    (to_manager,) = smtp_server.to("manager@example.com")
    (to_deputy,) = smtp_server.to("deputy@example.com")
    assert to_manager["Content-Language"] == "de" and to_deputy["Content-Language"] == "pl"
    assert "Celje Pellets" in to_manager["Subject"] and "Upper Austria Wood Cluster" in to_manager["Subject"]
    body = smtp_server.text_of(to_manager)
    assert "Your sawmills would fit perfectly." in body and "Cluster of sawmills" in body and "Lea Lead" in body
    (link,) = [link for link in smtp_server.links_in(to_manager) if "/partnerships/" in link]
    assert link.startswith("http://marketplace.test/partnerships/") and link.endswith("#membership")
    assert not smtp_server.to("lead@example.com")  # the inviter is not told about their own act

    auth.sign_out()
    auth.sign_in(manager)
    page = client.get(urlsplit(link).path).get_data(as_text=True)
    assert "Accept the invitation" in page
    member = next(m for m in partnership.members if m.cluster_id == cluster.id)
    client.post(f"/partnerships/{partnership.slug}/invitations/{member.id}/accept")
    assert member.status == MEMBER and partnership.open_roles == []

    deliver_due()
    (to_lead,) = smtp_server.to("lead@example.com")
    (to_colleague,) = smtp_server.to("colleague@example.com")
    assert to_lead["Content-Language"] == "sl" and "Upper Austria Wood Cluster" in to_lead["Subject"]
    assert "accepted your invitation" in smtp_server.text_of(to_colleague)
    assert not smtp_server.to("deputy@example.com")[1:]  # the deputy got the invitation only
    stored = db.session.scalars(select(OutboxMessage.status)).all()
    assert set(stored) == {"sent"}


def test_a_request_to_join_reaches_the_lead_and_the_decision_the_applicant(mail_app, smtp_server):
    lead = make_user("lead@example.com", locale="it")
    company = make_company("Milano Legno", country="IT", members=[lead])
    applicant = make_user("applicant@example.com", locale="hu")
    applicant_company = make_company("Pannon Fa", country="HU", members=[applicant])
    with mail_app.test_request_context():
        partnership = make_partnership(lead, company, publish=True)
    db.session.commit()
    client = mail_app.test_client()
    auth = Auth(client)
    auth.sign_in(applicant)
    client.post(f"/partnerships/{partnership.slug}/join",
                data={"join-party": f"company:{applicant_company.id}", "join-message": "We make pallets."})
    deliver_due()
    (request_mail,) = smtp_server.to("lead@example.com")
    assert request_mail["Content-Language"] == "it" and "Pannon Fa" in request_mail["Subject"]
    (link,) = [link for link in smtp_server.links_in(request_mail) if "/manage" in link]

    auth.sign_out()
    auth.sign_in(lead)
    assert "We make pallets." in client.get(urlsplit(link).path).get_data(as_text=True)
    member = next(m for m in partnership.members if m.company_id == applicant_company.id)
    client.post(f"/partnerships/{partnership.slug}/requests/{member.id}/decline")
    deliver_due()
    (decision,) = smtp_server.to("applicant@example.com")
    assert decision["Content-Language"] == "hu" and "declined the request" in smtp_server.text_of(decision)
