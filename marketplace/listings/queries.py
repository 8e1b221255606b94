"""What the public may see of listings: the one definition every page, feed and API uses."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import Select, and_, bindparam, literal, select, union_all
from sqlalchemy.orm import contains_eager

from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from .models import PUBLISHED, Listing, ListingCooperationType, ListingKeyword, ListingTargetCountry


def visible_company():
    return and_(Company.is_published.is_(True), Company.suspended_at.is_(None))


def active_condition(now: datetime | None = None):
    """Published, not expired, of a published and unsuspended company. Expiry needs no cron job."""
    return and_(Listing.status == PUBLISHED, Listing.expires_at > (now or utcnow()), visible_company())


def active_listings(now: datetime | None = None) -> Select:
    return (select(Listing).join(Listing.company).options(contains_eager(Listing.company))
            .where(active_condition(now)))


@dataclass
class ListingFacts:
    """A listing's cooperation types, keywords and target countries, in the order its page shows them."""

    cooperation_types: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    target_countries: list[str] = field(default_factory=list)


@cache
def _facts_query():
    """One statement for the three lists (built once, so it keeps its cache key): three loads cost three times that."""
    listing_id = bindparam("listing_id")
    return union_all(
        select(literal("cooperation_types"), ListingCooperationType.cooperation_type, ListingCooperationType.position)
        .where(ListingCooperationType.listing_id == listing_id),
        select(literal("keywords"), ListingKeyword.keyword, ListingKeyword.position)
        .where(ListingKeyword.listing_id == listing_id),
        select(literal("target_countries"), ListingTargetCountry.country, literal(0))
        .where(ListingTargetCountry.listing_id == listing_id))


def listing_facts(listing_id: int) -> ListingFacts:
    facts = ListingFacts()
    rows = db.session.connection().execute(_facts_query(), {"listing_id": listing_id}).all()
    for name, value, _position in sorted(rows, key=lambda row: (row[0], row[2], row[1])):
        getattr(facts, name).append(value)
    return facts
