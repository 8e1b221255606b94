"""One cluster's figures from six GROUP BY queries over its member companies' activity.

Nothing here loads rows of listings, interests or conversations: every figure is a count or an
average computed by the database, grouped by month, partner country or sector. The member
companies enter each query as a subquery (indexed on cluster and status), so the cost follows
the cluster's own activity, not the size of the marketplace. The query count is fixed, whatever
the data (tests/cluster_figures count them). Pages read them through cached_cluster_figures.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, literal_column, or_, select, union_all
from sqlalchemy.orm import aliased

from ..cache import cached
from ..clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterMembership, ClusterSector
from ..companies.models import Company, CompanySector
from ..database import utcnow
from ..extensions import db
from ..figures.periods import last_months, month_key
from ..figures.sql import days_between, month_of
from ..interests.models import ACCEPTED, Interest
from ..listings.models import PUBLISHED, Listing
from ..messaging.models import Conversation
from ..outcomes.models import Outcome
from ..outcomes.subjects import SUBJECTS
from ..partnerships.models import MEMBER, Partnership, PartnershipMember

# Series codes (stable: CSV columns and tests use them; labels.py gives their words).
MONTHLY_SERIES = ("members", "listings", "interests-sent", "interests-received", "interests-accepted",
                  "conversations", "partnerships", "meeting", "agreement", "contract", "joint-project")
COUNTRY_SERIES = ("members", "interests", "interests-accepted", "conversations", "partnerships")
SECTOR_SERIES = ("members", "offer", "request", "interests", "partnerships")


@dataclass
class InterestSummary:
    sent: int = 0
    received: int = 0
    sent_accepted: int = 0
    received_accepted: int = 0
    received_answered: int = 0
    answer_days: float | None = None   # average days from receipt to answer, of those answered
    from_matches: int = 0              # sent from the matching view: one side's listing matched to the other's


@dataclass
class ClusterFigures:
    months: list[date]
    monthly: dict[str, list[int]]                  # series → one count per month shown
    totals: dict[str, int]                         # series → count over all time
    listing_statuses: dict[str, int]               # draft, pending, published, expired, rejected, withdrawn
    interests: InterestSummary
    by_country: dict[str, dict[str, int]] = field(default_factory=dict)   # country → series → count
    by_sector: dict[str, dict[str, int]] = field(default_factory=dict)    # sector → series → count
    meta_clusters: int = 0


def member_ids(cluster_id: int):
    """The member companies (accepted memberships) as a subquery."""
    return select(ClusterMembership.company_id).where(ClusterMembership.cluster_id == cluster_id,
                                                      ClusterMembership.status == MEMBERSHIP_ACCEPTED)


def joined_partnership_ids(cluster_id: int, members):
    """Partnerships in which the cluster itself or a member company is an active member."""
    return select(PartnershipMember.partnership_id).where(
        PartnershipMember.status == MEMBER,
        or_(PartnershipMember.cluster_id == cluster_id, PartnershipMember.company_id.in_(members)))


def cached_cluster_figures(cluster: Cluster) -> ClusterFigures:
    """The figures, computed at most once per CACHE_TTL (a minute) for all managers and workers.

    A big cluster's members have thousands of listings: counting them is cheap per look but not at
    page-view rates, and figures a minute old are as good for a report.
    """
    today = utcnow().date()
    stored = cached(f"cluster-figures:v1:{cluster.id}:{today.isoformat()}",
                    lambda: _to_json(cluster_figures(cluster, today)))
    return _from_json(stored)


def _to_json(figures: ClusterFigures) -> dict:
    return {**asdict(figures), "months": [month.isoformat() for month in figures.months]}


def _from_json(stored: dict) -> ClusterFigures:
    return ClusterFigures(**{**stored, "months": [date.fromisoformat(month) for month in stored["months"]],
                             "interests": InterestSummary(**stored["interests"])})


def cluster_figures(cluster: Cluster, today: date | None = None) -> ClusterFigures:
    months = last_months(today=today)
    members = member_ids(cluster.id)
    monthly, totals = _by_month(cluster.id, members, months)
    return ClusterFigures(
        months=months, monthly=monthly, totals=totals,
        listing_statuses=listing_statuses(members), interests=interest_summary(members),
        by_country=_grouped(_by_country_parts(cluster.id, members)),
        by_sector=_grouped(_by_sector_parts(cluster.id, members)),
        meta_clusters=meta_cluster_count(cluster))


# --- By month -------------------------------------------------------------------------------------

def _series(code: str):
    # Inlined rather than bound: PostgreSQL cannot type a bare parameter in a UNION's select list.
    return literal_column(f"'{code}'")


def _count_by_month(code: str, moment, *where):
    month = month_of(moment)
    return select(_series(code), month, func.count()).where(*where).group_by(month)


def _by_month(cluster_id: int, members, months: list[date]) -> tuple[dict[str, list[int]], dict[str, int]]:
    sent, received = Interest.sender_company_id.in_(members), Interest.recipient_company_id.in_(members)
    joined = (select(PartnershipMember.partnership_id,
                     func.min(func.coalesce(PartnershipMember.answered_at, PartnershipMember.created_at)).label("at"))
              .where(PartnershipMember.status == MEMBER,
                     or_(PartnershipMember.cluster_id == cluster_id, PartnershipMember.company_id.in_(members)))
              .group_by(PartnershipMember.partnership_id).subquery())
    outcome_month = month_of(Outcome.occurred_on)
    parts = [
        _count_by_month("members", func.coalesce(ClusterMembership.decided_at, ClusterMembership.requested_at),
                        ClusterMembership.cluster_id == cluster_id, ClusterMembership.status == MEMBERSHIP_ACCEPTED),
        _count_by_month("listings", Listing.published_at, Listing.company_id.in_(members),
                        Listing.published_at.is_not(None)),
        _count_by_month("interests-sent", Interest.created_at, sent),
        _count_by_month("interests-received", Interest.created_at, received),
        _count_by_month("interests-accepted", Interest.created_at, or_(sent, received), Interest.status == ACCEPTED),
        _count_by_month("conversations", Conversation.created_at,
                        or_(Conversation.company_a_id.in_(members), Conversation.company_b_id.in_(members))),
        select(_series("partnerships"), month_of(joined.c.at), func.count()).group_by(month_of(joined.c.at)),
        select(Outcome.kind, outcome_month, func.count())
        .where(outcome_condition(cluster_id, members)).group_by(Outcome.kind, outcome_month),
    ]
    keys = {month_key(month): index for index, month in enumerate(months)}
    monthly = {code: [0] * len(months) for code in MONTHLY_SERIES}
    totals = dict.fromkeys(MONTHLY_SERIES, 0)
    for code, month, count in db.session.execute(union_all(*parts)):
        if code not in totals:
            continue
        totals[code] += count
        if month in keys:
            monthly[code][keys[month]] += count
    return monthly, totals


def outcome_condition(cluster_id: int, members):
    """Outcomes the cluster took part in: recorded by it or a member, or on a subject they are in."""
    partnerships = select(PartnershipMember.partnership_id).where(
        PartnershipMember.cluster_id == cluster_id, PartnershipMember.status == MEMBER)
    conditions = [Outcome.company_id.in_(members), Outcome.cluster_id == cluster_id,
                  (Outcome.subject_type == "partnership") & Outcome.subject_id.in_(partnerships)]
    for subject in SUBJECTS.values():
        if subject.involved is not None:
            conditions.append((Outcome.subject_type == subject.type) & Outcome.subject_id.in_(subject.involved(members)))
    return or_(*conditions)


# --- Totals ---------------------------------------------------------------------------------------

def listing_statuses(members) -> dict[str, int]:
    """Member listings by the status a person sees: a published listing past its date counts as expired."""
    now = utcnow()
    expired = func.sum(case((Listing.expires_at <= now, 1), else_=0))
    counts = dict.fromkeys(("draft", "pending", "published", "expired", "rejected", "withdrawn"), 0)
    rows = db.session.execute(select(Listing.status, func.count(), expired)
                              .where(Listing.company_id.in_(members)).group_by(Listing.status))
    for status, count, past in rows:
        if status == PUBLISHED:
            counts["published"] += count - (past or 0)
            counts["expired"] += past or 0
        else:
            counts[status] = counts.get(status, 0) + count
    return counts


def interest_summary(members) -> InterestSummary:
    sent, received = Interest.sender_company_id.in_(members), Interest.recipient_company_id.in_(members)
    answered = and_(received, Interest.decided_at.is_not(None))

    def how_many(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = db.session.execute(select(
        how_many(sent), how_many(received), how_many(and_(sent, Interest.status == ACCEPTED)),
        how_many(and_(received, Interest.status == ACCEPTED)), how_many(answered),
        func.avg(case((answered, days_between(Interest.created_at, Interest.decided_at)))),
        how_many(Interest.sender_listing_id.is_not(None)),
    ).where(or_(sent, received))).one()
    return InterestSummary(sent=row[0], received=row[1], sent_accepted=row[2], received_accepted=row[3],
                           received_answered=row[4], answer_days=float(row[5]) if row[5] is not None else None,
                           from_matches=row[6])


def meta_cluster_count(cluster: Cluster) -> int:
    """Meta-clusters the cluster is in, as Partnership.is_meta_cluster defines them: the cluster and at
    least one cluster of another country active in it, every active cluster member working in its sector."""
    other, other_cluster = aliased(PartnershipMember), aliased(Cluster)
    anyone = aliased(PartnershipMember)
    in_it = select(PartnershipMember.partnership_id).where(
        PartnershipMember.cluster_id == cluster.id, PartnershipMember.status == MEMBER)
    foreign_cluster = (select(other.id).join(other_cluster, other_cluster.id == other.cluster_id)
                       .where(other.partnership_id == Partnership.id, other.status == MEMBER,
                              other_cluster.country != cluster.country).exists())
    outside_sector = (select(anyone.id).where(
        anyone.partnership_id == Partnership.id, anyone.status == MEMBER, anyone.cluster_id.is_not(None),
        ~select(ClusterSector.cluster_id).where(ClusterSector.cluster_id == anyone.cluster_id,
                                               ClusterSector.sector == Partnership.sector).exists()).exists())
    return db.session.scalar(select(func.count()).select_from(Partnership).where(
        Partnership.id.in_(in_it), foreign_cluster, ~outside_sector)) or 0


# --- By partner country and by sector ---------------------------------------------------------------

def _grouped(parts) -> dict[str, dict[str, int]]:
    """Rows (series, key, count) of a UNION ALL summed into key → series → count."""
    grouped: dict[str, dict[str, int]] = defaultdict(dict)
    for code, key, count in db.session.execute(union_all(*parts)):
        if key is not None:
            grouped[key][code] = grouped[key].get(code, 0) + count
    return dict(grouped)


def _count_by(code: str, key, *where, source=None, joins=()):
    query = select(_series(code), key, func.count())
    if source is not None:
        query = query.select_from(source)
    for target, on in joins:
        query = query.join(target, on)
    return query.where(*where).group_by(key)


def _by_country_parts(cluster_id: int, members):
    """Members by their country; contacts by the country of the company (or cluster) on the other side."""
    sent, received = Interest.sender_company_id.in_(members), Interest.recipient_company_id.in_(members)
    partner = aliased(Company)
    side_a, side_b = Conversation.company_a_id.in_(members), Conversation.company_b_id.in_(members)
    other_company, other_cluster = aliased(Company), aliased(Cluster)
    partner_country = func.coalesce(other_company.country, other_cluster.country)
    partnerships = (
        select(_series("partnerships"), partner_country, func.count(PartnershipMember.partnership_id.distinct()))
        .select_from(PartnershipMember).outerjoin(other_company, other_company.id == PartnershipMember.company_id)
        .outerjoin(other_cluster, other_cluster.id == PartnershipMember.cluster_id)
        .where(PartnershipMember.partnership_id.in_(joined_partnership_ids(cluster_id, members)),
               PartnershipMember.status == MEMBER,
               or_(PartnershipMember.company_id.is_(None), PartnershipMember.company_id.not_in(members)),
               or_(PartnershipMember.cluster_id.is_(None), PartnershipMember.cluster_id != cluster_id))
        .group_by(partner_country))
    parts = [_count_by("members", Company.country, Company.id.in_(members)), partnerships]
    for code, extra in (("interests", ()), ("interests-accepted", (Interest.status == ACCEPTED,))):
        parts.append(_count_by(code, partner.country, sent, *extra, source=Interest,
                               joins=[(partner, partner.id == Interest.recipient_company_id)]))
        parts.append(_count_by(code, partner.country, received, *extra, source=Interest,
                               joins=[(partner, partner.id == Interest.sender_company_id)]))
    parts.append(_count_by("conversations", partner.country, side_a, source=Conversation,
                           joins=[(partner, partner.id == Conversation.company_b_id)]))
    parts.append(_count_by("conversations", partner.country, side_b, ~side_a, source=Conversation,
                           joins=[(partner, partner.id == Conversation.company_a_id)]))
    return parts


def _by_sector_parts(cluster_id: int, members):
    """Members by their sectors (a company may have several), active listings by kind, contacts by sector."""
    now = utcnow()
    sent, received = Interest.sender_company_id.in_(members), Interest.recipient_company_id.in_(members)
    return [
        _count_by("members", CompanySector.sector, CompanySector.company_id.in_(members)),
        select(Listing.kind, Listing.sector, func.count())
        .where(Listing.company_id.in_(members), Listing.status == PUBLISHED, Listing.expires_at > now)
        .group_by(Listing.kind, Listing.sector),
        _count_by("interests", Listing.sector, or_(sent, received), source=Interest,
                  joins=[(Listing, Listing.id == Interest.listing_id)]),
        _count_by("partnerships", Partnership.sector, Partnership.id.in_(joined_partnership_ids(cluster_id, members))),
    ]
