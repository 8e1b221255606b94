"""What the public may see of listings: the one definition every page, feed and API uses."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import contains_eager

from ..companies.models import Company
from ..database import utcnow
from .models import PUBLISHED, Listing


def visible_company():
    return and_(Company.is_published.is_(True), Company.suspended_at.is_(None))


def active_condition(now: datetime | None = None):
    """Published, not expired, of a published and unsuspended company. Expiry needs no cron job."""
    return and_(Listing.status == PUBLISHED, Listing.expires_at > (now or utcnow()), visible_company())


def active_listings(now: datetime | None = None) -> Select:
    return (select(Listing).join(Listing.company).options(contains_eager(Listing.company))
            .where(active_condition(now)))
