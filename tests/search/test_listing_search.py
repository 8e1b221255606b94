"""Full-text search and facets of /listings, the same on SQLite FTS5 and PostgreSQL."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings.search import parse_filters, search
from marketplace.search.text import parse, to_fts5, to_tsquery
from werkzeug.datastructures import MultiDict

from ..factories import make_cluster, make_company, make_listing


def titles(client, query: str) -> list[str]:
    html = client.get("/listings?" + query).get_data(as_text=True)
    return re.findall(r'class="card-title"><a href="/listings/\d+">([^<]+)</a>', html)


@pytest.fixture
def world(app):
    pl = make_company("Łódź Logistics", country="PL", size_class="medium")
    de = make_company("Müller Holz GmbH", country="DE", size_class="micro")
    si = make_company("Lesna d.o.o.", country="SI", size_class="small")
    make_cluster("Wood Cluster", country="SI", members=[si, de])
    now = utcnow()
    make_listing(pl, kind="offer", sector="logistics", title="Cross-dock warehouse near Łódź",
                 summary="Logistics services for food producers entering Poland.", keywords=["warehousing"],
                 cooperation_types=["services"], language="pl", published_at=now - timedelta(days=3))
    make_listing(de, kind="request", sector="wood", title="Müller seeks pellet distributors",
                 summary="Premium wood pellets for Austrian retail.", keywords=["pellets", "biomass"],
                 cooperation_types=["commercial-agency"], language="de", published_at=now - timedelta(days=40))
    make_listing(si, kind="offer", sector="wood", title="CLT panels from Slovenian spruce",
                 summary="Cross-laminated timber for builders; no pellets.", keywords=["timber", "clt"],
                 cooperation_types=["supplier", "subcontracting"], language="sl", published_at=now - timedelta(days=200))
    make_listing(si, status="pending", title="Hidden pending pellets")
    make_listing(pl, title="Expired pellets", published_at=now - timedelta(days=400),
                 expires_at=now - timedelta(days=35))
    db.session.commit()


@pytest.mark.parametrize("q, expected", [
    ("lodz", ["Cross-dock warehouse near Łódź"]),
    ("Łódź", ["Cross-dock warehouse near Łódź"]),
    ("LODZ", ["Cross-dock warehouse near Łódź"]),
    ("logist", ["Cross-dock warehouse near Łódź"]),             # prefix as you type
    ("lod", ["Cross-dock warehouse near Łódź"]),                # three letters are a prefix already
    ("lo", []),                                                 # two are a whole word only, not "lodz"*
    ("no", ["CLT panels from Slovenian spruce"]),               # ... which is still found: "no pellets"
    ("Mueller", ["Müller seeks pellet distributors"]),
    ("Muller", ["Müller seeks pellet distributors"]),
    ('"cross laminated"', ["CLT panels from Slovenian spruce"]),
    ("„cross laminated“", ["CLT panels from Slovenian spruce"]),   # typographic quotes make phrases too
    ("«cross laminated»", ["CLT panels from Slovenian spruce"]),
    ("“timber cross”", []),                                         # the words, but not as a phrase
    ("pellets -spruce", ["Müller seeks pellet distributors"]),
    ("warehousing OR timber", ["Cross-dock warehouse near Łódź", "CLT panels from Slovenian spruce"]),
    ("pellets", ["Müller seeks pellet distributors", "CLT panels from Slovenian spruce"]),
])
def test_full_text(client, world, q, expected):
    assert titles(client, "sort=newest&q=" + q) == expected


def test_relevance_puts_title_matches_first(client, world):
    # "pellets" is in the title of one listing and only in the summary of the other.
    assert titles(client, "q=pellets")[0] == "Müller seeks pellet distributors"


@pytest.mark.parametrize("q", [
    '"', '"unbalanced', "((((", ")", "AND", "OR", "NOT", "NEAR(a b)", "*", "a*b", "-", "--", "' OR 1=1 --",
    "'; DROP TABLE listings; --", "\x01\x1f\x7f", "\\", "%", "_", "title:pellets", "{pellets}", "^pellets",
    "x" * 5000, "pellets " * 300, "Łódź & | ! :* <->", "$$", "🙂 pellets",
])
def test_hostile_text_never_fails_and_never_widens(client, world, q):
    response = client.get("/listings", query_string={"q": q})
    assert response.status_code == 200
    found = re.findall(r'class="card-title"><a href="/listings/\d+">([^<]+)</a>', response.get_data(as_text=True))
    assert not any("Hidden" in t or "Expired" in t for t in found)


@pytest.mark.parametrize("name", ["kind", "sector", "country", "type", "size", "cluster", "lang", "posted", "sort",
                                  "page"])
@pytest.mark.parametrize("value", ["zzz", "' OR '1'='1", "<script>alert(1)</script>", "9" * 40, "", "\x00"])
def test_facet_values_outside_their_list(client, world, name, value):
    response = client.get("/listings", query_string={name: value})
    if "\x00" in value:
        assert response.status_code == 400 and "Bad request" in response.get_data(as_text=True)
        return
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.get_data(as_text=True)
    expected = 0 if name == "page" and value.isdigit() else 3  # a page beyond the last is empty, not an error
    assert len(titles(client, f"{name}=" + value.replace("\x00", ""))) == expected


def test_facets_count_with_the_other_filters(app, world):
    result = search(parse_filters(MultiDict({"sector": "wood"})), per_page=20)
    assert result.total == 2
    assert dict(result.facets["sector"]) == {"wood": 2, "logistics": 1}   # own filter left out
    assert dict(result.facets["kind"]) == {"offer": 1, "request": 1}
    assert dict(result.facets["country"]) == {"DE": 1, "SI": 1}
    assert dict(result.facets["size"]) == {"micro": 1, "small": 1}
    assert dict(result.facets["type"]) == {"commercial-agency": 1, "supplier": 1, "subcontracting": 1}
    assert list(dict(result.facets["cluster"]).values()) == [2]
    assert dict(result.facets["posted"]) == {"90": 1, "365": 2}


def test_facets_with_text_and_two_filters_each_leave_out_only_their_own(app, world):
    result = search(parse_filters(MultiDict({"q": "pellets", "sector": "wood", "country": "SI"})), per_page=20)
    assert result.total == 1 and [listing.title for listing in result.items] == ["CLT panels from Slovenian spruce"]
    assert dict(result.facets["country"]) == {"DE": 1, "SI": 1}     # pellets in wood, any country
    assert dict(result.facets["sector"]) == {"wood": 1}             # pellets in Slovenia, any sector
    assert dict(result.facets["kind"]) == {"offer": 1}
    assert dict(result.facets["type"]) == {"supplier": 1, "subcontracting": 1}
    assert list(dict(result.facets["cluster"]).values()) == [1]
    assert dict(result.facets["posted"]) == {"365": 1}
    assert search(parse_filters(MultiDict({"q": "pellets", "country": "PL"})), per_page=20).total == 0


def test_filters_by_size_cluster_and_posted(client, world):
    cluster_slug = re.search(r'href="/listings\?cluster=([\w-]+)"', client.get("/listings").get_data(as_text=True))
    assert cluster_slug
    assert titles(client, "sort=newest&cluster=" + cluster_slug.group(1)) == [
        "Müller seeks pellet distributors", "CLT panels from Slovenian spruce"]
    assert titles(client, "size=medium") == ["Cross-dock warehouse near Łódź"]
    assert titles(client, "posted=30") == ["Cross-dock warehouse near Łódź"]
    assert titles(client, "posted=90&sort=newest") == ["Cross-dock warehouse near Łódź",
                                                        "Müller seeks pellet distributors"]


def test_zero_results_suggest_what_to_loosen(client, world):
    html = client.get("/listings?q=pellets&country=PL").get_data(as_text=True)
    assert "No listings match this search." in html
    assert "Search without the words “pellets”" in html
    assert "Remove the filter “Poland”" in html


def test_words_under_three_letters_are_exact_terms_not_prefixes():
    # A one- or two-letter prefix ("di"*) reads a large part of the index for a useless result.
    assert [(t.words[0], t.prefix) for g in parse("d di dig 3 42").groups for t in g] == [
        ("d", False), ("di", False), ("dig", True), ("3", True), ("42", True)]
    assert to_fts5(parse("di dig")) == '("di") AND ("dig"*)'
    assert to_tsquery(parse("di dig")) == "(di) & (dig:*)"


def test_parser_output_is_only_words():
    for raw in ['a" OR "b', "x') OR ('1'='1", 'NEAR("a" "b")', "col:value", "a & b | !c <-> d:*"]:
        parsed = parse(raw)
        assert re.fullmatch(r'[()"a-z0-9* ANDORNOT]*', to_fts5(parsed))
        assert re.fullmatch(r"[()a-z0-9:*&|! <\->]*", to_tsquery(parsed))


def test_matching_ids_leave_the_planner_as_they_found_it(app, world):
    from marketplace.listings.models import LISTING_INDEX

    connection = db.session.connection()
    found = LISTING_INDEX.matching_ids(connection, parse("pellets"))
    titles_found = {listing.title for listing in search(parse_filters(MultiDict({"q": "pellets"})), 20).items}
    assert len(found) == 4 and titles_found == {"Müller seeks pellet distributors", "CLT panels from Slovenian spruce"}
    if connection.dialect.name == "postgresql":  # the sequential scan is ruled out for that one query only
        assert connection.exec_driver_sql("SHOW enable_seqscan").scalar() == "on"


def test_a_condition_tested_before_the_text_changes_no_result(app, world):
    from sqlalchemy import select

    from marketplace.listings.models import LISTING_INDEX, Listing

    dialect = db.engine.dialect.name
    offers = Listing.kind == "offer"
    found = {}
    for tested_after in (None, offers):
        statement, _ = LISTING_INDEX.apply(select(Listing.title).where(offers), dialect, parse("pellets OR timber"),
                                           Listing.id, tested_after=tested_after)
        found[tested_after is None] = sorted(db.session.scalars(statement))
    assert found[True] == found[False] == ["CLT panels from Slovenian spruce", "Expired pellets", "Hidden pending pellets"]
