"""The facet index answers the listing search exactly as SQL over the tables would, and follows changes."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from marketplace.companies.models import Company
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings import search
from marketplace.listings.facet_index import current_index
from marketplace.listings.models import DRAFT, PENDING, PUBLISHED, WITHDRAWN, Listing
from marketplace.listings.services import approve

from ..factories import make_cluster, make_company, make_user
from .conftest import make_listing

WORDS = ("pellets", "biomass", "logistics", "software", "cheese")
TYPES = ("supplier", "subcontracting", "technical", "research")


def _world(rng: random.Random) -> tuple[str, ...]:
    """Listings in every state of companies in two overlapping clusters; returns the clusters' slugs."""
    companies = [make_company(f"Company {n}", country=rng.choice(("CZ", "AT", "PL", "SK")),
                              size_class=rng.choice(("micro", "small", "medium")), is_published=n != 0)
                 for n in range(12)]
    companies[1].suspended_at = utcnow()
    clusters = make_cluster("North", members=companies[2:6]), make_cluster("South", members=companies[5:9])
    for n in range(80):
        words = " ".join(rng.sample(WORDS, 2))
        make_listing(rng.choice(companies), status=rng.choice((PUBLISHED,) * 6 + (DRAFT, WITHDRAWN)),
                     days_left=rng.choice((200, 100, 30, -1)) if n % 7 else 200,
                     kind=rng.choice(("offer", "request")), sector=rng.choice(("wood", "food", "ict")),
                     language=rng.choice(("en", "de", "pl")), title=f"Listing {n}: {words}",
                     cooperation_types=rng.sample(TYPES, rng.choice((1, 2))),
                     published_at=utcnow() - timedelta(days=rng.choice((1, 5, 20, 60, 200)), minutes=n))
    db.session.commit()
    return tuple(cluster.slug for cluster in clusters)


def _args(rng: random.Random, clusters: tuple[str, ...]) -> dict[str, str]:
    choices = {"kind": ("offer", "request"), "sector": ("wood", "food", "ict", "textiles"),
               "country": ("CZ", "AT", "PL", "SK", "DE"), "type": TYPES, "size": ("micro", "small", "medium"),
               "lang": ("en", "de", "pl"), "posted": ("7", "30", "90", "365"), "cluster": clusters}
    args = {name: rng.choice(values) for name, values in rng.sample(sorted(choices.items()), rng.choice((0, 1, 2, 3)))}
    if rng.random() < 0.5:
        args["q"] = " ".join(rng.sample(WORDS, rng.choice((1, 2))))
    args["sort"] = rng.choice(("relevance", "newest"))
    args["page"] = str(rng.choice((1, 1, 2)))
    return args


def _sql_page(filters, per_page: int) -> tuple[int, list[int]]:
    """What plain SQL over the tables answers: the total and the page's ids."""
    statement, rank = search.restrict(select(Listing.id).join(Company, Company.id == Listing.company_id), filters)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    order = [Listing.published_at.desc(), Listing.id.desc()]
    if rank is not None and filters.sort == "relevance":
        order.insert(0, rank.desc())
    page = db.session.scalars(statement.order_by(*order).limit(per_page).offset((filters.page - 1) * per_page))
    return total, list(page)


def _sql_facet_count(args: dict[str, str], facet: str, value: str) -> int:
    filters = search.parse_filters(MultiDict({**args, facet: value}))
    return _sql_page(filters, 1)[0]


@pytest.mark.parametrize("rank_by_id_max", [search.RANK_BY_ID_MAX, 0], ids=["rank-results", "rank-all-matches"])
def test_totals_pages_and_facet_counts_equal_what_sql_answers(app, monkeypatch, rank_by_id_max):
    monkeypatch.setattr(search, "RANK_BY_ID_MAX", rank_by_id_max)
    rng = random.Random(7)
    clusters = _world(rng)
    for _ in range(60):
        args = _args(rng, clusters)
        with app.test_request_context("/listings", query_string=args):
            filters = search.parse_filters(MultiDict(args))
            result = search.search(filters, per_page=5)
            assert (result.total, [listing.id for listing in result.items]) == _sql_page(filters, 5), args
            for facet in ("sector", "country", "type", "cluster", "posted"):
                for value, count in result.facets[facet][:2]:
                    assert count == _sql_facet_count(args, facet, value), (args, facet, value)


@pytest.fixture
def cached_app(make_app):
    """Caching on, as in production: the index is built once and kept until something changes."""
    app = make_app(CACHE_TTL=60, FACET_INDEX_MIN_AGE=0)
    with app.app_context():
        yield app


def _browse(app, **args) -> search.ResultPage:
    with app.test_request_context("/listings", query_string=args):
        return search.search(search.parse_filters(MultiDict(args)), per_page=20)


def test_the_index_is_kept_until_a_commit_changes_what_it_holds(cached_app):
    company = make_company("Holz GmbH", country="AT")
    make_listing(company, title="First listing")
    db.session.commit()
    assert _browse(cached_app).total == 1
    index = current_index()

    company.description = "Edited, but nothing the search counts"
    db.session.commit()
    assert current_index() is index

    fresh = make_listing(company, title="Published a moment ago")
    db.session.commit()
    first = _browse(cached_app)
    assert (first.total, first.items[0].title) == (2, "Published a moment ago")
    assert current_index() is not index

    company.country = "SI"
    db.session.commit()
    assert dict(_browse(cached_app).facets["country"]) == {"SI": 2}

    fresh.status = WITHDRAWN
    db.session.commit()
    assert [listing.title for listing in _browse(cached_app).items] == ["First listing"]


def _indexed_listing() -> tuple:
    """A company with one listing, committed, and the index built over it."""
    company = make_company("Holz GmbH", country="AT")
    make_listing(company)
    db.session.commit()
    return company, current_index()


def test_a_moderator_approving_a_listing_outdates_the_index(cached_app):
    company, _ = _indexed_listing()
    pending = make_listing(company, status=PENDING, title="Approved a moment ago")
    db.session.commit()
    assert _browse(cached_app).total == 1
    approve(make_user("admin@example.com", is_admin=True), pending)
    db.session.commit()
    assert [listing.title for listing in _browse(cached_app).items][0] == "Approved a moment ago"


def test_a_rolled_back_change_leaves_the_index_alone(cached_app):
    company, index = _indexed_listing()
    make_listing(company)
    db.session.flush()
    db.session.rollback()
    assert current_index() is index and _browse(cached_app).total == 1


def test_a_process_rebuilds_at_most_every_min_age_seconds(make_app):
    app = make_app(CACHE_TTL=60, FACET_INDEX_MIN_AGE=3600)
    with app.app_context():
        company, index = _indexed_listing()
        make_listing(company)
        db.session.commit()
        assert current_index() is index and _browse(app).total == 1
