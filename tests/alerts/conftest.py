"""Fixtures of the alerts tests: searchers, companies in every state, listings published at chosen moments."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from marketplace.alerts import queries, services
from marketplace.alerts.models import SavedSearch
from marketplace.database import utcnow
from marketplace.extensions import db

from ..factories import make_company, make_listing, make_user


def listing_at(company, hours_ago: float = 1, **fields):
    """A listing published `hours_ago` hours ago (valid for a year unless expires_at is given)."""
    published = utcnow() - timedelta(hours=hours_ago)
    fields.setdefault("expires_at", published + timedelta(days=365))
    return make_listing(company, published_at=published, **fields)


def saved_search(user, query: str, frequency: str = "daily", *, watermark_hours_ago: float = 24,
                 last_sent_hours_ago: float | None = None, name: str = "My alert") -> SavedSearch:
    """A saved search whose watermark (and last mail) lie in the past, as if saved back then."""
    saved = services.save_search(user, queries.filters_from(query), name, frequency)
    now = utcnow()
    saved.last_listing_published_at = now - timedelta(hours=watermark_hours_ago)
    saved.created_at = saved.last_listing_published_at
    if last_sent_hours_ago is not None:
        saved.last_sent_at = now - timedelta(hours=last_sent_hours_ago)
    db.session.flush()
    return saved


def build_world():
    alice = make_user("alice@example.com", name="Alice Searcher")
    bob = make_user("bob@example.com", name="Bob Other")
    austria = make_company("Holz Steiermark GmbH", country="AT", sectors=("wood",))
    czechia = make_company("Pily Ústí s.r.o.", country="CZ", sectors=("wood",))
    suspended = make_company("Suspended AT", country="AT", suspended_at=utcnow() - timedelta(days=1))
    unpublished = make_company("Hidden AT", country="AT", is_published=False)
    db.session.commit()
    return SimpleNamespace(alice=alice, bob=bob, austria=austria, czechia=czechia, suspended=suspended,
                           unpublished=unpublished)


def private_listings(world, title: str = "Hidden pellets") -> list:
    """Listings nobody outside their company may see, each otherwise fitting "pellets · wood · AT"."""
    now = utcnow()
    return [
        make_listing(world.austria, status="draft", title=f"{title} draft"),
        make_listing(world.austria, status="pending", title=f"{title} pending"),
        make_listing(world.austria, status="rejected", title=f"{title} rejected"),
        make_listing(world.austria, status="withdrawn", title=f"{title} withdrawn",
                     published_at=now - timedelta(hours=2)),
        listing_at(world.austria, title=f"{title} expired", expires_at=now - timedelta(minutes=5)),
        listing_at(world.suspended, title=f"{title} of a suspended company"),
        listing_at(world.unpublished, title=f"{title} of an unpublished company"),
    ]


@pytest.fixture
def world(app):
    return build_world()


def run_send(app) -> str:
    result = app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code == 0, result.output
    return result.output
