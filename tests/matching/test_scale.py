"""The database narrows the candidates: a bounded number of queries and of listings loaded, whatever the table holds."""
from __future__ import annotations

import random
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, insert

from marketplace.companies.models import Company
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings.models import (Listing, ListingCooperationType, ListingKeyword, ListingTargetCountry,
                                         search_fields)
from marketplace.matching import candidates as candidates_module
from marketplace.matching.candidates import candidates
from marketplace.matching.related import related_sectors
from marketplace.matching.services import find_matches, suggested_partners

LISTINGS = 1500
MATCH_QUERIES = 5       # candidates with their facts; the listings shown; their types, keywords, countries
SUGGESTION_QUERIES = 9  # the company's listings and their rows (4), then as above


@contextmanager
def counted_queries():
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


@contextmanager
def counted_loads():
    loaded: list[int] = []

    def record(target, _context):
        loaded.append(target.id)

    event.listen(Listing, "load", record)
    try:
        yield loaded
    finally:
        event.remove(Listing, "load", record)


@pytest.fixture
def crowded(app):
    """Many active listings that all fit the pellets offer: wood and its related sectors, shared words."""
    rng = random.Random(4)
    now = utcnow()
    company_ids = db.session.scalars(insert(Company).returning(Company.id), [
        {"slug": f"crowd-{i}", "name": f"Crowd {i}", "country": rng.choice(["AT", "DE", "IT", "CZ"]),
         "size_class": "small", "is_published": True} for i in range(100)]).all()
    sectors = ["wood", "wood", "wood", *sorted(related_sectors("wood"))]
    listings = []
    for i in range(LISTINGS):
        title = f"Distributor {i} seeks wood pellets and biomass"
        summary = "We sell pellets, briquettes and firewood to households."
        words = ["pellets", "biomass"]
        published = now - timedelta(days=rng.randint(0, 300))
        listings.append({"company_id": rng.choice(company_ids), "kind": "request", "sector": rng.choice(sectors),
                         "title": title, "summary": summary, "description": summary, "status": "published",
                         "published_at": published, "expires_at": published + timedelta(days=365),
                         "targets_any_country": False, "language": "en",
                         **search_fields(title, summary, summary, "", "", words)})
    ids = db.session.scalars(insert(Listing).returning(Listing.id, sort_by_parameter_order=True), listings).all()
    db.session.execute(insert(ListingCooperationType),
                       [{"listing_id": i, "cooperation_type": "supplier", "position": 0} for i in ids])
    db.session.execute(insert(ListingKeyword), [{"listing_id": i, "keyword": word, "position": n} for i in ids
                                                for n, word in enumerate(["pellets", "biomass", f"lot{i}"])])
    db.session.execute(insert(ListingTargetCountry), [{"listing_id": i, "country": "SI"} for i in ids])
    producer = Company(slug="producer", name="Producer", country="SI", size_class="small")
    db.session.add(producer)
    db.session.flush()
    sources = []
    for n in range(3):
        source = Listing(company_id=producer.id, kind="offer", sector="wood", title=f"Wood pellets producer {n}",
                         summary="Pellets and biomass for distributors.", status="published",
                         published_at=now - timedelta(days=n), expires_at=now + timedelta(days=300 - n))
        source.cooperation_types = ["supplier", "commercial-agency"]
        source.keywords = ["pellets", "biomass"]
        source.target_countries = ["AT", "DE"]
        db.session.add(source)
        sources.append(source)
    db.session.commit()
    return producer, sources


def _fresh(listing_id: int) -> Listing:
    """The source as a request would load it: nothing cached in the session."""
    db.session.expunge_all()
    listing = db.session.get(Listing, listing_id)
    listing.company, listing.keywords, listing.cooperation_types, listing.target_countries  # noqa: B018
    return listing


def test_matching_runs_a_handful_of_queries_and_loads_only_what_it_shows(crowded):
    _producer, sources = crowded
    source = _fresh(sources[0].id)
    with counted_queries() as queries, counted_loads() as loaded:
        matches = find_matches(source, limit=20)
        # What a matches page reads is loaded already.
        for match in matches:
            (match.listing.company.name, match.listing.company.country, match.listing.keywords,
             match.listing.cooperation_types, match.listing.target_countries, match.listing.title)
    assert len(matches) == 20
    assert len(queries) <= MATCH_QUERIES, queries
    assert sorted(loaded) == sorted(m.listing.id for m in matches)  # no listing loaded for nothing


def test_the_database_narrows_the_candidates(crowded):
    _producer, sources = crowded
    source = _fresh(sources[0].id)
    found, profiles = candidates([source], utcnow())
    bound = (candidates_module.SECTOR_CANDIDATES + candidates_module.FULL_TEXT_CANDIDATES
             + candidates_module.RELATED_CANDIDATES * len(related_sectors("wood")))
    assert 0 < len(profiles) <= bound < LISTINGS
    assert len(found[source.id].ranks) == len(profiles)
    assert found[source.id].own_rank > 0
    assert any(rank > 0 for rank in found[source.id].ranks.values())  # the full-text engine ranked some


def test_query_count_does_not_grow_with_the_listings_of_a_company(crowded):
    producer_id = crowded[0].id
    db.session.expunge_all()
    producer = db.session.get(Company, producer_id)
    with counted_queries() as queries:
        suggestions = suggested_partners(producer, limit=10)
        for suggestion in suggestions:
            for pair in suggestion.pairs:
                (pair.mine.title, pair.match.listing.company.name, pair.match.listing.keywords)
    assert len(suggestions) == 10
    assert len(queries) <= SUGGESTION_QUERIES, queries
