"""Sign-in and sign-out: server-side sessions, remember me, safe redirects, no account probing."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.accounts import passwords
from marketplace.accounts.models import LoginSession
from marketplace.auth import hash_token
from marketplace.database import utcnow
from marketplace.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user

from .conftest import comparable, signed_in


def _sign_in(client, email, password=DEFAULT_PASSWORD, **extra):
    return client.post("/account/sign-in" + extra.pop("query", ""), data={"email": email, "password": password, **extra})


def _sessions(user) -> int:
    return db.session.scalar(select(func.count()).select_from(LoginSession).where(LoginSession.user_id == user.id))


def test_sign_in_page_links_to_sign_up_and_reset(client):
    page = client.get("/account/sign-in").get_data(as_text=True)
    assert 'href="/account/sign-up"' in page and 'href="/account/forgot-password"' in page
    assert 'autocomplete="current-password"' in page


def test_sign_in_creates_a_server_side_session(app, client):
    user = make_user("ana@example.com")
    db.session.commit()
    response = _sign_in(client, " ANA@example.com ", user_agent="ignored")
    assert response.status_code == 302 and response.location == "/"
    row = db.session.scalar(select(LoginSession).where(LoginSession.user_id == user.id))
    assert row is not None and len(row.token_hash) == 64
    assert signed_in(client)
    page = client.get("/account/").get_data(as_text=True)
    assert "ana@example.com" in page


def test_unknown_email_and_wrong_password_look_the_same(client):
    make_user("known@example.com")
    db.session.commit()
    wrong = _sign_in(client, "known@example.com", "not the right password")
    unknown = _sign_in(client, "unknown@example.com", "not the right password")
    assert wrong.status_code == unknown.status_code == 200
    body_wrong = comparable(wrong, "known@example.com")
    body_unknown = comparable(unknown, "unknown@example.com")
    assert body_wrong == body_unknown
    assert "The e-mail address or the password is not correct." in body_wrong
    assert not signed_in(client)


def test_unknown_email_still_runs_a_password_hash(client, monkeypatch):
    calls = []
    real = passwords.dummy_verify
    monkeypatch.setattr(passwords, "dummy_verify", lambda password: calls.append(password) or real(password))
    _sign_in(client, "nobody@example.com", "some password here")
    assert calls == ["some password here"]


def test_deleted_user_cannot_sign_in(client):
    from marketplace.database import utcnow

    user = make_user("gone@example.com")
    user.deleted_at = utcnow()
    db.session.commit()
    assert "is not correct" in _sign_in(client, "gone@example.com").get_data(as_text=True)


def test_sign_out_kills_the_session_cookie(app, client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    saved = client.get_cookie("session", domain="marketplace.test").value
    assert signed_in(client)

    response = client.post("/account/sign-out")
    assert response.status_code == 302
    assert _sessions(user) == 0
    assert not signed_in(client)

    client.set_cookie("session", saved, domain="marketplace.test")  # replay the old cookie
    assert not signed_in(client)


def test_remember_me_cookie_signs_in_and_dies_on_sign_out(app, client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email, remember="y")
    remember = client.get_cookie("remember_token", domain="marketplace.test")
    assert remember is not None and remember.http_only

    fresh = app.test_client()  # a browser restart: only the remember cookie is left
    fresh.set_cookie("remember_token", remember.value, domain="marketplace.test")
    assert signed_in(fresh)

    client.post("/account/sign-out")
    assert client.get_cookie("remember_token", domain="marketplace.test") is None
    replay = app.test_client()
    replay.set_cookie("remember_token", remember.value, domain="marketplace.test")
    assert not signed_in(replay)


def test_without_remember_me_no_remember_cookie(client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    assert client.get_cookie("remember_token", domain="marketplace.test") is None


def test_sign_in_regenerates_the_session(app, client):
    user = make_user()
    db.session.commit()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    _sign_in(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_signing_in_again_replaces_the_previous_session(client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    _sign_in(client, user.email)
    assert _sessions(user) == 1


def test_outdated_hash_is_upgraded_at_sign_in(make_app):
    app = make_app(ARGON2_PROFILE="fast")
    with app.app_context():
        user = make_user("old@example.com")
        old_hash = user.password_hash
        db.session.commit()
        app.config["ARGON2_PROFILE"] = "owasp"  # the site raised its cost since this hash was made
        assert passwords.needs_rehash(old_hash)
        assert _sign_in(app.test_client(), "old@example.com").status_code == 302
        db.session.expire_all()
        assert user.password_hash != old_hash and not passwords.needs_rehash(user.password_hash)
        assert passwords.verify_password(user.password_hash, DEFAULT_PASSWORD)


@pytest.mark.parametrize("target", [
    "//evil.example", "\\\\evil.example", "https://evil.example", "http://evil.example/account/",
    "/%2F%2Fevil.example", "%2F%2Fevil.example", "/%252F%252Fevil.example", "/\\evil.example",
    "/%5Cevil.example", "javascript:alert(1)", "///evil.example", "/\tevil", "https:evil.example",
])
def test_next_only_goes_to_local_paths(client, target):
    from urllib.parse import quote

    user = make_user()
    db.session.commit()
    response = _sign_in(client, user.email, query="?next=" + quote(target, safe=""))
    assert response.status_code == 302
    assert response.location == "/"


def test_next_to_a_local_path_is_followed(client):
    user = make_user()
    db.session.commit()
    response = _sign_in(client, user.email, query="?next=%2Faccount%2Fprivacy")
    assert response.location == "/account/privacy"


def test_protected_page_sends_anonymous_to_sign_in_and_back(client):
    response = client.get("/account/privacy")
    assert response.status_code == 302 and "/account/sign-in?next=" in response.location
    user = make_user()
    db.session.commit()
    back = client.post(response.location, data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert back.location == "/account/privacy"


def test_session_row_stores_only_a_hash(client):
    user = make_user()
    db.session.commit()
    _sign_in(client, user.email)
    row = db.session.scalar(select(LoginSession).where(LoginSession.user_id == user.id))
    with client.session_transaction() as session:
        token = session["_user_id"]
    assert row.token_hash == hash_token(token) and token not in row.token_hash


def test_a_session_older_than_its_lifetime_is_refused_and_purged(app, client):
    user = make_user("old@example.com")
    db.session.commit()
    _sign_in(client, "old@example.com", remember="y")
    assert signed_in(client)
    row = db.session.scalar(select(LoginSession).where(LoginSession.user_id == user.id))
    row.created_at = utcnow() - timedelta(days=app.config["LOGIN_SESSION_DAYS"], minutes=1)
    db.session.commit()
    assert not signed_in(client)

    result = app.test_cli_runner().invoke(args=["users", "purge-sessions"])
    assert result.exit_code == 0 and "Purged 1 expired sign-in session(s)." in result.output
    assert _sessions(user) == 0
