"""Headers and cookies as production sends them: HSTS only over HTTPS (direct or via a trusted proxy),
secure session cookies outside development, and signed-in pages never stored by a cache."""
from __future__ import annotations

import pytest

from marketplace.extensions import db

from ..factories import DEFAULT_PASSWORD, make_company, make_listing, make_user

HTTPS = "https://marketplace.test"


@pytest.fixture
def production_app(make_app):
    """The production configuration (secure cookies), still on the test database."""
    app = make_app(ENV="production")
    with app.app_context():
        yield app


def _flags(set_cookie: str) -> set[str]:
    return {part.strip().lower() for part in set_cookie.split(";")[1:]}


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    hsts = client.get("/", base_url=HTTPS).headers["Strict-Transport-Security"]
    assert "max-age=63072000" in hsts and "includeSubDomains" in hsts


def test_forwarded_proto_counts_only_from_a_trusted_proxy(make_app):
    direct = make_app().test_client()
    assert "Strict-Transport-Security" not in direct.get("/", headers={"X-Forwarded-Proto": "https"}).headers
    proxied = make_app(PROXY_HOPS=1).test_client()
    assert "Strict-Transport-Security" in proxied.get("/", headers={"X-Forwarded-Proto": "https"}).headers


def test_production_session_and_remember_cookies_are_secure_httponly_lax(production_app):
    user = make_user()
    db.session.commit()
    client = production_app.test_client()
    response = client.post("/account/sign-in", base_url=HTTPS,
                           data={"email": user.email, "password": DEFAULT_PASSWORD, "remember": "y"})
    assert response.status_code == 302
    cookies = {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}
    assert {"session", "remember_token"} <= set(cookies)
    for name in ("session", "remember_token"):
        assert {"secure", "httponly", "samesite=lax"} <= _flags(cookies[name]), cookies[name]


def test_development_cookies_work_over_plain_http(make_app):
    app = make_app(ENV="development")
    assert app.config["SESSION_COOKIE_SECURE"] is False and app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_signed_in_pages_are_never_stored(app, auth, client):
    user = make_user()
    company = make_company(members=[user])
    listing = make_listing(company, user)
    db.session.commit()
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")  # public pages may be cached
    auth.sign_in(user)
    for path in ("/", "/listings", f"/listings/{listing.id}", f"/companies/{company.slug}", "/account/",
                 "/my/listings", "/inbox", "/no-such-page", "/api/v1/listings"):
        response = client.get(path)
        assert "no-store" in response.headers.get("Cache-Control", ""), path
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"], path
    assert "no-store" not in client.get("/static/css/app.css").headers.get("Cache-Control", "")
