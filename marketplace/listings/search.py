"""The public search of listings: filters from the query string, full text, facets with live counts.

Every state of the page lives in the query string (PRODUCT.md's stable names): q, kind, sector,
country, type, size, cluster, lang, posted, sort, page. Unknown values are dropped and reported.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from sqlalchemy import Integer, Select, case, cast, func, literal, select, union_all
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


def _facet_conditions(filters: SearchFilters) -> dict[str, object]:
    """The condition of every facet filter that is set, by facet name (text and activity apart)."""
    conditions: dict[str, object] = {}
    if filters.kind:
        conditions["kind"] = Listing.kind == filters.kind
    if filters.sector:
        conditions["sector"] = Listing.sector == filters.sector
    if filters.country:
        conditions["country"] = Company.country == filters.country
    if filters.size:
        conditions["size"] = Company.size_class == filters.size
    if filters.lang:
        conditions["lang"] = Listing.language == filters.lang
    if filters.posted:
        conditions["posted"] = Listing.published_at >= utcnow() - timedelta(days=filters.posted)
    if filters.type:
        conditions["type"] = Listing.id.in_(
            select(ListingCooperationType.listing_id).where(ListingCooperationType.cooperation_type == filters.type))
    if filters.cluster:
        conditions["cluster"] = Listing.company_id.in_(
            select(ClusterMembership.company_id).join(Cluster)
            .where(Cluster.slug == filters.cluster, ClusterMembership.status == MEMBERSHIP_ACCEPTED))
    return conditions


def _restrict_text(statement: Select, filters: SearchFilters) -> tuple[Select, object | None]:
    """Active listings matching the text; returns the statement and the text rank (None without text)."""
    statement = statement.where(active_condition())
    query = filters.query
    if query:
        return LISTING_INDEX.apply(statement, _dialect(), query, Listing.id)
    return statement, None


def _restrict(statement: Select, filters: SearchFilters) -> tuple[Select, object | None]:
    """Apply every filter to a statement over Listing joined to Company; returns it and the text rank."""
    statement, rank = _restrict_text(statement, filters)
    conditions = _facet_conditions(filters)
    return (statement.where(*conditions.values()) if conditions else statement), rank


restrict = _restrict  # the public name, for saved-search alerts and feeds

_FACET_COLUMNS = {"kind": Listing.kind, "sector": Listing.sector, "lang": Listing.language,
                  "country": Company.country, "size": Company.size_class}


def _figures(filters: SearchFilters) -> dict:
    """The total, and for each facet the counts over the results with every *other* filter applied.

    The text search and the joins run once: the rows matching the text are materialised with one
    flag per facet filter, and the total and every facet's counts are cheap passes over them
    (at 100,000 listings, eight passes over the base tables cost a second).
    """
    conditions = _facet_conditions(filters)
    flags = {facet: case((condition, 1), else_=0) for facet, condition in conditions.items()}
    candidates, _ = _restrict_text(
        select(Listing.id, Listing.company_id, Listing.published_at, *_FACET_COLUMNS.values(),
               *(flag.label(f"m_{facet}") for facet, flag in flags.items()))
        .join(Company, Company.id == Listing.company_id), filters)
    if len(conditions) > 1:  # a row failing two filters counts nowhere
        candidates = candidates.where(sum(flags.values()) >= len(conditions) - 1)
    matched = candidates.cte("matched").prefix_with("MATERIALIZED")

    def passing(*, but: str | None = None) -> list:
        return [matched.c[f"m_{facet}"] == 1 for facet in conditions if facet != but]

    def row(facet: str, value, source, group_by=None, where=()):
        part = (select(literal(facet).label("facet"), value.label("value"), func.count().label("n"))
                .select_from(source).where(*passing(but=facet), *where))
        return part.group_by(group_by) if group_by is not None else part

    parts = [row("total", literal(""), matched)]
    for facet, column in _FACET_COLUMNS.items():
        own = matched.c[column.key]
        parts.append(row(facet, own, matched, group_by=own))
    kind_of = ListingCooperationType.cooperation_type
    parts.append(row("type", kind_of, matched.join(ListingCooperationType,
                                                   ListingCooperationType.listing_id == matched.c.id),
                     group_by=kind_of))
    # Listings per company first: joined row by row, the planner probes every cluster's members in turn.
    per_company = (select(matched.c.company_id, func.count().label("n")).where(*passing(but="cluster"))
                   .group_by(matched.c.company_id).subquery())
    members = per_company.join(ClusterMembership, ClusterMembership.company_id == per_company.c.company_id)
    parts.append(select(literal("cluster").label("facet"), Cluster.slug.label("value"),
                        cast(func.sum(per_company.c.n), Integer).label("n"))
                 .select_from(members.join(Cluster, Cluster.id == ClusterMembership.cluster_id))
                 .where(ClusterMembership.status == MEMBERSHIP_ACCEPTED).group_by(Cluster.slug))
    now = utcnow()
    parts += [row("posted", literal(str(days)), matched, where=[matched.c.published_at >= now - timedelta(days=days)])
              for days in POSTED_WITHIN]
    total = 0
    facets: dict[str, list] = {facet: [] for facet in FACETS}
    for facet, value, count in db.session.execute(union_all(*parts)):
        if facet == "total":
            total = count
        elif count:
            facets[facet].append((value, count))
    for facet, rows in facets.items():
        if facet != "posted":
            rows.sort(key=lambda row: (-row[1], row[0]))
    return {"total": total, "facets": facets}


def search(filters: SearchFilters, per_page: int) -> ResultPage:
    """One page of results, the total and the facets; the figures may be CACHE_TTL seconds old."""
    figures = cached(filters.cache_key(), lambda: _figures(filters))
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
