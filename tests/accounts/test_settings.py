"""Account settings: profile, e-mail change confirmed at the new address, who may see what."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_company, make_user

from .conftest import comparable, signed_in


def _sign_in(client, email, password=DEFAULT_PASSWORD):
    assert client.post("/account/sign-in", data={"email": email, "password": password}).status_code == 302


PROTECTED = [
    ("get", "/account/"), ("post", "/account/"),
    ("get", "/account/password"), ("post", "/account/password"),
    ("get", "/account/email"), ("post", "/account/email"),
    ("get", "/account/privacy"), ("get", "/account/privacy/export.json"), ("post", "/account/privacy/delete"),
    ("post", "/account/confirm/resend"),
]


@pytest.mark.parametrize("method, path", PROTECTED)
def test_anonymous_is_sent_to_sign_in(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302 and response.location.startswith("/account/sign-in")


def test_profile_is_saved_and_shown(client):
    user = make_user("profile@example.com", name="Old Name")
    db.session.commit()
    _sign_in(client, user.email)
    page = client.get("/account/").get_data(as_text=True)
    assert 'value="Old Name"' in page and "Your account" in page and "/account/privacy" in page

    response = client.post("/account/", data={"name": "  Marta Kowalska ", "locale": "pl", "job_title": "CEO",
                                               "phone": "+48 76 123 45 67"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (user.name, user.locale, user.job_title, user.phone) == ("Marta Kowalska", "pl", "CEO", "+48 76 123 45 67")
    assert '<html lang="pl">' in client.get("/account/").get_data(as_text=True)  # the interface follows


def test_profile_errors_keep_the_input(client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    response = client.post("/account/", data={"name": "", "locale": "en", "job_title": "Boss <b>",
                                               "phone": "call me maybe"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Enter your name." in page and "Enter a phone number" in page
    assert 'value="Boss &lt;b&gt;"' in page and 'value="call me maybe"' in page


def test_settings_links_to_the_company_or_to_create_one(app, client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    page = client.get("/account/").get_data(as_text=True)
    if "companies.create" in app.view_functions:
        assert "Create your company" in page
    make_company("Dřevo Ústí s.r.o.", members=[user])
    db.session.commit()
    page = client.get("/account/").get_data(as_text=True)
    assert "Dřevo Ústí s.r.o." in page and "Create your company" not in page


def test_change_email_confirmed_at_the_new_address(mail_app, mail_client, inbox):
    user = make_user("before@example.com", name="Eva")
    db.session.commit()
    _sign_in(mail_client, "before@example.com")

    wrong = mail_client.post("/account/email", data={"new_email": "after@example.com", "current_password": "nope nope"})
    assert "This is not your current password." in wrong.get_data(as_text=True)
    same = mail_client.post("/account/email", data={"new_email": "Before@example.com",
                                                    "current_password": DEFAULT_PASSWORD})
    assert "This is already your e-mail address." in same.get_data(as_text=True)

    response = mail_client.post("/account/email", data={"new_email": "After@Example.com",
                                                        "current_password": DEFAULT_PASSWORD}, follow_redirects=True)
    assert "We sent a link to after@example.com" in response.get_data(as_text=True)
    db.session.expire_all()
    assert user.email == "before@example.com"  # nothing changes before the link is followed

    link = inbox.link("after@example.com", "/account/email/confirm/")
    assert "after@example.com" in mail_client.get(link).get_data(as_text=True)
    response = mail_client.post(link)
    assert response.status_code == 302
    db.session.expire_all()
    assert user.email == "after@example.com" and user.is_confirmed
    assert "was changed" in inbox.last("before@example.com")["Subject"]
    assert mail_client.post(link).status_code == 400  # spent

    mail_client.post("/account/sign-out")
    assert mail_client.post("/account/sign-in", data={"email": "before@example.com",
                                                      "password": DEFAULT_PASSWORD}).status_code == 200
    _sign_in(mail_client, "after@example.com")


def test_change_email_to_a_taken_address_tells_only_its_owner(mail_app, mail_client, inbox):
    make_user("mine@example.com")
    make_user("taken@example.com")
    db.session.commit()
    _sign_in(mail_client, "mine@example.com")
    taken = mail_client.post("/account/email", data={"new_email": "taken@example.com",
                                                     "current_password": DEFAULT_PASSWORD}, follow_redirects=True)
    free = mail_client.post("/account/email", data={"new_email": "free@example.com",
                                                    "current_password": DEFAULT_PASSWORD}, follow_redirects=True)
    assert comparable(taken, "taken@example.com") == comparable(free, "free@example.com")
    mail = inbox.last("taken@example.com")
    assert "already has an account" in mail["Subject"] and "/account/email/confirm/" not in inbox.text(mail)


def test_change_email_link_fails_if_address_got_taken_meanwhile(mail_app, mail_client, inbox):
    make_user("first@example.com")
    db.session.commit()
    _sign_in(mail_client, "first@example.com")
    mail_client.post("/account/email", data={"new_email": "contested@example.com", "current_password": DEFAULT_PASSWORD})
    link = inbox.link("contested@example.com", "/account/email/confirm/")
    make_user("contested@example.com")
    db.session.commit()
    response = mail_client.post(link)
    assert response.status_code == 409 and "already in use" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "first@example.com")) is not None


def test_pages_show_for_signed_in_user(client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    for path, text in (("/account/password", "Current password"), ("/account/email", "New e-mail address"),
                       ("/account/privacy", "Download my data")):
        response = client.get(path)
        assert response.status_code == 200 and text in response.get_data(as_text=True), path
    assert signed_in(client)
