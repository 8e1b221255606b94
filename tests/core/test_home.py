"""The home page: figures, recent offers and requests, sectors and countries, newest companies and clusters."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.i18n import LANGUAGES

from ..factories import make_cluster, make_company, make_listing, make_user


def _page(client, path: str = "/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _tile(page: str, code: str) -> str:
    """The text of the sector tile that links to /companies?sector=<code>."""
    match = re.search(rf'<a class="sector-tile[^"]*" href="/companies\?sector={code}">(.*?)</a>', page, re.S)
    assert match, f"no tile for {code}"
    return _text(match.group(1))


def _text(fragment: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", fragment).split()))


def _country(page: str, code: str) -> str | None:
    match = re.search(rf'<a href="/companies\?country={code}">(.*?)</a>', page, re.S)
    return _text(match.group(1)) if match else None


def _stat(page: str, label: str) -> str:
    match = re.search(rf'<span class="stat-value">([^<]+)</span>\s*<span class="stat-label">{label}</span>', page)
    assert match, f"no stat {label}"
    return match.group(1)


@pytest.fixture
def world(app):
    """Five published companies in two countries, one unpublished, and two clusters."""
    now = utcnow()
    czech = [make_company(f"Czech Wood {n}", country="CZ", sectors=["wood"],
                          created_at=now - timedelta(days=30 + n)) for n in range(3)]
    austrian = [make_company(f"Austrian Food {n}", country="AT", sectors=["wood", "food"],
                             created_at=now - timedelta(days=10 + n)) for n in range(2)]
    make_company("Hidden Polish Company", country="PL", sectors=["ict"], is_published=False)
    old = make_cluster("Old Wood Cluster", country="CZ", sectors=["wood"], members=czech)
    old.created_at = now - timedelta(days=400)
    new = make_cluster("New Food Cluster", country="AT", sectors=["food"], members=austrian[:1])
    new.created_at = now - timedelta(days=2)
    db.session.commit()
    return {"czech": czech, "austrian": austrian}


def test_figures_count_published_companies_only(client, world):
    page = _page(client)
    assert _stat(page, "companies") == "5"
    assert _stat(page, "clusters") == "2"
    assert _stat(page, "countries") == "2"
    assert "Hidden Polish Company" not in page


def test_sectors_show_counts_and_link_to_the_directory(client, world):
    page = _page(client)
    assert _tile(page, "wood") == "Wood industry 5 companies"
    assert _tile(page, "food") == "Food technology 2 companies"
    # Sectors without companies are still offered, and the hidden company's sector counts nothing.
    assert _tile(page, "ict") == "Information & communication technologies no companies yet"
    assert page.index("sector=wood") < page.index("sector=food") < page.index("sector=ict")


def test_countries_show_counts_with_names_from_cldr(client, world):
    page = _page(client)
    assert _country(page, "CZ") == "CZ Czechia 3 companies"
    assert _country(page, "AT") == "AT Austria 2 companies"
    assert _country(page, "PL") is None


def test_countries_are_named_in_the_readers_language(client, world):
    page = _page(client, "/?lang=de")
    # The count is in the catalog's words ("2 Unternehmen" once German is translated); the names come from CLDR.
    assert _country(page, "AT").startswith("AT Österreich 2 ")
    assert _country(page, "CZ").startswith("CZ Tschechien 3 ")


def test_newest_companies_and_clusters_come_first(client, world):
    for n in range(3):  # three newer companies push two of the older Czech ones off the list of six
        make_company(f"Fresh Company {n}", country="SI", created_at=utcnow() - timedelta(hours=n + 1))
    db.session.commit()
    page = _page(client)
    newest = page[page.index('id="companies-title"'):page.index('id="clusters-title"')]
    assert newest.index("Fresh Company 0") < newest.index("Fresh Company 2") < newest.index("Austrian Food 0")
    assert "Czech Wood 0" in newest and "Czech Wood 1" not in newest and "Czech Wood 2" not in newest
    clusters = page[page.index('id="clusters-title"'):page.index('id="how-title"')]
    assert clusters.index("New Food Cluster") < clusters.index("Old Wood Cluster")
    assert "1 member company" in clusters and "3 member companies" in clusters
    assert "See all 8 companies" in page and "See all 2 clusters" in page


def test_an_empty_marketplace_invites_the_first_company(client):
    page = _page(client)
    assert _stat(page, "companies") == "0"
    assert "No company profiles yet." in page
    assert "No clusters yet." in page
    assert _tile(page, "wood") == "Wood industry no companies yet"


def test_names_are_escaped(client, app):
    make_company("<script>alert(1)</script> GmbH", country="DE")
    db.session.commit()
    page = _page(client)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; GmbH" in page


def test_anonymous_visitors_are_invited_to_join(client, world):
    page = _page(client)
    assert 'href="/account/sign-up">Join the marketplace</a>' in page
    assert 'href="/companies">Browse companies</a>' in page
    assert 'href="/clusters">Browse clusters</a>' in page


def test_signed_in_user_without_company_is_sent_to_create_one(client, auth, world):
    user = make_user("solo@example.com")
    db.session.commit()
    auth.sign_in(user)
    page = _page(client)
    assert 'href="/companies/new">Create your company profile</a>' in page
    assert "/account/sign-up" not in page


def test_company_member_sees_their_profile(client, auth, world):
    company = world["czech"][0]
    user = make_user("member@example.com", company=company)
    db.session.commit()
    auth.sign_in(user)
    page = _page(client)
    assert f'href="/companies/{company.slug}">Your company profile</a>' in page
    assert "Create your company profile" not in page and "Is your company missing?" not in page


def test_language_switcher_links_every_language(client, world):
    page = _page(client)
    for code, name in LANGUAGES.items():
        assert f'<a href="/language/{code}?next=/" hreflang="{code}" lang="{code}"' in page
        assert f">{name}</a>" in page
    assert '<html lang="en">' in page


def test_language_switch_takes_effect_and_is_remembered(client, world):
    page = _page(client, "/?lang=de")
    assert '<html lang="de">' in page
    assert re.search(r'hreflang="de" lang="de"\s+aria-current="true">Deutsch</a>', page)
    assert '<html lang="de">' in _page(client)  # the cookie keeps the choice


def test_home_page_queries_do_not_grow_with_the_data(client, app):
    def queries_for_home() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            _page(client)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    first = make_company(sectors=["wood", "ict"])
    make_cluster("Cluster A", sectors=["wood", "food"], members=[first])
    make_listing(first, cooperation_types=["supplier", "technical"])
    db.session.commit()
    few = queries_for_home()
    for n in range(8):
        members = [make_company(sectors=["wood", "ict"]) for _ in range(2)]
        make_cluster(f"Cluster {n}", sectors=["wood", "food"], members=members)
        for company in members:
            make_listing(company, kind="request", cooperation_types=["supplier", "subcontracting", "services"],
                         keywords=["pellets", "biomass", "heat"], target_countries=["AT", "SI"])
    db.session.commit()
    assert queries_for_home() == few


# Offers and requests ---------------------------------------------------------------------------------


def _section(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end)]


@pytest.fixture
def market(app):
    """Active offers and requests of different ages, and listings the public must not see."""
    now = utcnow()
    czech = make_company("Czech Pellets s.r.o.", country="CZ", sectors=["wood"])
    austrian = make_company("Austrian Heat GmbH", country="AT", sectors=["energy-environment"])
    hidden = make_company("Hidden Company", country="PL", is_published=False)
    active = {
        "newest": make_listing(czech, title="Newest: wood pellets for Austria", published_at=now - timedelta(hours=1)),
        "request": make_listing(austrian, kind="request", title="Request: pellet supplier wanted",
                                published_at=now - timedelta(days=3)),
        "older": make_listing(czech, title="Older: sawmill capacity", published_at=now - timedelta(days=40)),
    }
    for n in range(4):
        active[f"old{n}"] = make_listing(austrian, title=f"Old offer {n}", published_at=now - timedelta(days=100 + n))
    invisible = {
        "draft": make_listing(czech, status="draft", title="Draft listing nobody sees"),
        "pending": make_listing(czech, status="pending", title="Pending listing awaiting review"),
        "rejected": make_listing(czech, status="rejected", title="Rejected listing"),
        "withdrawn": make_listing(czech, status="withdrawn", title="Withdrawn listing",
                                  published_at=now - timedelta(minutes=5)),
        "expired": make_listing(czech, title="Expired listing of last year", published_at=now - timedelta(days=400)),
        "hidden": make_listing(hidden, title="Listing of an unpublished company",
                               published_at=now - timedelta(minutes=1)),
    }
    db.session.commit()
    return active, invisible


def test_recent_offers_and_requests_newest_first(client, market):
    active, invisible = market
    page = _page(client)
    recent = _section(page, 'id="listings-title"', 'id="sectors-title"')
    titles = [_text(t) for t in re.findall(r'<h3 class="card-title"><a href="/listings/\d+">(.*?)</a>', recent)]
    assert titles == ["Newest: wood pellets for Austria", "Request: pellet supplier wanted",
                      "Older: sawmill capacity", "Old offer 0", "Old offer 1", "Old offer 2"]
    assert f'href="/listings/{active["newest"].id}"' in recent
    assert "Czechia" in recent and "Austria" in recent and "Supplier sought or offered" in recent
    assert "See all 7 offers and requests" in recent and 'href="/listings"' in recent


def test_drafts_pending_rejected_withdrawn_and_expired_listings_stay_off_the_home_page(client, market):
    _active, invisible = market
    page = _page(client)
    for listing in invisible.values():
        assert listing.title not in page
        assert f'href="/listings/{listing.id}"' not in page


def test_stat_tiles_count_active_offers_and_requests(client, market):
    page = _page(client)
    assert _stat(page, "active offers") == "6"
    assert _stat(page, "active request") == "1"


def test_without_listings_the_section_invites_the_first(client, auth, world):
    page = _page(client)
    assert "No offers or requests yet." in page
    assert _stat(page, "active offers") == "0" and _stat(page, "active requests") == "0"
    assert "/listings/new" not in page  # anonymous visitors are not offered the form
    member = make_user("first.poster@example.com", company=world["czech"][0])
    db.session.commit()
    auth.sign_in(member)
    assert 'href="/listings/new">Post the first one</a>' in _page(client)


def test_links_to_post_and_browse_replace_coming_soon(client, auth, world):
    page = _page(client)
    assert "Coming soon" not in page
    assert 'href="/listings">Browse offers and requests</a>' in page
    assert "/listings/new" not in page
    member = make_user("poster@example.com", company=world["czech"][0])
    solo = make_user("solo.poster@example.com")
    db.session.commit()
    auth.sign_in(solo)
    assert "/listings/new" not in _page(client), "a user without a company cannot post"
    auth.sign_out()
    auth.sign_in(member)
    page = _page(client)
    assert 'href="/listings/new">Post an offer or request</a>' in page
    assert 'href="/listings">Browse offers and requests</a>' in page


def test_listing_titles_are_escaped(client, app):
    company = make_company("Escaping GmbH", country="DE")
    make_listing(company, title="<img src=x onerror=alert(1)> pellets")
    db.session.commit()
    page = _page(client)
    assert "<img src=x onerror=alert(1)>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; pellets" in page
