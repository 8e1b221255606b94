"""Benchmarking: a cluster's figures beside the quartiles of comparable clusters, and of its consenting members.

Groups smaller than MIN_GROUP are never described (not even by their median): with fewer than
five clusters a manager could work out another cluster's figures. Other clusters are never
named; member companies are named only if they consented (Company.is_in_benchmarks).

The figures of every cluster come from four GROUP BY queries over the whole marketplace, so
they are cached for CACHE_TTL seconds (a minute by default): all managers share one computation.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, literal_column, select, union_all

from ..cache import cached
from ..clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterMembership, ClusterSector
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from ..interests.models import ACCEPTED, Interest
from ..listings.models import PUBLISHED, Listing
from .queries import member_ids

MIN_GROUP = 5
METRICS = ("members", "active-listings", "interests-sent", "interests-received", "interests-accepted")
COMPANY_METRICS = METRICS[1:]  # "members" means nothing for one company


@dataclass
class Comparison:
    """Our value of one metric beside one group; quartiles None when the group is below MIN_GROUP."""

    group: str           # "sector:<code>" or "all"
    size: int            # how many clusters (or companies) the group has
    value: float
    quartiles: tuple[float, float, float] | None


def quartiles(values: list[float]) -> tuple[float, float, float] | None:
    """(q1, median, q3) of a group of at least MIN_GROUP values, else None."""
    if len(values) < MIN_GROUP:
        return None
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def cluster_comparisons(cluster: Cluster) -> dict[str, list[Comparison]]:
    """metric → comparisons with each sector group of the cluster, then with all clusters."""
    everyone = cached("cluster-benchmark:v1", _all_cluster_figures)
    sectors, values = everyone["sectors"], everyone["values"]
    ours = str(cluster.id)
    groups = [(f"sector:{code}", [cid for cid, codes in sectors.items() if code in codes])
              for code in cluster.sectors]
    groups.append(("all", list(sectors)))
    result = {}
    for metric in METRICS:
        own = values[metric].get(ours, 0)
        result[metric] = [Comparison(name, len(ids), own, quartiles([values[metric].get(cid, 0) for cid in ids]))
                          for name, ids in groups]
    return result


def _all_cluster_figures() -> dict:
    """Every cluster's sectors and figures, keyed by cluster id as text (the cache stores JSON)."""
    sectors: dict[str, list[str]] = defaultdict(list)
    rows = db.session.execute(select(Cluster.id, ClusterSector.sector)
                              .outerjoin(ClusterSector, ClusterSector.cluster_id == Cluster.id))
    for cluster_id, sector in rows:
        sectors[str(cluster_id)] += [sector] if sector else []
    values: dict[str, dict[str, int]] = {metric: {} for metric in METRICS}
    membership = ClusterMembership.status == MEMBERSHIP_ACCEPTED
    queries = [
        select(literal_column("'members'"), ClusterMembership.cluster_id, func.count())
        .where(membership).group_by(ClusterMembership.cluster_id),
        _per_cluster("active-listings", Listing, Listing.company_id, Listing.status == PUBLISHED,
                     Listing.expires_at > utcnow()),
        _per_cluster("interests-sent", Interest, Interest.sender_company_id),
        _per_cluster("interests-received", Interest, Interest.recipient_company_id),
    ]
    for metric, cluster_id, count in db.session.execute(union_all(*queries)):
        values[metric][str(cluster_id)] = count
    values["interests-accepted"] = _accepted_per_cluster()
    return {"sectors": dict(sectors), "values": values}


def _per_cluster(metric: str, table, company_column, *where):
    return (select(literal_column(f"'{metric}'"), ClusterMembership.cluster_id, func.count())
            .select_from(table).join(ClusterMembership, ClusterMembership.company_id == company_column)
            .where(ClusterMembership.status == MEMBERSHIP_ACCEPTED, *where).group_by(ClusterMembership.cluster_id))


def _accepted_per_cluster() -> dict[str, int]:
    """Accepted interests sent or received by a cluster's members, each counted once per cluster."""
    sides = union_all(*[
        select(ClusterMembership.cluster_id.label("cluster_id"), Interest.id.label("interest_id"))
        .join(ClusterMembership, ClusterMembership.company_id == column)
        .where(ClusterMembership.status == MEMBERSHIP_ACCEPTED, Interest.status == ACCEPTED)
        for column in (Interest.sender_company_id, Interest.recipient_company_id)]).subquery()
    rows = db.session.execute(select(sides.c.cluster_id, func.count(sides.c.interest_id.distinct()))
                              .group_by(sides.c.cluster_id))
    return {str(cluster_id): count for cluster_id, count in rows}


# --- Member companies -------------------------------------------------------------------------------

@dataclass
class MemberBenchmark:
    consenting: int                                      # consenting member companies
    companies: list[tuple[Company, dict[str, int]]]      # each with its figures (empty below MIN_GROUP)
    quartiles: dict[str, tuple[float, float, float] | None]


def member_benchmark(cluster: Cluster) -> MemberBenchmark:
    """Consenting members' figures beside their quartiles; nothing about them below MIN_GROUP."""
    consenting = (select(Company).where(Company.id.in_(member_ids(cluster.id)), Company.is_in_benchmarks.is_(True))
                  .order_by(Company.name))
    companies = list(db.session.scalars(consenting))
    if len(companies) < MIN_GROUP:
        return MemberBenchmark(len(companies), [], dict.fromkeys(COMPANY_METRICS))
    ids = [company.id for company in companies]
    figures = {company_id: dict.fromkeys(COMPANY_METRICS, 0) for company_id in ids}
    queries = [
        select(literal_column("'active-listings'"), Listing.company_id, func.count())
        .where(Listing.company_id.in_(ids), Listing.status == PUBLISHED, Listing.expires_at > utcnow())
        .group_by(Listing.company_id),
    ]
    for metric, column in (("interests-sent", Interest.sender_company_id),
                           ("interests-received", Interest.recipient_company_id)):
        queries.append(select(literal_column(f"'{metric}'"), column, func.count())
                       .where(column.in_(ids)).group_by(column))
        queries.append(select(literal_column("'interests-accepted'"), column, func.count())
                       .where(column.in_(ids), Interest.status == ACCEPTED).group_by(column))
    for metric, company_id, count in db.session.execute(union_all(*queries)):
        figures[company_id][metric] += count
    return MemberBenchmark(
        len(companies), [(company, figures[company.id]) for company in companies],
        {metric: quartiles([figures[i][metric] for i in ids]) for metric in COMPANY_METRICS})
