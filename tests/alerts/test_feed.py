"""GET /listings/feed.atom: valid Atom for any search, only public listings, escaped, cacheable."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from marketplace.extensions import db

from ..factories import make_cluster
from .conftest import listing_at, private_listings

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    return root


def titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def check_atom(root: ET.Element) -> None:
    """The elements RFC 4287 requires of a feed and its entries, with absolute links and RFC 3339 dates."""
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.find(f"{ATOM}link[@rel='self']").get("href").startswith("http://marketplace.test/listings/feed.atom")
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://marketplace.test/listings")
    datetime.strptime(root.findtext(f"{ATOM}updated"), "%Y-%m-%dT%H:%M:%SZ")
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        ids.append(entry.findtext(f"{ATOM}id"))
        assert entry.findtext(f"{ATOM}title")
        datetime.strptime(entry.findtext(f"{ATOM}updated"), "%Y-%m-%dT%H:%M:%SZ")
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://marketplace.test/listings/")
    assert len(ids) == len(set(ids))


def test_feed_of_a_search(client, world):
    wanted = listing_at(world.austria, hours_ago=2, title="Pellet distributor sought", kind="request",
                        cooperation_types=["commercial-agency"], language="de")
    newer = listing_at(world.austria, hours_ago=1, title="Pellets offered")
    listing_at(world.czechia, title="Pellets from Czechia")
    listing_at(world.austria, title="Austrian cheese", sector="food", summary="Cheese.", keywords=["cheese"])
    db.session.commit()

    root = parse(client.get("/listings/feed.atom?q=pellets&sector=wood&country=AT&page=3&sort=relevance"))
    check_atom(root)
    assert titles(root) == ["Pellets offered", "Pellet distributor sought"]  # newest first
    assert root.findtext(f"{ATOM}title") == "Cooperation offers and requests: pellets · Wood industry · Austria"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://marketplace.test/listings/feed.atom?q=pellets&sector=wood&country=AT")
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://marketplace.test/listings?sort=newest&q=pellets&sector=wood&country=AT")
    first, second = root.findall(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}id") == f"http://marketplace.test/listings/{newer.id}"
    assert second.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert {(c.get("term"), c.get("label")) for c in second.findall(f"{ATOM}category")} == {
        ("request", "Request"), ("wood", "Wood industry"), ("AT", "Austria"),
        ("commercial-agency", "Commercial agency & distribution")}
    assert second.findtext(f"{ATOM}summary") == wanted.summary
    assert first.findtext(f"{ATOM}published") == newer.published_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert root.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in (first, second))
    # No company name: listings disclose the company only to those it accepts.
    assert b"Holz Steiermark" not in client.get("/listings/feed.atom").data


def test_feed_follows_every_facet(client, world):
    cluster = make_cluster("Wood Cluster Styria", members=[world.austria])
    listing_at(world.austria, title="In the cluster", language="de")
    listing_at(world.czechia, title="Outside the cluster", language="de")
    db.session.commit()
    assert titles(parse(client.get(f"/listings/feed.atom?cluster={cluster.slug}"))) == ["In the cluster"]
    assert titles(parse(client.get("/listings/feed.atom?lang=de&country=CZ"))) == ["Outside the cluster"]
    assert titles(parse(client.get("/listings/feed.atom?lang=pl"))) == []


def test_titles_stay_text(client, world):
    title = "<script>alert('x')</script> Pellets & \"more\" ]]> \x0b"
    listing_at(world.austria, title=title, summary="Bold <b>claims</b> & more")
    db.session.commit()
    response = client.get("/listings/feed.atom")
    assert b"<script>" not in response.data and b"<b>" not in response.data
    assert b"&lt;script&gt;" in response.data and b"Pellets &amp; " in response.data
    [entry] = parse(response).findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "<script>alert('x')</script> Pellets & \"more\" ]]> "
    assert entry.find(f"{ATOM}title").get("type") == "text"
    assert entry.findtext(f"{ATOM}summary") == "Bold <b>claims</b> & more"


def test_private_listings_never_appear(client, world):
    private_listings(world, title="Hidden pellets")
    listing_at(world.austria, title="Public pellets")
    db.session.commit()
    assert titles(parse(client.get("/listings/feed.atom?q=hidden"))) == []
    for query in ("", "?q=pellets", "?country=AT", "?sector=wood&kind=offer", "?posted=7"):
        assert titles(parse(client.get("/listings/feed.atom" + query))) == ["Public pellets"], query


def test_newest_fifty(client, world):
    for n in range(52):
        listing_at(world.czechia, hours_ago=n + 1, title=f"Listing {n:02d}")
    db.session.commit()
    found = titles(parse(client.get("/listings/feed.atom")))
    assert len(found) == 50 and found[0] == "Listing 00" and found[-1] == "Listing 49"


HOSTILE = [
    "q=%22unbalanced", "q=((((", "q=a)%20OR%20(b", "q=NEAR(a%20b)", "q=*", "q=-", "q=%22%22", "q=AND%20OR%20NOT",
    "q='%3B%20DROP%20TABLE%20listings%3B--", "q=1%27%20OR%20%271%27%3D%271", "q=%01%02%1f%7f",
    "q=%E2%80%AE%F0%9F%98%80",
    "q=" + "a" * 5000, "q=" + "%C5%81%C3%B3d%C5%BA%20" * 300, "q=%5Cx00", "q=a:b", "q=title:pellets", "q=^pellets",
    "sector=%3Cscript%3E", "country=ZZ", "kind=both", "type=../../etc", "size=huge", "cluster=%27%20OR%201%3D1",
    "lang=xx", "posted=-1", "posted=99999999999999999999", "page=-5", "page=abc", "sort=drop",
    "sector=wood&sector=food", "q[]=x", "q=%FF%FE", "country=at", "%ZZ=1", "q=%",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_query_strings_give_a_valid_feed(client, world, query):
    listing_at(world.austria, title="Pellets for everyone")
    db.session.commit()
    root = parse(client.get("/listings/feed.atom?" + query))
    check_atom(root)
    assert set(titles(root)) <= {"Pellets for everyone"}


def test_cacheable_and_conditional(client, world):
    listing_at(world.austria, title="Pellets")
    db.session.commit()
    first = client.get("/listings/feed.atom?sector=wood")
    assert first.cache_control.public and first.cache_control.max_age == 300
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert "Accept-Language" in first.headers["Vary"]
    assert "Set-Cookie" not in first.headers
    again = client.get("/listings/feed.atom?sector=wood", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_lang_filters_listings_without_switching_the_interface(client, world):
    listing_at(world.austria, title="Auf Deutsch", language="de")
    db.session.commit()
    response = client.get("/listings/feed.atom?lang=de", headers={"Accept-Language": "en"})
    root = parse(response)
    assert titles(root) == ["Auf Deutsch"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert "Set-Cookie" not in response.headers


def test_feed_labels_in_the_readers_language(client, world):
    listing_at(world.austria, title="Pellets")
    db.session.commit()
    root = parse(client.get("/listings/feed.atom?country=AT", headers={"Accept-Language": "de"}))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert ("AT", "Österreich") in {(c.get("term"), c.get("label")) for c in root.iter(f"{ATOM}category")}
