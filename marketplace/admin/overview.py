"""The platform in figures for administrators, each read by one aggregate query (no rows loaded)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select, type_coerce

from ..accounts.models import User
from ..clusters.models import Cluster
from ..companies.models import Company
from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..listings.models import DRAFT, EXPIRED, PENDING, PUBLISHED, REJECTED, WITHDRAWN, Listing
from ..mail.models import FAILED, QUEUED, OutboxMessage
from ..moderation.models import REPORT_OPEN, Report
from ..moderation.queue import awaiting_review_condition, waiting_since

RECENT_SIGN_IN = timedelta(days=30)
LISTING_STATUSES = (DRAFT, PENDING, PUBLISHED, EXPIRED, REJECTED, WITHDRAWN)


@dataclass(frozen=True)
class Backlog:
    """Items waiting for a moderator: how many, since when the oldest, and the median wait."""

    count: int
    oldest_since: datetime | None
    oldest_age: timedelta | None
    median_age: timedelta | None


@dataclass(frozen=True)
class PlatformOverview:
    now: datetime
    users: dict[str, int]         # total, confirmed, recent (signed in within RECENT_SIGN_IN)
    companies: dict[str, int]     # total, published, suspended
    clusters: int
    listings: dict[str, int]      # every status of LISTING_STATUSES, expired derived from the date
    review: Backlog               # listings and edits awaiting review
    reports: Backlog              # open reports
    outbox: dict[str, Any]        # queued, failed, oldest_queued

    @property
    def listing_total(self) -> int:
        return sum(self.listings.values())


def _counts(query: Select) -> dict[str, int]:
    return {key: value or 0 for key, value in db.session.execute(query).one()._mapping.items()}


def _count_if(condition) -> Any:
    return func.count(case((condition, 1)))


def user_figures(now: datetime) -> dict[str, int]:
    return _counts(select(
        func.count().label("total"),
        _count_if(User.email_confirmed_at.is_not(None)).label("confirmed"),
        _count_if(User.last_signed_in_at >= now - RECENT_SIGN_IN).label("recent"),
    ).where(User.deleted_at.is_(None)))


def company_figures() -> dict[str, int]:
    return _counts(select(
        func.count().label("total"),
        _count_if(Company.is_published.is_(True)).label("published"),
        _count_if(Company.suspended_at.is_not(None)).label("suspended"),
    ).select_from(Company))


def listing_figures(now: datetime) -> dict[str, int]:
    """Listings by the status people see: a published listing past its date counts as expired."""
    shown_status = case(((Listing.status == PUBLISHED) & (Listing.expires_at <= now), EXPIRED), else_=Listing.status)
    rows = db.session.execute(select(shown_status, func.count()).group_by(shown_status))
    counts = dict.fromkeys(LISTING_STATUSES, 0)
    counts.update({status: n for status, n in rows})
    return counts


def backlog(moment, condition, now: datetime) -> Backlog:
    """Count, oldest and median of `moment` over the rows matching `condition` (two small queries).

    The median is read with ORDER BY … OFFSET, which both SQLite and PostgreSQL index-scan, rather
    than by fetching every waiting time.
    """
    moment = type_coerce(moment, UTCDateTime())
    count, oldest = db.session.execute(select(func.count(), func.min(moment)).where(condition)).one()
    if not count:
        return Backlog(0, None, None, None)
    middle = list(db.session.scalars(
        select(moment).where(condition).order_by(moment).offset((count - 1) // 2).limit(2 - count % 2)))
    median_since = middle[0] + (middle[-1] - middle[0]) / 2
    return Backlog(count, oldest, now - oldest, now - median_since)


def outbox_figures() -> dict[str, Any]:
    queued = OutboxMessage.status == QUEUED
    row = db.session.execute(select(
        _count_if(queued).label("queued"),
        _count_if(OutboxMessage.status == FAILED).label("failed"),
        func.min(type_coerce(case((queued, OutboxMessage.created_at)), UTCDateTime())).label("oldest_queued"),
    )).one()
    return {"queued": row.queued or 0, "failed": row.failed or 0, "oldest_queued": row.oldest_queued}


def platform_overview() -> PlatformOverview:
    now = utcnow()
    return PlatformOverview(
        now=now,
        users=user_figures(now),
        companies=company_figures(),
        clusters=db.session.scalar(select(func.count()).select_from(Cluster)) or 0,
        listings=listing_figures(now),
        review=backlog(waiting_since(), awaiting_review_condition(), now),
        reports=backlog(Report.created_at, Report.status == REPORT_OPEN, now),
        outbox=outbox_figures(),
    )
