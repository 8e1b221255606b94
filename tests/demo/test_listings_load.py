"""Demo listings: reproducible, sized by --listings (review queues first), and fast to load."""
from __future__ import annotations

from datetime import datetime, timezone

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from marketplace.companies.models import Company
from marketplace.demo.bulk import BulkInserter
from marketplace.demo.generator import load_demo
from marketplace.extensions import db
from marketplace.listings.models import PENDING, Listing, ListingKeyword

from ..conftest import TEST_DATABASE_URL
from ..factories import make_company, make_listing, make_user

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def fresh_world(make_app, tmp_path, name: str, **sizes) -> list[tuple]:
    """Load a demo world into a database of its own (a new file on SQLite) and describe its listings."""
    overrides = {} if TEST_DATABASE_URL else {"DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite"}
    with make_app(**overrides).app_context():
        load_demo(db.session, now=NOW, **sizes)
        db.session.commit()
        return [(item.company.slug, item.status, item.title, item.summary, item.keywords, item.target_countries)
                for item in db.session.scalars(select(Listing).order_by(Listing.id))]


def test_same_seed_same_listings_and_another_seed_others(make_app, tmp_path):
    sizes = dict(companies=60, clusters=4, listings=200)
    first = fresh_world(make_app, tmp_path, "first", seed=5, **sizes)
    assert len(first) == 200
    assert fresh_world(make_app, tmp_path, "again", seed=5, **sizes) == first
    other = fresh_world(make_app, tmp_path, "other", seed=6, **sizes)
    assert len(other) == 200 and other != first


def test_no_companies_no_listings(app):
    summary = load_demo(db.session, companies=0, clusters=2, listings=100, now=NOW)
    assert summary.listings.by_status == {} and db.session.scalar(select(func.count(Listing.id))) == 0


def test_the_review_queues_come_first_when_listings_are_few(app):
    summary = load_demo(db.session, companies=50, clusters=12, listings=10, now=NOW)
    db.session.commit()
    assert sum(summary.listings.by_status.values()) == 10 == db.session.scalar(select(func.count(Listing.id)))
    assert summary.listings.by_status[PENDING] == 10


def test_a_larger_world_loads_in_full(app):
    """The bulk path at a size where batching matters; its speed at 100,000 listings is `make bench`'s to report."""
    summary = load_demo(db.session, companies=600, clusters=12, listings=3_000, now=NOW)
    db.session.commit()
    assert db.session.scalar(select(func.count(Listing.id))) == 3_000 == sum(summary.listings.by_status.values())
    assert db.session.scalar(select(func.count(Company.id))) == 600


def test_rows_made_after_the_demo_get_fresh_ids(app):
    """The loader hands out ids itself; PostgreSQL's sequences must have been moved past them."""
    load_demo(db.session, companies=30, clusters=3, listings=60, now=NOW)
    db.session.commit()
    last_listing = db.session.scalar(select(func.max(Listing.id)))
    last_company = db.session.scalar(select(func.max(Company.id)))
    company = make_company("After the Demo s.r.o.")
    listing = make_listing(company, make_user("after.demo@example.com", company=company), status=PENDING)
    db.session.commit()
    assert company.id > last_company and listing.id > last_listing


def test_batches_stored_later_arrive_in_order_and_a_failed_one_fails_the_load(app):
    """insert_later: on PostgreSQL a thread COPYs one batch while the next is made; elsewhere it inserts at once.
    Either way the rows arrive batch after batch, and a batch the database refuses fails the load."""
    listing = make_listing(make_company("Later GmbH"), keywords=["first"])
    db.session.commit()
    bulk, table = BulkInserter(db.session), ListingKeyword.__table__
    bulk.insert_later([(table, [dict(listing_id=listing.id, keyword=f"later {i}", position=1 + i) for i in range(3)])])
    bulk.insert_later([(table, [dict(listing_id=listing.id, keyword="later 3", position=4)])])
    bulk.finish()
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Listing, listing.id).keywords == ["first", "later 0", "later 1", "later 2", "later 3"]

    with pytest.raises((IntegrityError, psycopg.errors.ForeignKeyViolation)):
        bulk.insert_later([(table, [dict(listing_id=listing.id + 1_000, keyword="orphan", position=0)])])
        bulk.finish()
    db.session.rollback()
    assert db.session.scalar(select(func.count()).where(ListingKeyword.keyword == "orphan")) == 0
