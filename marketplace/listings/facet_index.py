"""Live facet counts of the listing search from bitsets that each worker process keeps.

Counting facets in SQL means reading every active listing for a broad filter (a second per
browse at 100,000 listings). Here every active listing has a position, newest first, and every
facet value a bitset of the positions that have it: a facet's counts are then an AND and a
popcount per value, microseconds each. The text search stays in the database's engine; its
matching ids become one more bitset.

A commit that changes what the index holds (a listing's state or facets, a company's country,
size or visibility, a cluster membership) sets a new version in the shared cache; each process
rebuilds when it sees a new version or when its index is older than CACHE_TTL, which catches
listings expiring. A build takes about half a second at 100,000 listings, so a process rebuilds
at most every FACET_INDEX_MIN_AGE seconds: a busy hour of edits must not become a busy hour of
rebuilding. "Posted within" is cut at query time from the publication dates, never stale.
"""
from __future__ import annotations

import secrets
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable

from flask import current_app, has_app_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ..clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterMembership
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from .models import Listing, ListingCooperationType
from .queries import active_condition

# Facet → the facet value read from each listing's row; "type" and "cluster" come from their own tables.
ROW_FACETS = ("kind", "sector", "country", "size", "lang")
VERSION_KEY = "listing-facet-index:version"
VERSION_TTL = 7 * 24 * 3600
# What the index reads, by model: a change of any of these attributes (or a row added or deleted) outdates it.
INDEXED = {Listing: ("status", "published_at", "expires_at", "kind", "sector", "language", "company_id"),
           Company: ("country", "size_class", "is_published", "suspended_at"),
           ClusterMembership: ("status", "company_id", "cluster_id"),
           ListingCooperationType: ("cooperation_type", "listing_id"),
           Cluster: ("slug",)}


def bitset(positions: Iterable[int], size: int) -> int:
    """The int whose bit p is set for every position p (built in a bytearray: OR-ing ints copies them)."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


@dataclass
class FacetIndex:
    ids: list[int]                        # position → listing id; position 0 is the newest listing
    positions: dict[int, int]             # listing id → position
    newest_first: list[float]             # position → minus the publication time, ascending
    masks: dict[str, dict[str, int]]      # facet → value → bitset of positions
    everything: int
    version: str | None = None
    built_at: float = field(default_factory=time.monotonic)

    @classmethod
    def build(cls, now: datetime | None = None, version: str | None = None) -> FacetIndex:
        # Core rows, not ORM ones: at 100,000 listings the ORM's per-row work is a third of the build.
        connection = db.session.connection()
        rows = connection.execute(
            select(Listing.id, Listing.company_id, Listing.published_at, Listing.kind, Listing.sector,
                   Company.country, Company.size_class, Listing.language)
            .join(Company, Company.id == Listing.company_id).where(active_condition(now))
            .order_by(Listing.published_at.desc(), Listing.id.desc())).all()
        size = len(rows)
        columns = list(zip(*rows)) or [()] * 8
        ids, company_ids, published = columns[0], columns[1], columns[2]
        positions = {listing_id: position for position, listing_id in enumerate(ids)}
        found: dict[str, dict[str, list[int]]] = {"type": {}, "cluster": {}}
        for facet, values in zip(ROW_FACETS, columns[3:]):
            found[facet] = groups = {}
            for position, value in enumerate(values):
                groups.setdefault(value, []).append(position)
        by_company: dict[int, list[int]] = {}
        for position, company_id in enumerate(company_ids):
            by_company.setdefault(company_id, []).append(position)
        for listing_id, code in connection.execute(
                select(ListingCooperationType.listing_id, ListingCooperationType.cooperation_type)):
            if listing_id in positions:
                found["type"].setdefault(code, []).append(positions[listing_id])
        for company_id, slug in connection.execute(
                select(ClusterMembership.company_id, Cluster.slug).join(Cluster)
                .where(ClusterMembership.status == MEMBERSHIP_ACCEPTED)):
            found["cluster"].setdefault(slug, []).extend(by_company.get(company_id, ()))
        masks = {facet: {value: bitset(members, size) for value, members in values.items() if value is not None}
                 for facet, values in found.items()}
        newest_first = [-(moment.timestamp() if moment else 0.0) for moment in published]
        return cls(list(ids), positions, newest_first, masks, (1 << size) - 1, version)

    def of_ids(self, ids: Iterable[int]) -> int:
        """The bitset of those ids that are active listings (others are ignored)."""
        positions = self.positions
        return bitset((positions[i] for i in ids if i in positions), len(positions))

    def posted_since(self, moment: datetime) -> int:
        """Listings published at or after `moment`: a run of the newest positions."""
        return (1 << bisect_right(self.newest_first, -moment.timestamp())) - 1

    def posted_masks(self, days: Iterable[int], now: datetime) -> dict[str, int]:
        return {str(d): self.posted_since(now - timedelta(days=d)) for d in days}

    @staticmethod
    def narrowed(within: int, masks: Iterable[int]) -> int:
        """The positions of `within` that are in every one of `masks`."""
        for mask in masks:
            within &= mask
        return within

    def facet_counts(self, within: int, chosen: dict[str, int], facets: dict[str, dict[str, int]]) -> dict:
        """Per facet, the count of each value with every *other* chosen filter applied.

        `within` limits everything (the text's matches or all); `chosen` holds the bitset of each
        facet filter that is set; `facets` the values to count, by facet.
        """
        counted: dict[str, list[tuple[str, int]]] = {}
        for facet, values in facets.items():
            others = self.narrowed(within, (mask for name, mask in chosen.items() if name != facet))
            counted[facet] = [(value, n) for value, mask in values.items() if (n := (others & mask).bit_count())]
        return counted

    def page(self, mask: int, offset: int, limit: int) -> list[int]:
        """Positions of the set bits from the offset-th on, at most `limit`: a page, newest first."""
        bits = format(mask, "b")[::-1]  # bit p at index p
        found, at = [], -1
        for _ in range(offset + limit):
            at = bits.find("1", at + 1)
            if at < 0:
                break
            found.append(at)
        return found[offset:]


def _shared_version() -> str | None:
    return current_app.extensions["marketplace_cache"].get(VERSION_KEY)


def current_index() -> FacetIndex:
    """This process's index, rebuilt after a change or when older than CACHE_TTL (always, when caching is off)."""
    config = current_app.config
    ttl = config["CACHE_TTL"]
    holder = current_app.extensions.setdefault("listing_facet_index", {})
    index = holder.get("index")
    if index is None or ttl <= 0:
        index = holder["index"] = FacetIndex.build(utcnow(), _shared_version() if ttl > 0 else None)
        return index
    age = time.monotonic() - index.built_at
    if age < config["FACET_INDEX_MIN_AGE"]:
        return index
    version = _shared_version()
    if age > ttl or index.version != version:
        index = holder["index"] = FacetIndex.build(utcnow(), version)
    return index


def _outdates_index(instance, deleted: bool = False) -> bool:
    attributes = INDEXED.get(type(instance))
    if attributes is None:
        return False
    state = inspect(instance)
    return deleted or state.pending or any(state.attrs[name].history.has_changes() for name in attributes)


@event.listens_for(Session, "before_flush")
def _note_changes(session, _context, _instances) -> None:
    if session.info.get("facet_index_outdated"):
        return
    if any(_outdates_index(o) for o in session.new) or any(_outdates_index(o) for o in session.dirty) \
            or any(_outdates_index(o, deleted=True) for o in session.deleted):
        session.info["facet_index_outdated"] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement_changes(state) -> None:
    """UPDATE and DELETE statements (a moderator's decision is one) bypass the flush."""
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ in INDEXED:
        state.session.info["facet_index_outdated"] = True


@event.listens_for(Session, "after_commit")
def _publish_new_version(session) -> None:
    if session.info.pop("facet_index_outdated", False) and has_app_context():
        current_app.extensions["marketplace_cache"].set(VERSION_KEY, secrets.token_hex(8), VERSION_TTL)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session) -> None:
    session.info.pop("facet_index_outdated", None)
