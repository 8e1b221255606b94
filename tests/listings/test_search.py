"""Browsing /listings: only active listings, stable filters, bad input ignored, pagination, no N+1."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from marketplace.extensions import db
from marketplace.listings.models import DRAFT, PENDING, REJECTED, WITHDRAWN

from ..factories import make_company
from .conftest import make_listing, page_text


def titles(response) -> list[str]:
    return re.findall(r'class="card-title"><a href="/listings/\d+">([^<]+)</a>', page_text(response))


@pytest.fixture
def market(app, people):
    """Listings of a Czech and an Austrian company in every state."""
    cz, at = people.company, people.other_company
    make_listing(cz, kind="request", sector="wood", cooperation_types=["commercial-agency"], language="en",
                 title="CZ wood request in English", days_left=300)
    make_listing(cz, kind="offer", sector="food", cooperation_types=["subcontracting", "technical"], language="cs",
                 title="CZ food offer in Czech", days_left=200)
    make_listing(at, kind="offer", sector="wood", cooperation_types=["technical"], language="de",
                 title="AT wood offer in German", days_left=100)
    for status in (DRAFT, PENDING, REJECTED, WITHDRAWN):
        make_listing(cz, status=status, title=f"Hidden {status} listing")
    make_listing(cz, days_left=-1, title="Hidden expired listing")
    db.session.commit()


def test_only_active_listings_newest_first(client, market):
    response = client.get("/listings")
    assert titles(response) == ["CZ wood request in English", "CZ food offer in Czech", "AT wood offer in German"]
    assert "3 listings found" in page_text(response)
    assert "Hidden" not in page_text(response)


@pytest.mark.parametrize("query, expected", [
    ("kind=offer", ["CZ food offer in Czech", "AT wood offer in German"]),
    ("kind=request", ["CZ wood request in English"]),
    ("sector=wood", ["CZ wood request in English", "AT wood offer in German"]),
    ("country=AT", ["AT wood offer in German"]),
    ("type=technical", ["CZ food offer in Czech", "AT wood offer in German"]),
    ("lang=cs", ["CZ food offer in Czech"]),
    ("kind=offer&sector=wood&country=AT&type=technical", ["AT wood offer in German"]),
    ("sector=tourism", []),
])
def test_filters(client, market, query, expected):
    response = client.get(f"/listings?{query}")
    assert titles(response) == expected
    if not expected:
        assert "No listings match this search." in page_text(response)
        assert "Remove the filter “Tourism”" in page_text(response)


@pytest.mark.parametrize("query", ["kind=barter", "sector=mining", "country=US", "type=espionage", "lang=xx",
                                   "page=abc", "page=-3", "page=99999999999999999999", "sector=%ff",
                                   "kind=offer&kind=request", "country=<script>"])
def test_invalid_values_are_ignored_never_an_error(client, market, query):
    response = client.get(f"/listings?{query}")
    assert response.status_code == 200
    assert "<script>" not in page_text(response).replace('<script src="/static/', "")


def test_an_ignored_filter_is_reported(client, market):
    response = client.get("/listings?sector=mining&kind=offer")
    assert "not recognised" in page_text(response)
    assert titles(response) == ["CZ food offer in Czech", "AT wood offer in German"]


def test_the_chosen_filters_stay_selected(client, market):
    html = page_text(client.get("/listings?sector=wood&country=AT"))
    chosen = re.findall(r'aria-current="true" class="facet-chosen">\s*<span>([^<]+)</span>', html)
    assert chosen == ["Wood industry", "Austria"]


def test_pagination(app, client, people):
    for n in range(25):
        make_listing(people.company, title=f"Listing number {n:02d}", days_left=300 - n)
    db.session.commit()
    first = client.get("/listings")
    assert len(titles(first)) == app.config["PAGE_SIZE"] == 20
    assert titles(first)[0] == "Listing number 00"
    assert 'rel="next"' in page_text(first)
    second = client.get("/listings?page=2")
    assert titles(second) == [f"Listing number {n:02d}" for n in range(20, 25)]
    assert titles(client.get("/listings?page=50")) == []


def test_the_list_makes_the_same_few_queries_for_many_listings(client, people, count_queries):
    def select_count() -> int:
        with count_queries() as counted:
            assert client.get("/listings").status_code == 200
        return len(counted.selects)

    make_listing(people.company)
    db.session.commit()
    few = select_count()
    for n in range(12):
        company = make_company(f"Company {n}", country="PL")
        make_listing(company, cooperation_types=["technical", "research"])
    db.session.commit()
    assert select_count() == few
    # The facet index's three (outside tests built once a minute per process), the page, its types, the nav.
    assert few <= 6, few


def test_the_card_shows_what_a_partner_needs_to_decide(client, people):
    make_listing(people.company, title="A card to look at", summary="Short summary " * 35,
                 cooperation_types=["joint-venture"], days_left=20)
    db.session.commit()
    html = page_text(client.get("/listings"))
    card = html[html.index('class="card listing-card'):]
    card = card[:card.index("</article>")]
    for text in ("Request", "Wood industry", "Czechia", "Small", "Joint venture", "Published", "Valid until"):
        assert text in card
    assert ("Short summary " * 35).strip() not in card  # truncated


def test_the_navigation_leads_to_listings_and_my_listings(client, auth, people):
    assert '<li><a href="/listings"' in page_text(client.get("/companies"))
    assert 'href="/my/listings"' not in page_text(client.get("/companies"))
    auth.sign_in(people.owner)
    assert 'href="/my/listings"' in page_text(client.get("/companies"))


def test_published_date_breaks_ties_stably(client, people):
    first = make_listing(people.company, title="Same day A")
    second = make_listing(people.company, title="Same day B")
    second.published_at = first.published_at = first.published_at - timedelta(days=1)
    db.session.commit()
    assert titles(client.get("/listings")) == ["Same day B", "Same day A"]
