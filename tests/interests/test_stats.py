"""How a company usually answers: median answer time and share answered, on its profile."""
from __future__ import annotations

from datetime import timedelta

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests import services
from marketplace.interests.models import ACCEPTED, DECLINED, EXPIRED, PENDING, Interest

from ..factories import make_company, make_listing, make_user
from .conftest import text_of


def _received(company, *, status, answered_after=None, days_ago=30):
    """An interest the company received, answered `answered_after` after it came (or not)."""
    sender_company = make_company(members=[make_user()])
    listing = make_listing(company)
    created = utcnow() - timedelta(days=days_ago)
    interest = Interest(listing_id=listing.id, recipient_company_id=company.id,
                        sender_company_id=sender_company.id, message="Hello", status=status, created_at=created,
                        expires_at=created + timedelta(days=14),
                        decided_at=created + answered_after if answered_after else None)
    db.session.add(interest)
    db.session.flush()
    return interest


def test_no_statistics_without_enough_history(app, client):
    company = make_company("Quiet Ltd")
    _received(company, status=ACCEPTED, answered_after=timedelta(hours=5))
    _received(company, status=EXPIRED)
    _received(company, status=PENDING, days_ago=1)  # still open: not part of the history
    db.session.commit()
    assert services.reply_stats(company.id) is None
    assert "Usually replies" not in text_of(client.get(f"/companies/{company.slug}"))
    assert "answered" not in text_of(client.get(f"/companies/{company.slug}"))


def test_median_and_share_on_the_profile(app, client):
    company = make_company("Answering GmbH")
    _received(company, status=ACCEPTED, answered_after=timedelta(hours=20))
    _received(company, status=DECLINED, answered_after=timedelta(hours=30))
    _received(company, status=ACCEPTED, answered_after=timedelta(days=5))
    _received(company, status=EXPIRED)
    # Lapsed but never marked by the job: counts as expired all the same.
    _received(company, status=PENDING, days_ago=20)
    db.session.commit()
    stats = services.reply_stats(company.id)
    assert (stats.answered, stats.expired, stats.total, stats.share_answered) == (3, 2, 5, 60)
    assert stats.median_hours == 30 and stats.median_days == 2
    page = text_of(client.get(f"/companies/{company.slug}"))
    assert "Usually replies within 2 days" in page
    assert "answered 60% of the last 5 expressions of interest" in page


def test_within_a_day_and_only_the_latest_count(app):
    company = make_company("Fast Kft")
    for days_ago in range(40, 30, -1):  # ten old ones, never answered
        _received(company, status=EXPIRED, days_ago=days_ago)
    for _ in range(20):
        _received(company, status=ACCEPTED, answered_after=timedelta(hours=2), days_ago=10)
    db.session.commit()
    stats = services.reply_stats(company.id)
    assert (stats.answered, stats.expired, stats.share_answered, stats.median_days) == (20, 0, 100, 1)


def test_a_company_that_never_answers(app, client):
    company = make_company("Silent SRL")
    for _ in range(3):
        _received(company, status=EXPIRED)
    db.session.commit()
    stats = services.reply_stats(company.id)
    assert stats.median_days is None and stats.share_answered == 0
    page = text_of(client.get(f"/companies/{company.slug}"))
    assert "Usually replies" not in page and "answered 0% of the last 3" in page
