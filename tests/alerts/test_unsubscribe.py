"""Unsubscribing from an alert without signing in: the page (GET asks, POST acts) and RFC 8058 one-click."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from marketplace.alerts import services
from marketplace.alerts.models import DAILY, NONE, SavedSearch
from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due

from .conftest import build_world, listing_at, run_send, saved_search


@pytest.fixture
def csrf_mail_app(make_app, smtp_server):
    """Mail over real SMTP and CSRF protection on, as in production."""
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port, WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app


def received_alert(app, smtp_server):
    world = build_world()
    saved = saved_search(world.alice, "sector=wood", DAILY, name="Wood offers")
    listing_at(world.austria)
    db.session.commit()
    run_send(app)
    deliver_due()
    [mail] = smtp_server.to("alice@example.com")
    return world, saved, mail


def header_link(mail) -> str:
    match = re.fullmatch(r"<(https?://[^>]+)>", mail["List-Unsubscribe"])
    assert match, mail["List-Unsubscribe"]
    return match.group(1)


def path_of(url: str) -> str:
    return url.replace("http://marketplace.test", "")


def frequency_of(saved: SavedSearch) -> str:
    db.session.expire_all()
    return db.session.get(SavedSearch, saved.id).frequency


def test_one_click_post_from_the_mail_header(csrf_mail_app, smtp_server):
    world, saved, mail = received_alert(csrf_mail_app, smtp_server)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = header_link(mail)
    assert link in smtp_server.links_in(mail)  # the same link is in the text for people

    # A mail provider POSTs the RFC 8058 body: no cookie, no CSRF token, no sign-in.
    client = csrf_mail_app.test_client()
    response = client.post(path_of(link), data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You will no longer receive e-mails about the saved search “Wood offers”." in html.unescape(
        response.get_data(as_text=True))
    assert response.headers["Cache-Control"] == "no-store"
    assert frequency_of(saved) == NONE

    # Nothing more is mailed, and the search itself is kept.
    listing_at(world.austria, hours_ago=0.5)
    kept = db.session.get(SavedSearch, saved.id)
    kept.last_sent_at -= timedelta(days=2)  # long past the daily interval
    db.session.commit()
    assert "0 saved search(es) due" in run_send(csrf_mail_app)


def test_get_only_asks_then_the_button_unsubscribes(csrf_mail_app, smtp_server):
    _world, saved, mail = received_alert(csrf_mail_app, smtp_server)
    link = path_of(header_link(mail))
    client = csrf_mail_app.test_client()
    for _ in range(3):  # a mail scanner fetching the link changes nothing
        page = client.get(link)
        assert page.status_code == 200
    body = html.unescape(page.get_data(as_text=True))
    assert "Stop these e-mails?" in body and "“Wood offers”" in body
    assert f'<form method="post" action="{link}"' in body
    assert frequency_of(saved) == DAILY

    done = client.post(link)
    assert "You are unsubscribed" in done.get_data(as_text=True) and frequency_of(saved) == NONE
    again = client.get(link)
    assert "These e-mails are already off" in again.get_data(as_text=True)


@pytest.mark.parametrize("mangle", [
    lambda token: token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"),
    lambda token: token[:20],
    lambda token: "x" * 600,
    lambda token: "not-a-token",
])
def test_tampered_link_shows_a_clear_page(csrf_mail_app, smtp_server, mangle):
    _world, saved, mail = received_alert(csrf_mail_app, smtp_server)
    token = header_link(mail).rsplit("/", 1)[1]
    client = csrf_mail_app.test_client()
    for method in ("get", "post"):
        response = getattr(client, method)("/alerts/unsubscribe/" + mangle(token))
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.get_data(as_text=True)
    assert frequency_of(saved) == DAILY


def test_a_link_for_another_search_changes_only_that_one(app):
    world = build_world()
    mine = saved_search(world.alice, "sector=wood", DAILY)
    other = saved_search(world.bob, "sector=food", DAILY)
    db.session.commit()
    with app.test_request_context():
        link = services.unsubscribe_url(other)
    response = app.test_client().post(path_of(link))
    assert response.status_code == 200
    assert (frequency_of(mine), frequency_of(other)) == (DAILY, NONE)


def test_link_of_a_deleted_search(app):
    world = build_world()
    saved = saved_search(world.alice, "sector=wood", DAILY)
    db.session.commit()
    with app.test_request_context():
        link = path_of(services.unsubscribe_url(saved))
    db.session.delete(saved)
    db.session.commit()
    # A new search that may take the same id on SQLite is not touched by the old link.
    newer = saved_search(world.alice, "sector=food", DAILY)
    db.session.commit()
    response = app.test_client().post(link)
    assert response.status_code == 200
    assert "This saved search no longer exists" in response.get_data(as_text=True)
    assert frequency_of(newer) == DAILY
