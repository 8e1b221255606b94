"""Sign-up, e-mail confirmation and the password policy, end to end through HTTP and real SMTP."""
from __future__ import annotations

import time

import pytest
from itsdangerous.timed import TimestampSigner
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.mail.models import OutboxMessage
from tests.factories import make_user

from .conftest import comparable, signed_in

PASSWORD = "maple syrup on a snowy hill"


def _sign_up(client, email="jana@firma.cz", password=PASSWORD, name="Jana Nováková", locale="cs"):
    return client.post("/account/sign-up", data={"name": name, "email": email, "new_password": password,
                                                  "locale": locale})


def _user(email) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_sign_up_confirm_sign_in(mail_app, mail_client, inbox):
    response = _sign_up(mail_client, email=" Jana@Firma.CZ ")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Check your inbox" in page and "jana@firma.cz" in page

    user = _user("jana@firma.cz")
    assert user is not None and not user.is_confirmed and user.locale == "cs" and user.name == "Jana Nováková"
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash

    link = inbox.link("jana@firma.cz", "/account/confirm/")
    assert link.startswith("http://marketplace.test/")
    assert db.session.scalar(select(OutboxMessage.locale).where(OutboxMessage.to_address == "jana@firma.cz")) == "cs"

    page = mail_client.get(link).get_data(as_text=True)
    assert "Confirm my e-mail address" in page or "Potvrdit" in page
    assert not _user("jana@firma.cz").is_confirmed  # showing the page changes nothing
    response = mail_client.post(link)
    assert response.status_code == 302
    assert _user("jana@firma.cz").is_confirmed

    # The link is single use.
    again = mail_client.post(link)
    assert again.status_code == 400
    assert mail_client.get(link).status_code == 400

    response = mail_client.post("/account/sign-in", data={"email": "jana@firma.cz", "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in(mail_client)


def test_confirmation_link_expires_after_48_hours(mail_app, mail_client, inbox, monkeypatch):
    _sign_up(mail_client, email="late@example.com", locale="en")
    link = inbox.link("late@example.com", "/account/confirm/")
    now = int(time.time())
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now + 47 * 3600)
    assert mail_client.get(link).status_code == 200
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now + 48 * 3600 + 5)
    response = mail_client.post(link)
    assert response.status_code == 400 and "This link no longer works" in response.get_data(as_text=True)
    assert not _user("late@example.com").is_confirmed


def test_tampered_confirmation_link_is_refused(mail_app, mail_client, inbox):
    _sign_up(mail_client, email="tamper@example.com", locale="en")
    link = inbox.link("tamper@example.com", "/account/confirm/")
    assert mail_client.post(link[:-3] + "xyz").status_code == 400
    assert mail_client.post("/account/confirm/not-a-token").status_code == 400


def test_sign_up_with_existing_email_looks_the_same_and_mails_the_owner(mail_app, mail_client, inbox):
    owner = make_user("owner@example.com", name="Olga Owner")
    db.session.commit()
    new = _sign_up(mail_client, email="fresh@example.com", name="Same Name", locale="en")
    taken = _sign_up(mail_client, email="owner@example.com", name="Same Name", locale="en")
    assert new.status_code == taken.status_code == 200
    assert comparable(new, "fresh@example.com") == comparable(taken, "owner@example.com")

    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == "owner@example.com")) == 1
    mail = inbox.last("owner@example.com")
    assert "Someone tried to sign up" in mail["Subject"]
    assert "/account/forgot-password" in inbox.text(mail) and "/account/sign-in" in inbox.text(mail)
    assert "/account/confirm/" not in inbox.text(mail)
    assert owner.name == "Olga Owner"  # nothing about the account changed


@pytest.mark.parametrize("password, message", [
    ("short1", "at least 10 characters"),
    ("x" * 129, "at most 128 characters"),
    ("password123", "too common"),
    ("qwertyuiop", "too common"),
    ("1234567890", "too common"),
    ("iloveyou12", "too common"),
    ("abababababab", "too common"),
    ("someone@example.com", "must not be your e-mail address"),
    ("Someone Longname", "must not be your e-mail address or your name"),
])
def test_password_policy(client, password, message):
    response = _sign_up(client, email="someone@example.com", password=password, name="Someone Longname")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert 'value="someone@example.com"' in page and 'value="Someone Longname"' in page  # input is kept
    assert _user("someone@example.com") is None


def test_long_passphrase_without_composition_rules_is_accepted(client):
    assert "Check your inbox" in _sign_up(client, email="p@example.com", password="x7 " * 42 + "ok").get_data(as_text=True)
    assert _user("p@example.com") is not None


@pytest.mark.parametrize("data, message", [
    ({"name": "", "email": "a@example.com"}, "Enter your name."),
    ({"name": "A", "email": "not-an-email"}, "Enter a valid e-mail address"),
    ({"name": "A", "email": "a@example.com", "locale": "xx"}, "Not a valid choice"),
])
def test_sign_up_validation_errors(client, data, message):
    response = client.post("/account/sign-up", data={"new_password": PASSWORD, "locale": "en", **data})
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_sign_up_language_defaults_to_the_current_one(client):
    page = client.get("/account/sign-up?lang=de").get_data(as_text=True)
    assert '<option selected value="de">' in page


def test_unconfirmed_user_signs_in_sees_banner_and_can_resend(mail_app, mail_client, inbox):
    _sign_up(mail_client, email="slow@example.com", locale="en")
    first = inbox.link("slow@example.com", "/account/confirm/")
    response = mail_client.post("/account/sign-in", data={"email": "slow@example.com", "password": PASSWORD},
                                follow_redirects=False)
    assert response.status_code == 302
    page = mail_client.get("/account/").get_data(as_text=True)
    assert "Please confirm your e-mail address" in page and "Confirm your e-mail address first" in page

    response = mail_client.post("/account/confirm/resend", follow_redirects=True)
    assert "We sent a new confirmation link to slow@example.com" in response.get_data(as_text=True)
    second = inbox.link("slow@example.com", "/account/confirm/")
    assert len(inbox.to("slow@example.com")) == 2
    assert mail_client.post(second).status_code == 302
    assert mail_client.post(first).status_code == 400  # confirming spent every older link too
    page = mail_client.get("/account/").get_data(as_text=True)
    assert "Please confirm your e-mail address" not in page


def test_resend_needs_sign_in(client):
    response = client.post("/account/confirm/resend")
    assert response.status_code == 302 and "/account/sign-in" in response.location
