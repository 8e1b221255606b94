"""The URLs the benchmark requests: hundreds of distinct searches and listings across the whole table."""
from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import func, select

from .. import reference
from ..accounts.models import User
from ..clusters.models import Cluster, ClusterManager
from ..companies.models import Company
from ..extensions import db
from ..listings.models import KINDS, Listing, ListingKeyword
from ..listings.queries import active_condition

FACET_VALUES = {
    "kind": list(KINDS),
    "sector": list(reference.SECTORS),
    "country": list(reference.PARTNER_COUNTRIES),
    "type": list(reference.COOPERATION_TYPES),
    "size": ["micro", "small", "medium"],
    "lang": ["en", "de", "pl", "cs", "sk", "sl", "hu", "it"],
}


@dataclass
class Workload:
    search: list[str]
    browse: list[str]
    listing: list[str]
    matches: list[str]
    healthz: list[str]
    figures: list[str]        # a cluster's dashboard, for the manager who signs in to see it
    observatory: list[str]
    manager_email: str | None = None


def _facets(rng: random.Random, count: int) -> dict[str, str]:
    names = rng.sample(sorted(FACET_VALUES), count)
    return {name: rng.choice(FACET_VALUES[name]) for name in names}


def build(rng: random.Random, distinct: int = 600) -> Workload:
    """Read words and ids from the loaded database; every list holds at least `distinct` different URLs."""
    keywords = list(db.session.scalars(
        select(ListingKeyword.keyword).group_by(ListingKeyword.keyword)
        .order_by(func.count().desc()).limit(400)))
    ids = list(db.session.scalars(
        select(Listing.id).join(Company, Company.id == Listing.company_id).where(active_condition())))
    if not keywords or not ids:
        raise SystemExit("the benchmark database holds no active listings")
    search, browse = set(), set()
    while len(search) < distinct:
        words = " ".join(rng.sample(keywords, rng.choice((1, 1, 2))))
        search.add("/listings?" + urlencode({"q": words[:60], **_facets(rng, 2)}))
    while len(browse) < distinct:
        params = _facets(rng, rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.3:
            params["page"] = str(rng.randint(2, 5))
        browse.add("/listings?" + urlencode(params))
    sample = rng.sample(ids, min(len(ids), distinct * 4))
    return Workload(
        search=sorted(search), browse=sorted(browse),
        listing=[f"/listings/{i}" for i in sample],
        matches=[f"/listings/{i}/matches" for i in sample[:distinct * 2]],
        healthz=["/healthz"],
        observatory=["/observatory"],
        **_cluster_manager(),
    )


def _cluster_manager() -> dict:
    """The first confirmed demo manager and the dashboards of the clusters they manage."""
    rows = db.session.execute(
        select(User.email, Cluster.slug).join(ClusterManager, ClusterManager.user_id == User.id)
        .join(Cluster, Cluster.id == ClusterManager.cluster_id)
        .where(User.email_confirmed_at.is_not(None), User.deleted_at.is_(None)).order_by(User.id, Cluster.id)).all()
    if not rows:
        return {"figures": [], "manager_email": None}
    email = rows[0].email
    return {"figures": [f"/clusters/{r.slug}/figures" for r in rows if r.email == email], "manager_email": email}
