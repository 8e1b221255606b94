"""A company's own listings, grouped by what they need from their authors."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..database import utcnow
from ..extensions import db
from .models import DRAFT, EXPIRED, PENDING, PUBLISHED, REJECTED, WITHDRAWN, Listing
from .services import REMINDER_BEFORE, can_renew

# The order of the groups on the page: what needs work first, history last.
GROUP_ORDER = (REJECTED, DRAFT, PENDING, PUBLISHED, EXPIRED, WITHDRAWN)

NEEDS_EDIT = "rejected"
REVISION_REJECTED = "revision-rejected"
EXPIRING = "expiring"
LAPSED = "expired"


@dataclass
class OwnerOverview:
    attention: list[tuple[Listing, str]] = field(default_factory=list)
    groups: dict[str, list[Listing]] = field(default_factory=lambda: {status: [] for status in GROUP_ORDER})

    @property
    def total(self) -> int:
        return sum(len(items) for items in self.groups.values())


def revision_was_rejected(listing: Listing) -> bool:
    return (listing.status == PUBLISHED and listing.revision is not None and listing.revision_submitted_at is None
            and bool(listing.revision_rejection_reason))


def expiring_soon(listing: Listing, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return listing.is_active and listing.expires_at is not None and listing.expires_at - now <= REMINDER_BEFORE


def company_listings(company_id: int) -> list[Listing]:
    return list(db.session.scalars(
        select(Listing).where(Listing.company_id == company_id)
        .options(lazyload(Listing.keyword_rows), lazyload(Listing.country_rows))
        .order_by(Listing.updated_at.desc(), Listing.id.desc())))


def overview(company_id: int, now: datetime | None = None) -> OwnerOverview:
    now = now or utcnow()
    result = OwnerOverview()
    for listing in company_listings(company_id):
        status = EXPIRED if listing.is_expired(now) else listing.status
        result.groups[status].append(listing)
        if listing.status == REJECTED:
            result.attention.append((listing, NEEDS_EDIT))
        elif revision_was_rejected(listing):
            result.attention.append((listing, REVISION_REJECTED))
        if status == EXPIRED:
            result.attention.append((listing, LAPSED))
        elif can_renew(listing, now):
            result.attention.append((listing, EXPIRING))
    return result
