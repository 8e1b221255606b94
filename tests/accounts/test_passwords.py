"""Forgotten password and password change: single-use links, expiry, sessions ended elsewhere."""
from __future__ import annotations

import time

from itsdangerous.timed import TimestampSigner
from sqlalchemy import func, select

from marketplace.accounts import passwords
from marketplace.accounts.models import LoginSession
from marketplace.extensions import db
from marketplace.mail.models import OutboxMessage
from tests.factories import DEFAULT_PASSWORD, make_user

from .conftest import comparable, signed_in

NEW_PASSWORD = "a brand new passphrase"


def _forgot(client, email):
    return client.post("/account/forgot-password", data={"email": email})


def _sign_in(client, email, password=DEFAULT_PASSWORD):
    return client.post("/account/sign-in", data={"email": email, "password": password})


def test_reset_flow_single_use_and_signs_out_everywhere(mail_app, mail_client, inbox):
    user = make_user("reset@example.com", confirmed=False)
    db.session.commit()
    other_device = mail_app.test_client()
    _sign_in(other_device, "reset@example.com")
    assert signed_in(other_device)

    response = _forgot(mail_client, "Reset@Example.com")
    assert "If an account exists for reset@example.com" in response.get_data(as_text=True)
    link = inbox.link("reset@example.com", "/account/reset-password/")

    page = mail_client.get(link).get_data(as_text=True)
    assert "Choose a new password" in page and "reset@example.com" in page
    weak = mail_client.post(link, data={"new_password": "password123"})
    assert "too common" in weak.get_data(as_text=True)
    response = mail_client.post(link, data={"new_password": NEW_PASSWORD})
    assert response.status_code == 302 and response.location == "/account/sign-in"

    db.session.expire_all()
    assert passwords.verify_password(user.password_hash, NEW_PASSWORD)
    assert user.is_confirmed  # the link proved the mailbox
    assert db.session.scalar(select(func.count()).select_from(LoginSession).where(LoginSession.user_id == user.id)) == 0
    assert not signed_in(other_device)
    assert "Your password was changed" in inbox.last("reset@example.com")["Subject"]

    # Used once: dead now, for viewing and for posting.
    assert mail_client.get(link).status_code == 400
    again = mail_client.post(link, data={"new_password": "yet another passphrase"})
    assert again.status_code == 400 and "This link no longer works" in again.get_data(as_text=True)
    assert _sign_in(mail_client, "reset@example.com", NEW_PASSWORD).status_code == 302


def test_reset_link_dies_when_the_password_changes_otherwise(mail_app, mail_client, inbox):
    make_user("two@example.com")
    db.session.commit()
    _forgot(mail_client, "two@example.com")
    link = inbox.link("two@example.com", "/account/reset-password/")
    _sign_in(mail_client, "two@example.com")
    response = mail_client.post("/account/password", data={"current_password": DEFAULT_PASSWORD,
                                                            "new_password": NEW_PASSWORD})
    assert response.status_code == 302
    assert mail_client.get(link).status_code == 400


def test_reset_link_expires_after_an_hour(mail_app, mail_client, inbox, monkeypatch):
    make_user("hour@example.com")
    db.session.commit()
    _forgot(mail_client, "hour@example.com")
    link = inbox.link("hour@example.com", "/account/reset-password/")
    now = int(time.time())
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now + 59 * 60)
    assert mail_client.get(link).status_code == 200
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now + 3600 + 5)
    assert mail_client.post(link, data={"new_password": NEW_PASSWORD}).status_code == 400


def test_reset_answers_the_same_for_unknown_addresses(mail_app, mail_client, inbox):
    make_user("here@example.com")
    db.session.commit()
    known = _forgot(mail_client, "here@example.com")
    unknown = _forgot(mail_client, "nothere@example.com")
    assert known.status_code == unknown.status_code == 200
    assert comparable(known, "here@example.com") == comparable(unknown, "nothere@example.com")
    assert inbox.to("nothere@example.com") == []
    assert len(inbox.to("here@example.com")) == 1


def test_change_password_signs_out_other_sessions(app, client):
    user = make_user("change@example.com")
    db.session.commit()
    other = app.test_client()
    _sign_in(other, user.email)
    _sign_in(client, user.email)

    response = client.post("/account/password", data={"current_password": DEFAULT_PASSWORD,
                                                       "new_password": NEW_PASSWORD})
    assert response.status_code == 302
    assert signed_in(client)
    assert not signed_in(other)
    assert db.session.scalar(select(func.count()).select_from(LoginSession).where(LoginSession.user_id == user.id)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.to_address == user.email)) == 1  # "your password was changed"
    db.session.expire_all()
    assert user.password_hash.startswith("$argon2id$") and passwords.verify_password(user.password_hash, NEW_PASSWORD)


def test_change_password_needs_the_current_one(client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    response = client.post("/account/password", data={"current_password": "wrong password!",
                                                       "new_password": NEW_PASSWORD})
    assert response.status_code == 200 and "This is not your current password." in response.get_data(as_text=True)
    db.session.expire_all()
    assert passwords.verify_password(user.password_hash, DEFAULT_PASSWORD)


def test_change_password_applies_the_policy(client):
    user = make_user("policy@example.com", name="Petra Policy")
    db.session.commit()
    _sign_in(client, user.email)
    for weak, message in (("short", "at least 10"), ("policy@example.com", "must not be your e-mail"),
                          ("1234567890", "too common")):
        response = client.post("/account/password", data={"current_password": DEFAULT_PASSWORD, "new_password": weak})
        assert message in response.get_data(as_text=True)
