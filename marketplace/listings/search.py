"""The public search of listings: filters from the query string, full text, facets with live counts.

Every state of the page lives in the query string (PRODUCT.md's stable names): q, kind, sector,
country, type, size, cluster, lang, posted, sort, page. Unknown values are dropped and reported.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from sqlalchemy import Select, func, literal, select, union_all
from sqlalchemy.orm import contains_eager, lazyload

from .. import reference
from ..cache import cached
from ..clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterMembership
from ..companies.filters import known_value, parse_page
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from ..search.results import ResultPage
from ..search.text import Query, parse
from .models import KINDS, LISTING_INDEX, Listing, ListingCooperationType
from .queries import active_condition

POSTED_WITHIN = (7, 30, 90, 365)
SORTS = ("relevance", "newest")
FACETS = ("kind", "sector", "country", "type", "size", "cluster", "lang", "posted")
MAX_Q = 200


@dataclass
class SearchFilters:
    q: str = ""
    kind: str | None = None
    sector: str | None = None
    country: str | None = None
    type: str | None = None
    size: str | None = None
    cluster: str | None = None
    lang: str | None = None
    posted: int | None = None
    sort: str = "relevance"
    page: int = 1
    ignored: list[str] = field(default_factory=list)

    @property
    def query(self) -> Query:
        return parse(self.q)

    @property
    def active(self) -> bool:
        return bool(self.q) or any(getattr(self, name) for name in FACETS)

    def without(self, facet: str) -> "SearchFilters":
        values = {k: v for k, v in asdict(self).items() if k != "ignored"}
        values[facet] = None
        return SearchFilters(**values)

    def cache_key(self) -> str:
        state = {k: v for k, v in asdict(self).items() if k not in ("page", "sort", "ignored")}
        return "listings:" + hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:32]


def _cluster_slug(args, ignored: list[str]) -> str | None:
    slug = (args.get("cluster") or "").strip()[:100]
    if not slug:
        return None
    if db.session.scalar(select(Cluster.id).where(Cluster.slug == slug)) is None:
        ignored.append("cluster")
        return None
    return slug


def parse_filters(args) -> SearchFilters:
    ignored: list[str] = []
    posted = known_value(args, "posted", {str(days) for days in POSTED_WITHIN}, ignored)
    sort = known_value(args, "sort", SORTS, ignored) or "relevance"
    return SearchFilters(
        q=" ".join((args.get("q") or "").split())[:MAX_Q],
        kind=known_value(args, "kind", KINDS, ignored),
        sector=known_value(args, "sector", reference.SECTORS, ignored),
        country=known_value(args, "country", reference.COUNTRY_CODES, ignored),
        type=known_value(args, "type", reference.COOPERATION_TYPES, ignored),
        size=known_value(args, "size", reference.SIZE_CLASSES, ignored),
        cluster=_cluster_slug(args, ignored),
        lang=known_value(args, "lang", reference.CONTENT_LANGUAGES, ignored),
        posted=int(posted) if posted else None,
        sort=sort,
        page=parse_page(args),
        ignored=ignored,
    )


def _dialect() -> str:
    return db.engine.dialect.name


def _restrict(statement: Select, filters: SearchFilters) -> tuple[Select, object | None]:
    """Apply every filter to a statement over Listing joined to Company; returns it and the text rank."""
    statement = statement.where(active_condition())
    rank = None
    query = filters.query
    if query:
        statement, rank = LISTING_INDEX.apply(statement, _dialect(), query, Listing.id)
    if filters.kind:
        statement = statement.where(Listing.kind == filters.kind)
    if filters.sector:
        statement = statement.where(Listing.sector == filters.sector)
    if filters.country:
        statement = statement.where(Company.country == filters.country)
    if filters.size:
        statement = statement.where(Company.size_class == filters.size)
    if filters.lang:
        statement = statement.where(Listing.language == filters.lang)
    if filters.posted:
        statement = statement.where(Listing.published_at >= utcnow() - timedelta(days=filters.posted))
    if filters.type:
        statement = statement.where(Listing.id.in_(
            select(ListingCooperationType.listing_id).where(ListingCooperationType.cooperation_type == filters.type)))
    if filters.cluster:
        statement = statement.where(Listing.company_id.in_(
            select(ClusterMembership.company_id).join(Cluster)
            .where(Cluster.slug == filters.cluster, ClusterMembership.status == MEMBERSHIP_ACCEPTED)))
    return statement, rank


restrict = _restrict  # the public name, for saved-search alerts and feeds


def _base() -> Select:
    return select(Listing.id).join(Company, Company.id == Listing.company_id)


def _facet_counts(filters: SearchFilters) -> dict:
    """For each facet, counts over the results with every *other* filter applied, in one statement."""
    parts = []
    for facet in FACETS:
        narrowed, _ = _restrict(_base(), filters.without(facet))
        ids = narrowed.subquery()
        if facet == "type":
            value = ListingCooperationType.cooperation_type
            part = select(literal(facet).label("facet"), value.label("value"), func.count().label("n")).select_from(
                ids.join(ListingCooperationType, ListingCooperationType.listing_id == ids.c.id)).group_by(value)
        elif facet == "cluster":
            part = (select(literal(facet).label("facet"), Cluster.slug.label("value"), func.count().label("n"))
                    .select_from(ids.join(Listing, Listing.id == ids.c.id)
                                 .join(ClusterMembership, ClusterMembership.company_id == Listing.company_id)
                                 .join(Cluster, Cluster.id == ClusterMembership.cluster_id))
                    .where(ClusterMembership.status == MEMBERSHIP_ACCEPTED).group_by(Cluster.slug))
        elif facet == "posted":
            now = utcnow()
            buckets = [select(literal(facet).label("facet"), literal(str(days)).label("value"),
                              func.count().label("n"))
                       .select_from(ids.join(Listing, Listing.id == ids.c.id))
                       .where(Listing.published_at >= now - timedelta(days=days)) for days in POSTED_WITHIN]
            parts.extend(buckets)
            continue
        else:
            column = {"kind": Listing.kind, "sector": Listing.sector, "lang": Listing.language,
                      "country": Company.country, "size": Company.size_class}[facet]
            part = (select(literal(facet).label("facet"), column.label("value"), func.count().label("n"))
                    .select_from(ids.join(Listing, Listing.id == ids.c.id).join(Company, Company.id == Listing.company_id))
                    .group_by(column))
        parts.append(part)
    facets: dict[str, list] = {facet: [] for facet in FACETS}
    for facet, value, count in db.session.execute(union_all(*parts)):
        if count:
            facets[facet].append((value, count))
    for facet, rows in facets.items():
        if facet != "posted":
            rows.sort(key=lambda row: (-row[1], row[0]))
    return facets


def _total(filters: SearchFilters) -> int:
    narrowed, _ = _restrict(_base(), filters)
    return db.session.scalar(select(func.count()).select_from(narrowed.subquery())) or 0


def search(filters: SearchFilters, per_page: int) -> ResultPage:
    """One page of results, the total and the facets; the figures may be CACHE_TTL seconds old."""
    figures = cached(filters.cache_key(), lambda: {"total": _total(filters), "facets": _facet_counts(filters)})
    statement, rank = _restrict(
        select(Listing).join(Company, Company.id == Listing.company_id), filters)
    order = [Listing.published_at.desc(), Listing.id.desc()]
    if rank is not None and filters.sort == "relevance":
        order.insert(0, rank.desc())
    page = filters.page
    items = list(db.session.scalars(
        statement.options(contains_eager(Listing.company).lazyload(Company.language_rows),
                          contains_eager(Listing.company).lazyload(Company.sector_rows),
                          lazyload(Listing.keyword_rows), lazyload(Listing.country_rows))
        .order_by(*order).limit(per_page).offset((page - 1) * per_page)))
    facets = {name: [tuple(row) for row in rows] for name, rows in figures["facets"].items()}
    return ResultPage(items=items, total=figures["total"], page=page, per_page=per_page, facets=facets)


def cluster_names(rows: list[tuple[str, int]]) -> dict[str, str]:
    slugs = [slug for slug, _ in rows]
    if not slugs:
        return {}
    return dict(db.session.execute(select(Cluster.slug, Cluster.name).where(Cluster.slug.in_(slugs))).all())
