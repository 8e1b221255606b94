"""The public observatory's aggregates: five GROUP BY queries over public facts, nothing loaded row by row.

What counts as public, and why:
- accepted expressions of interest between two visible companies (published, not suspended); only
  the pair of countries and the listing's sector are read — never a name, a message or a draft;
- public partnerships (active, or closed after having been published) and the countries of their
  active members (companies that are visible, and clusters);
- active listings (published, unexpired, of a visible company), the same definition as search.
The result is plain JSON (lists of lists) so that it can be cached for everyone alike.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select, union
from sqlalchemy.orm import aliased

from ..clusters.models import Cluster
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from ..interests.models import ACCEPTED, Interest
from ..listings.models import PUBLISHED, Listing
from ..partnerships.models import ACTIVE, CLOSED, MEMBER, Partnership, PartnershipMember


def _visible(company) -> Any:
    """A published, unsuspended company; written through coalesce() so that no index on companies applies.

    The companies are always the joined side here (reached by primary key from a few interests or
    partnership members); left indexable, SQLite's planner (without ANALYZE statistics) would start
    from all 20,000 published companies instead.
    """
    return and_(func.coalesce(company.is_published, False).is_(True), company.suspended_at.is_(None))


def public_partnership_condition():
    """SQL twin of Partnership.is_public."""
    return or_(Partnership.status == ACTIVE,
               and_(Partnership.status == CLOSED, Partnership.published_at.is_not(None)))


def accepted_interests() -> list[list[Any]]:
    """[sender's country, listing company's country, listing's sector, count] of accepted interests."""
    sender, recipient = aliased(Company), aliased(Company)
    rows = db.session.execute(
        select(sender.country, recipient.country, Listing.sector, func.count())
        .select_from(Interest)
        .join(sender, sender.id == Interest.sender_company_id)
        .join(recipient, recipient.id == Interest.recipient_company_id)
        .join(Listing, Listing.id == Interest.listing_id)
        .where(Interest.status == ACCEPTED, _visible(sender), _visible(recipient))
        .group_by(sender.country, recipient.country, Listing.sector))
    return [list(row) for row in rows]


def _member_countries():
    """Distinct (partnership, country) of the active members of public partnerships."""
    companies = (select(PartnershipMember.partnership_id.label("partnership_id"), Company.country.label("country"))
                 .join(Company, Company.id == PartnershipMember.company_id)
                 .join(Partnership, Partnership.id == PartnershipMember.partnership_id)
                 .where(PartnershipMember.status == MEMBER, _visible(Company), public_partnership_condition()))
    clusters = (select(PartnershipMember.partnership_id, Cluster.country)
                .join(Cluster, Cluster.id == PartnershipMember.cluster_id)
                .join(Partnership, Partnership.id == PartnershipMember.partnership_id)
                .where(PartnershipMember.status == MEMBER, public_partnership_condition()))
    return union(companies, clusters).cte("member_countries")


def partnership_pairs() -> list[list[Any]]:
    """[country, other country (alphabetically later), partnerships joining both] for every pair."""
    countries = _member_countries()
    first, second = countries.alias("first"), countries.alias("second")
    rows = db.session.execute(
        select(first.c.country, second.c.country, func.count())
        .select_from(first)
        .join(second, and_(second.c.partnership_id == first.c.partnership_id, second.c.country > first.c.country))
        .group_by(first.c.country, second.c.country))
    return [list(row) for row in rows]


def partnerships_by_sector() -> list[list[Any]]:
    rows = db.session.execute(
        select(Partnership.sector, func.count()).where(public_partnership_condition()).group_by(Partnership.sector))
    return [list(row) for row in rows]


def active_listings_by_sector() -> list[list[Any]]:
    """[sector, kind, count] of the listings search shows (active_condition), in two index-driven queries.

    All current published listings are counted from ix_listings_status_sector_kind alone; those of
    hidden or suspended companies (few) are counted apart and subtracted. Joining every listing to its
    company instead costs a lookup per listing: ten times slower at 100,000 listings.
    """
    now = utcnow()
    current = (select(Listing.sector, Listing.kind, func.count())
               .where(Listing.status == PUBLISHED, Listing.expires_at > now).group_by(Listing.sector, Listing.kind))
    hidden_companies = select(Company.id).where(or_(Company.is_published.is_(False), Company.suspended_at.is_not(None)))
    # Status and expiry go through coalesce() so that SQLite's planner (without ANALYZE statistics) starts
    # from the hidden companies' listings rather than walking all the current ones.
    hidden = (select(Listing.sector, Listing.kind, func.count())
              .where(Listing.company_id.in_(hidden_companies), func.coalesce(Listing.status, "") == PUBLISHED,
                     func.coalesce(Listing.expires_at, Listing.created_at) > now)
              .group_by(Listing.sector, Listing.kind))
    counts = {(sector, kind): n for sector, kind, n in db.session.execute(current)}
    for sector, kind, n in db.session.execute(hidden):
        counts[(sector, kind)] -= n
    return [[sector, kind, n] for (sector, kind), n in counts.items() if n]


def raw_figures() -> dict[str, list[list[Any]]]:
    """Everything the observatory shows, as JSON-able lists (five GROUP BY queries)."""
    return {
        "interests": accepted_interests(),
        "partnership_pairs": partnership_pairs(),
        "partnership_sectors": partnerships_by_sector(),
        "listings": active_listings_by_sector(),
    }
