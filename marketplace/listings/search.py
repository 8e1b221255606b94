"""The public search of listings: filters from the query string, full text, facets with live counts.

Every state of the page lives in the query string (PRODUCT.md's stable names): q, kind, sector,
country, type, size, cluster, lang, posted, sort, page. Unknown values are dropped and reported.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager, lazyload, load_only

from .. import reference
from ..clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterMembership
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from ..query_args import known_value, parse_page
from ..search.results import ResultPage
from ..search.text import Query, parse
from .facet_index import current_index
from .models import KINDS, LISTING_INDEX, Listing, ListingCooperationType
from .queries import active_condition

POSTED_WITHIN = (7, 30, 90, 365)
SORTS = ("relevance", "newest")
FACETS = ("kind", "sector", "country", "type", "size", "cluster", "lang", "posted")
MAX_Q = 200
# Up to this many results, SQLite ranks only them (by id); beyond, ranking every match in one pass costs less.
RANK_BY_ID_MAX = 2000
# What a result card shows (templates/_macros/ui.html, listing_card); the long texts and the folded search
# documents stay in the database: reading them made up a third of the time a page spent loading its listings.
CARD_COLUMNS = (Listing.kind, Listing.sector, Listing.title, Listing.summary, Listing.language, Listing.status,
                Listing.published_at, Listing.expires_at, Listing.company_id)
CARD_COMPANY_COLUMNS = (Company.country, Company.size_class)


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


def _text_matches(filters: SearchFilters) -> list[int]:
    """Every listing matching the text, any state: the facet index keeps the active ones."""
    # Core rows: a common word matches thousands of listings, and ORM rows cost more than the match.
    return LISTING_INDEX.matching_ids(db.session.connection(), filters.query)


def _text_ranks(filters: SearchFilters, ids: list[int]) -> dict[int, float]:
    """The rank of each result; of the filtered results only, unless SQLite has so many that one pass is cheaper.

    PostgreSQL takes the ids as one array and reads each ranked row's vector, so it always ranks the results only.
    """
    only = ids if len(ids) <= RANK_BY_ID_MAX or _dialect() != "sqlite" else None
    return dict(db.session.connection().execute(LISTING_INDEX.ranked(_dialect(), filters.query, only)).all())


def _chosen(filters: SearchFilters, values: dict[str, dict[str, int]]) -> dict[str, int]:
    """The bitset of every facet filter that is set (a value no listing has: nothing)."""
    return {facet: values.get(facet, {}).get(str(getattr(filters, facet)), 0)
            for facet in FACETS if getattr(filters, facet)}


def _load(ids: list[int], cards: bool = False) -> list[Listing]:
    """The listings of a page in the order given, leaving out any that stopped being active since the index.

    For `cards`, only the columns a result card shows (CARD_COLUMNS).
    """
    if not ids:
        return []
    company = contains_eager(Listing.company)
    options = [company.lazyload(Company.language_rows), company.lazyload(Company.sector_rows),
               lazyload(Listing.keyword_rows), lazyload(Listing.country_rows)]
    if cards:
        options += [load_only(*CARD_COLUMNS), company.load_only(*CARD_COMPANY_COLUMNS)]
    found = {listing.id: listing for listing in db.session.scalars(
        select(Listing).join(Company, Company.id == Listing.company_id)
        .where(Listing.id.in_(ids), active_condition()).options(*options))}
    return [found[i] for i in ids if i in found]


def search(filters: SearchFilters, per_page: int, cards: bool = False) -> ResultPage:
    """One page of results, newest first or by relevance, the total and the facets' live counts.

    The text narrows in the database's engine; facets, totals and the page's ids come from the
    facet index (facet_index.py); only the page's listings are read from their tables.
    """
    index = current_index()
    matches = _text_matches(filters) if filters.query else None
    within = index.everything if matches is None else index.of_ids(matches)
    values = {**index.masks, "posted": index.posted_masks(POSTED_WITHIN, utcnow())}
    chosen = _chosen(filters, values)
    facets = index.facet_counts(within, chosen, {facet: values.get(facet, {}) for facet in FACETS})
    for facet, rows in facets.items():
        if facet != "posted":
            rows.sort(key=lambda row: (-row[1], row[0]))
    results = index.narrowed(within, chosen.values())
    total = results.bit_count()
    offset = (filters.page - 1) * per_page
    if matches is not None and filters.sort == "relevance":
        found = [index.ids[position] for position in index.page(results, 0, total)]
        ranks = _text_ranks(filters, found)
        best = heapq.nsmallest(offset + per_page, found, key=lambda i: (-ranks.get(i, 0.0), index.positions[i]))
        ids = best[offset:]
    else:
        ids = [index.ids[position] for position in index.page(results, offset, per_page)]
    return ResultPage(items=_load(ids, cards), total=total, page=filters.page, per_page=per_page, facets=facets)


def cluster_names(rows: list[tuple[str, int]]) -> dict[str, str]:
    slugs = [slug for slug, _ in rows]
    if not slugs:
        return {}
    return dict(db.session.execute(select(Cluster.slug, Cluster.name).where(Cluster.slug.in_(slugs))).all())
