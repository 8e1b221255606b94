"""Saved searches as query strings: normalise /listings filters, describe them in words, find their listings."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qsl, urlencode

from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, lazyload
from werkzeug.datastructures import MultiDict

from .. import reference
from ..clusters.models import Cluster
from ..companies.models import Company
from ..extensions import db
from ..listings.models import Listing
from ..listings.search import SearchFilters, parse_filters, restrict

# The filters of PRODUCT.md's /listings address, in the order a saved search stores them;
# page and sort are how a result is shown, not what is searched, so they are left out.
FIELDS = ("q", "kind", "sector", "country", "type", "size", "cluster", "lang", "posted")
# A query string longer than this is no search a person made (the longest real one is ~3,000).
QUERY_INPUT_MAX = 4000
SEPARATOR = " · "

KIND_PLURALS = {"offer": _l("Offers"), "request": _l("Requests")}


def query_args(filters: SearchFilters) -> dict[str, str]:
    """The search's filters as /listings query arguments, without page and sort."""
    return {name: str(getattr(filters, name)) for name in FIELDS if getattr(filters, name)}


def normalise(filters: SearchFilters) -> str:
    """One spelling per search, so the same search saved twice is recognised."""
    return urlencode(list(query_args(filters).items()))


def _printable(value: str) -> str:
    # A query string decoded twice may hold control characters (even NUL, which PostgreSQL refuses).
    return "".join(ch for ch in value if ch >= " " and ch != "\x7f")


def filters_from(query_string: str) -> SearchFilters:
    """Parse a stored or submitted query string exactly as /listings parses its own."""
    pairs = parse_qsl((query_string or "")[:QUERY_INPUT_MAX])
    return parse_filters(MultiDict([(key, _printable(value)) for key, value in pairs if key in FIELDS]))


def _cluster_name(slug: str) -> str:
    return db.session.scalar(select(Cluster.name).where(Cluster.slug == slug)) or slug


def describe(filters: SearchFilters) -> str:
    """The search in words, in the reader's language: "pellets · Wood industry · Austria"."""
    parts: list[str] = []
    if filters.q:
        parts.append(filters.q)
    if filters.kind:
        parts.append(str(KIND_PLURALS.get(filters.kind, filters.kind)))
    if filters.sector:
        parts.append(str(reference.SECTORS.get(filters.sector, filters.sector)))
    if filters.country:
        parts.append(reference.country_name(filters.country))
    if filters.type:
        parts.append(str(reference.COOPERATION_TYPES.get(filters.type, filters.type)))
    if filters.size:
        parts.append(_("%(size)s companies", size=reference.SIZE_SHORT.get(filters.size, filters.size)))
    if filters.cluster:
        parts.append(_("Members of %(cluster)s", cluster=_cluster_name(filters.cluster)))
    if filters.lang:
        parts.append(_("Written in %(language)s", language=reference.language_name(filters.lang)))
    if filters.posted:
        parts.append(ngettext("Posted within %(num)d day", "Posted within %(num)d days", filters.posted))
    return SEPARATOR.join(parts) if parts else _("All offers and requests")


def _matching(columns, filters: SearchFilters) -> Select:
    statement, _rank = restrict(select(columns).join(Company, Company.id == Listing.company_id), filters)
    return statement


def newest(filters: SearchFilters, limit: int, after: datetime | None = None,
           until: datetime | None = None) -> list[Listing]:
    """The newest active listings of the search, optionally only those published in (after, until]."""
    statement = _matching(Listing, filters)
    if after is not None:
        statement = statement.where(Listing.published_at > after)
    if until is not None:
        statement = statement.where(Listing.published_at <= until)
    statement = (statement.options(contains_eager(Listing.company), lazyload(Listing.keyword_rows),
                                   lazyload(Listing.country_rows))
                 .order_by(Listing.published_at.desc(), Listing.id.desc()).limit(limit))
    return list(db.session.scalars(statement))


def count_between(filters: SearchFilters, after: datetime, until: datetime) -> int:
    statement = _matching(Listing.id, filters).where(Listing.published_at > after, Listing.published_at <= until)
    return db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
