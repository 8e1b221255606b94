"""Rate limits and CSRF on the account forms."""
from __future__ import annotations

import itertools

import pytest

from marketplace.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user

from .conftest import csrf_token_in, signed_in

_addresses = itertools.count(10)


def _client(app):
    """A client from its own address, so that no other test's counts can touch it."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"198.51.100.{next(_addresses)}"
    return client


@pytest.mark.parametrize("path, data", [
    ("/account/sign-in", {"email": "a@example.com", "password": "wrong password here"}),
    ("/account/sign-up", {"email": "a@example.com", "name": "A", "new_password": "x", "locale": "en"}),
    ("/account/forgot-password", {"email": "a@example.com"}),
])
def test_auth_forms_are_rate_limited_per_address(make_app, path, data):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_AUTH="3 per minute")
    with app.app_context():
        client = _client(app)
        for _ in range(3):
            assert client.post(path, data=data).status_code == 200
        response = client.post(path, data=data)
        assert response.status_code == 429
        assert "Too many attempts" in response.get_data(as_text=True)
        assert client.get(path).status_code == 200  # reading the form is not limited
        assert _client(app).post(path, data=data).status_code == 200  # another address is not affected


def test_resend_confirmation_is_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_AUTH="2 per minute")
    with app.app_context():
        user = make_user(confirmed=False)
        db.session.commit()
        client = _client(app)
        client.post("/account/sign-in", data={"email": user.email, "password": DEFAULT_PASSWORD})
        assert client.post("/account/confirm/resend").status_code == 302
        assert client.post("/account/confirm/resend").status_code == 302
        assert client.post("/account/confirm/resend").status_code == 429


def test_failed_sign_ins_are_limited_per_account_across_addresses(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_AUTH="100 per minute", RATELIMIT_SIGN_IN_PER_EMAIL="3 per minute")
    with app.app_context():
        user = make_user("target@example.com")
        db.session.commit()
        for _ in range(3):  # a botnet: every guess from a new address
            assert _client(app).post("/account/sign-in", data={"email": "Target@example.com",
                                                               "password": "guess guess guess"}).status_code == 200
        blocked = _client(app).post("/account/sign-in", data={"email": "target@example.com",
                                                              "password": DEFAULT_PASSWORD})
        assert blocked.status_code == 429
        other = make_user("other@example.com")
        db.session.commit()
        assert _client(app).post("/account/sign-in", data={"email": other.email,
                                                           "password": DEFAULT_PASSWORD}).status_code == 302
        assert user.id


def test_successful_sign_ins_do_not_use_up_the_per_account_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_AUTH="100 per minute", RATELIMIT_SIGN_IN_PER_EMAIL="2 per minute")
    with app.app_context():
        user = make_user()
        db.session.commit()
        for _ in range(4):
            assert _client(app).post("/account/sign-in", data={"email": user.email,
                                                               "password": DEFAULT_PASSWORD}).status_code == 302


@pytest.mark.parametrize("path", ["/account/sign-in", "/account/sign-up", "/account/forgot-password"])
def test_post_without_csrf_token_is_refused(csrf_app, path):
    user = make_user("csrf@example.com")
    db.session.commit()
    response = csrf_app.test_client().post(path, data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 400
    assert "Your form expired" in response.get_data(as_text=True)


def test_sign_in_and_out_with_csrf_tokens(csrf_app):
    user = make_user("csrf2@example.com")
    db.session.commit()
    client = csrf_app.test_client()
    token = csrf_token_in(client.get("/account/sign-in").get_data(as_text=True))
    response = client.post("/account/sign-in", data={"email": user.email, "password": DEFAULT_PASSWORD,
                                                     "csrf_token": token})
    assert response.status_code == 302 and signed_in(client)

    assert client.post("/account/sign-out").status_code == 400  # a forged sign-out does nothing
    assert signed_in(client)
    page = client.get("/account/").get_data(as_text=True)
    assert client.post("/account/sign-out", data={"csrf_token": csrf_token_in(page)}).status_code == 302
    assert not signed_in(client)


def test_delete_account_without_csrf_token_is_refused(csrf_app):
    user = make_user("keep@example.com")
    db.session.commit()
    client = csrf_app.test_client()
    token = csrf_token_in(client.get("/account/sign-in").get_data(as_text=True))
    client.post("/account/sign-in", data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token})
    response = client.post("/account/privacy/delete", data={"current_password": DEFAULT_PASSWORD, "confirm": "y"})
    assert response.status_code == 400
    db.session.expire_all()
    assert user.deleted_at is None
