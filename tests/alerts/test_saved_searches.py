"""Saving a search from /listings, the list of mine, changing and deleting, and who may do what."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from sqlalchemy import select

from marketplace.accounts.privacy import export_user_data
from marketplace.alerts import services
from marketplace.alerts.models import DAILY, NONE, WEEKLY, SavedSearch
from marketplace.extensions import db

from .conftest import saved_search

QUERY = "q=pellets&sector=wood&country=AT"


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def saved_of(user) -> list[SavedSearch]:
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)))


def test_search_page_offers_saving_and_a_feed(client, world):
    page = client.get("/listings?q=pellets&sector=wood&country=AT&sort=newest&page=2")
    body = page.get_data(as_text=True)
    # page and sort are how results are shown, not part of the search.
    save_link = "/account/saved-searches/new?search=" + quote(QUERY, safe="")
    assert html.escape(save_link) in body and "Save this search" in body
    assert '<link rel="alternate" type="application/atom+xml"' in body
    assert body.count('href="/listings/feed.atom?q=pellets&amp;sector=wood&amp;country=AT"') == 2


def test_save_a_search_with_its_default_name(client, auth, world):
    auth.sign_in(world.alice)
    form = client.get("/account/saved-searches/new", query_string={"search": QUERY})
    assert form.status_code == 200
    assert 'value="pellets · Wood industry · Austria"' in text(form)
    assert 'value="q=pellets&sector=wood&country=AT"' in text(form)

    response = client.post("/account/saved-searches/new", data={"search": QUERY, "name": "", "frequency": DAILY})
    assert response.status_code == 302 and response.headers["Location"] == "/account/saved-searches"
    [saved] = saved_of(world.alice)
    assert (saved.name, saved.query_string, saved.frequency) == ("pellets · Wood industry · Austria", QUERY, DAILY)

    listing = client.get("/account/saved-searches", follow_redirects=True)
    page = text(listing)
    assert "The search “pellets · Wood industry · Austria” is saved." in page
    assert "Daily e-mail" in page and f'href="/listings?{QUERY}"' in page


def test_saving_the_same_search_again_opens_it(client, auth, world):
    saved = saved_search(world.alice, QUERY, WEEKLY)
    db.session.commit()
    auth.sign_in(world.alice)
    # The same filters in another order, with page and sort, are the same search.
    response = client.get("/account/saved-searches/new",
                          query_string={"search": "country=AT&page=3&sector=wood&q=pellets&sort=newest"})
    assert response.headers["Location"] == f"/account/saved-searches/{saved.id}"
    assert "already saved this search" in text(client.get(response.headers["Location"]))


def test_the_submitted_search_is_parsed_again(client, auth, world):
    auth.sign_in(world.alice)
    hostile = "q=%3Cscript%3E%00x&sector=bogus&country=AT&cluster=%27%20OR%201%3D1&extra=1&lang=xx"
    response = client.post("/account/saved-searches/new", data={"search": hostile, "name": "Odd\nname\r",
                                                                "frequency": WEEKLY})
    assert response.status_code == 302
    [saved] = saved_of(world.alice)
    assert saved.query_string == "q=%3Cscript%3Ex&country=AT" and saved.name == "Odd name"
    page = client.get("/account/saved-searches").get_data(as_text=True)
    assert "&lt;script&gt;x · Austria" in page and "<script>x" not in page


def test_an_unknown_frequency_keeps_what_was_typed(client, auth, world):
    auth.sign_in(world.alice)
    response = client.post("/account/saved-searches/new",
                           data={"search": QUERY, "name": "My pellets", "frequency": "hourly"})
    assert response.status_code == 400
    page = text(response)
    assert "Not a valid choice" in page and 'value="My pellets"' in page
    assert saved_of(world.alice) == []


def test_at_most_fifty_saved_searches(client, auth, world):
    for n in range(services.MAX_PER_USER):
        saved_search(world.alice, f"q=word{n}", NONE)
    db.session.commit()
    auth.sign_in(world.alice)
    response = client.post("/account/saved-searches/new", data={"search": QUERY, "name": "", "frequency": DAILY})
    assert response.status_code == 400 and "You have 50 saved searches, the most we keep." in text(response)


def test_change_and_delete(client, auth, world):
    saved = saved_search(world.alice, QUERY, NONE, name="Pellets")
    db.session.commit()
    auth.sign_in(world.alice)
    page = text(client.get(f"/account/saved-searches/{saved.id}"))
    assert 'value="Pellets"' in page and "pellets · Wood industry · Austria" in page

    before = saved.last_listing_published_at
    response = client.post(f"/account/saved-searches/{saved.id}", data={"name": "AT pellets", "frequency": WEEKLY})
    assert response.status_code == 302
    db.session.refresh(saved)
    assert (saved.name, saved.frequency) == ("AT pellets", WEEKLY)
    # Switched back on, the alerts start from now rather than announcing everything since.
    assert saved.last_listing_published_at > before

    response = client.post(f"/account/saved-searches/{saved.id}", data={"name": "", "frequency": "never"})
    assert response.status_code == 400 and "Not a valid choice" in text(response)

    response = client.post(f"/account/saved-searches/{saved.id}/delete", follow_redirects=True)
    assert "The saved search “AT pellets” was deleted." in text(response)
    assert saved_of(world.alice) == []
    assert "You have no saved searches yet." in text(client.get("/account/saved-searches"))


def test_list_shows_only_mine(client, auth, world):
    saved_search(world.alice, "sector=wood", DAILY, name="Alice's wood")
    saved_search(world.bob, "sector=food", DAILY, name="Bob's food")
    db.session.commit()
    auth.sign_in(world.alice)
    page = text(client.get("/account/saved-searches"))
    assert "Alice's wood" in page and "Bob's food" not in page


ENDPOINTS = [
    ("get", "/account/saved-searches/{id}"),
    ("post", "/account/saved-searches/{id}"),
    ("post", "/account/saved-searches/{id}/delete"),
]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
@pytest.mark.parametrize("who", ["anonymous", "other user", "admin", "owner"])
def test_access_to_a_saved_search(client, auth, world, method, url, who):
    from ..factories import make_user

    saved = saved_search(world.alice, QUERY, DAILY, name="Alice's")
    admin = make_user("admin@example.com", is_admin=True)
    db.session.commit()
    if who != "anonymous":
        auth.sign_in({"other user": world.bob, "admin": admin, "owner": world.alice}[who])
    response = getattr(client, method)(url.format(id=saved.id), data={"name": "Changed", "frequency": NONE})
    db.session.expire_all()
    still = db.session.get(SavedSearch, saved.id)
    if who == "owner":
        assert response.status_code in (200, 302)
        return
    if who == "anonymous":
        assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    else:  # another person's saved search does not exist for them, admins included: it is private
        assert response.status_code == 404
    assert still is not None and (still.name, still.frequency) == ("Alice's", DAILY)


@pytest.mark.parametrize("url", ["/account/saved-searches", "/account/saved-searches/new"])
def test_pages_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]


def test_posts_without_csrf_token_are_refused(csrf_app):
    from .conftest import build_world

    world = build_world()
    saved = saved_search(world.alice, QUERY, DAILY)
    db.session.commit()
    client = csrf_app.test_client()
    sign_in_page = client.get("/account/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', sign_in_page).group(1)
    client.post("/account/sign-in", data={"email": world.alice.email, "password": "correct horse battery staple",
                                          "csrf_token": token})
    for url, data in [("/account/saved-searches/new", {"search": QUERY, "frequency": DAILY}),
                      (f"/account/saved-searches/{saved.id}", {"name": "x", "frequency": NONE}),
                      (f"/account/saved-searches/{saved.id}/delete", {})]:
        assert client.post(url, data=data).status_code == 400
    db.session.expire_all()
    assert [(s.id, s.frequency) for s in saved_of(world.alice)] == [(saved.id, DAILY)]


def test_account_page_links_to_saved_searches(client, auth, world):
    auth.sign_in(world.alice)
    assert 'href="/account/saved-searches"' in client.get("/account/").get_data(as_text=True)


def test_saved_searches_in_the_data_export(app, world):
    saved_search(world.alice, QUERY, WEEKLY, name="Pellets")
    db.session.commit()
    [row] = export_user_data(world.alice)["saved_searches"]
    assert (row["name"], row["query"], row["email_frequency"]) == ("Pellets", QUERY, WEEKLY)


def test_anonymous_visitor_signs_in_and_comes_back_to_save(client, world):
    response = client.get("/account/saved-searches/new", query_string={"search": QUERY})
    assert response.status_code == 302
    sign_in = response.headers["Location"]
    assert sign_in.startswith("/account/sign-in")
    response = client.post(sign_in, data={"email": world.alice.email, "password": "correct horse battery staple"})
    assert response.status_code == 302
    form = client.get(response.headers["Location"])
    assert 'value="pellets · Wood industry · Austria"' in text(form)
