"""Health check, error pages and security headers."""
import pytest
from sqlalchemy import text

from marketplace import create_app
from marketplace.extensions import db

from ..conftest import base_config


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_broken_database(tmp_path):
    app = create_app({**base_config(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/missing-dir/none.sqlite"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"


def test_unknown_page_shows_our_error_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and "Back to the home page" in page


def test_unexpected_error_shows_error_page_without_traceback(app, client):
    @app.get("/boom")
    def boom():
        db.session.execute(text("SELECT * FROM no_such_table"))

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "Traceback" not in page and "no_such_table" not in page


def test_security_headers_on_every_response(client):
    for path in ("/", "/healthz", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ["/listings/99999999999999999999999", "/listings/2147483648",
                                  "/companies/a%00b", "/clusters/a%00b"])
def test_out_of_range_ids_and_nul_characters_are_client_errors(client, path):
    assert client.get(path).status_code in (400, 404)


def test_nul_in_a_form_is_refused_cleanly(client):
    response = client.post("/account/sign-in", data={"email": "a\x00@example.com", "password": "x"})
    assert response.status_code == 400 and "Bad request" in response.get_data(as_text=True)
