"""Inviting colleagues end to end: real mail over SMTP, the link, sign-in and joining."""
from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from marketplace.auth import hash_token
from marketplace.companies.models import CompanyInvitation
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due
from marketplace.mail.models import OutboxMessage

from ..conftest import Auth
from ..factories import make_company, make_user


def _invite(client, slug: str, email: str):
    return client.post(f"/companies/{slug}/members", data={"email": email})


def _link_in_mail(smtp_server, address: str) -> str:
    deliver_due()
    (message,) = smtp_server.to(address)
    links = [link for link in smtp_server.links_in(message) if "/companies/invitations/" in link]
    assert links, smtp_server.text_of(message)
    return urlsplit(links[0]).path


def _locale_of_mail_to(address: str) -> str:
    return db.session.scalar(select(OutboxMessage.locale).where(OutboxMessage.to_address == address))


def test_invite_follow_the_link_sign_in_and_join(mail_app, smtp_server):
    inviter = make_user("jana@example.com", name="Jana Nováková", locale="cs")
    company = make_company("Dřevo Ústí", members=[inviter])
    invitee = make_user("petr@example.com", name="Petr Svoboda", locale="de")
    db.session.commit()
    client = mail_app.test_client()
    auth = Auth(client)
    auth.sign_in(inviter)

    response = _invite(client, company.slug, "Petr@Example.COM")
    assert response.status_code == 302
    members_page = client.get(f"/companies/{company.slug}/members").get_data(as_text=True)
    assert "petr@example.com" in members_page

    path = _link_in_mail(smtp_server, "petr@example.com")
    (message,) = smtp_server.to("petr@example.com")
    assert _locale_of_mail_to("petr@example.com") == "de"  # the invitee's own language, not the inviter's
    assert "Jana Nováková" in message["Subject"] and "Dřevo Ústí" in message["Subject"]

    auth.sign_out()
    anonymous = client.get(path).get_data(as_text=True)
    assert "sign in with petr@example.com" in anonymous
    sign_in_link = re.search(r'href="(/account/sign-in\?[^"]+)"', anonymous).group(1)
    assert parse_qs(urlsplit(html.unescape(sign_in_link)).query)["next"] == [path]
    sign_up_link = re.search(r'href="(/account/sign-up\?[^"]+)"', anonymous).group(1)
    assert parse_qs(urlsplit(html.unescape(sign_up_link)).query)["next"] == [path]

    auth.sign_in(invitee)
    page = client.get(path).get_data(as_text=True)
    assert "Join Dřevo Ústí" in page
    response = client.post(path)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/companies/{company.slug}")
    assert invitee.company_id == company.id
    assert "Welcome to Dřevo Ústí!" in client.get(response.headers["Location"]).get_data(as_text=True)

    used = client.get(path).get_data(as_text=True)
    assert "already been used" in used
    assert client.post(path).status_code == 302 and invitee.company_id == company.id


def test_mail_to_unknown_address_is_in_the_inviters_language(mail_app, smtp_server):
    inviter = make_user(locale="en")
    company = make_company(members=[inviter])
    db.session.commit()
    client = mail_app.test_client()
    Auth(client).sign_in(inviter)
    client.get("/companies?lang=pl")  # the inviter switches the interface to Polish
    _invite(client, company.slug, "nowy@example.com")
    _link_in_mail(smtp_server, "nowy@example.com")
    assert _locale_of_mail_to("nowy@example.com") == "pl"


def test_wrong_account_expired_and_revoked_invitations(mail_app, smtp_server):
    inviter = make_user()
    company = make_company("Acme", members=[inviter])
    someone_else = make_user("else@example.com")
    db.session.commit()
    client = mail_app.test_client()
    auth = Auth(client)
    auth.sign_in(inviter)
    _invite(client, company.slug, "invited@example.com")
    path = _link_in_mail(smtp_server, "invited@example.com")
    invitation = db.session.scalar(select(CompanyInvitation))

    auth.sign_in(someone_else)
    page = client.get(path).get_data(as_text=True)
    assert "This invitation is for invited@example.com, but you are signed in as else@example.com" in page
    client.post(path)
    assert someone_else.company_id is None

    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    invited = make_user("invited@example.com")
    db.session.commit()
    auth.sign_in(invited)
    assert "This invitation has expired" in client.get(path).get_data(as_text=True)
    client.post(path)
    assert invited.company_id is None

    auth.sign_in(inviter)
    response = client.post(f"/companies/{company.slug}/invitations/{invitation.id}/revoke")
    assert response.status_code == 302
    assert db.session.scalar(select(CompanyInvitation)) is None
    assert client.get(path).status_code == 404


def test_someone_in_another_company_is_told_so(client, auth):
    company = make_company("Acme")
    elsewhere = make_user("busy@example.com", company=make_company("Busy Ltd"))
    token = "a-token"
    db.session.add(CompanyInvitation(company=company, email="busy@example.com", token_hash=hash_token(token),
                                     expires_at=utcnow() + timedelta(days=1)))
    db.session.commit()
    auth.sign_in(elsewhere)
    page = client.get(f"/companies/invitations/{token}").get_data(as_text=True)
    assert "You already belong to Busy Ltd" in page
    client.post(f"/companies/invitations/{token}")
    assert elsewhere.company.name == "Busy Ltd"


def test_inviting_a_colleague_twice_and_bad_addresses(client, auth):
    inviter = make_user()
    colleague = make_user("colleague@example.com")
    company = make_company(members=[inviter, colleague])
    db.session.commit()
    auth.sign_in(inviter)
    page = _invite(client, company.slug, "colleague@example.com").get_data(as_text=True)
    assert "colleague@example.com is already a member of your company." in page
    page = _invite(client, company.slug, "not an address").get_data(as_text=True)
    assert "Enter a valid e-mail address." in page and 'value="not an address"' in page


def test_colleagues_are_removed_but_the_last_one_stays(client, auth):
    first = make_user(name="First")
    second = make_user(name="Second")
    company = make_company(members=[first, second])
    db.session.commit()
    auth.sign_in(first)
    response = client.post(f"/companies/{company.slug}/members/{second.id}/remove")
    assert response.status_code == 302 and second.company_id is None
    response = client.post(f"/companies/{company.slug}/members/{first.id}/remove", follow_redirects=True)
    assert "The last member cannot leave" in response.get_data(as_text=True)
    assert first.company_id == company.id
