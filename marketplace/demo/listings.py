"""Demo offers and requests in every state, with their moderation history, loaded with bulk inserts.

The plan comes first (who posts what, in which state, when), then the texts are written and
inserted batch by batch in the order the listings were created, so ids grow with time and
memory stays flat for 100,000 listings. Bulk inserts bypass the ORM events, so the search
documents are computed here, exactly as listings.models.search_fields would (see
search_documents.py); SQLite's FTS5 index is then filled once, PostgreSQL's generated tsvector
column fills itself.
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy.orm import Session

from ..listings.choices import REJECTION_REASONS
from ..listings.models import (DRAFT, LISTING_INDEX, OFFER, PENDING, PUBLISHED, REJECTED, REQUEST, WITHDRAWN, Listing,
                               ListingCooperationType, ListingKeyword, ListingTargetCountry)
from ..listings.services import REMINDER_BEFORE, VALIDITY
from ..moderation.models import LISTING, ModerationAction
from ..reference import PARTNER_COUNTRIES
from .bulk import BulkInserter
from .compose import PlannedCompany
from .data_countries import COUNTRIES
from .data_listings import REJECTION_NOTES, Topic
from .listing_texts import LOCAL_LANGUAGES, TOPICS_BY_SECTOR, ListingWriter
from .search_documents import SearchDocuments

STATUS_SHARES = ((PUBLISHED, 0.70), (PENDING, 0.10), (DRAFT, 0.08), (REJECTED, 0.05), (WITHDRAWN, 0.07))
PAIR_SHARE = 0.45            # of published listings: cross-border offer/request pairs on one topic
PENDING_PER_CLUSTER = (3, 4)  # every cluster manager finds this many in the review queue
EXPIRED_SHARE = 0.07         # of the other published listings: published 12–13 months ago
EXPIRING_SHARE = 0.05        # ... and published just under a year ago: they expire within two weeks
LOCAL_LANGUAGE_SHARE = 0.35  # companies writing in their own language rather than English
ANY_COUNTRY_SHARE = 0.25
OTHER_TARGETS = ("CH", "HR", "FR", "NL", "BE", "SE", "DK", "RO", "UA", "RS")
# The rejection reasons a reviewer picks ("reported" belongs to unpublishing after a report).
REVIEW_REASONS = tuple(code for code in REJECTION_REASONS if code != "reported")
BATCH = 2000
PROGRESS_EVERY = 10_000

Progress = Callable[[str, int, int], None]


@dataclass
class DemoCompany:
    id: int
    owner_id: int
    plan: PlannedCompany
    cluster_ids: tuple[int, ...]
    moderator_id: int  # the manager of its cluster, or the admin for a company in no cluster


@dataclass
class ListingCounts:
    by_status: dict[str, int] = field(default_factory=dict)
    expired: int = 0
    expiring_soon: int = 0
    moderation_actions: int = 0


@dataclass
class _Plan:
    company: DemoCompany
    topic: Topic
    kind: str
    status: str
    targets: list[str]
    dates: dict[str, datetime | None] = field(default_factory=dict)


def load_listings(bulk: BulkInserter, rng: random.Random, now: datetime, companies: list[DemoCompany], count: int,
                  progress: Progress) -> ListingCounts:
    """Insert `count` listings over `companies`; returns the counts for the summary."""
    if not companies or count <= 0:
        return ListingCounts()
    planner = _Planner(rng, now, companies)
    plans = planner.plan(count)
    plans.sort(key=lambda p: (p.dates["created_at"], p.company.id))
    with _indexed_once(bulk.session):
        return _Inserter(bulk, rng, now, progress).insert(plans)


@contextmanager
def _indexed_once(session: Session):
    """On SQLite, fill the full-text index once after the load instead of row by row.

    The FTS5 insert trigger makes a bulk load about five times slower than an FTS5 'rebuild'
    at the end, so the trigger is dropped for the load and put back (in the same transaction).
    PostgreSQL's generated tsvector column needs nothing (building its indexes after the load
    instead of row by row measured 1 s faster in 40: not worth the schema juggling).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {LISTING_INDEX.table}_fts_insert")
    yield
    for statement in LISTING_INDEX.sqlite_ddl():  # IF NOT EXISTS: only the trigger is created again
        connection.exec_driver_sql(statement)
    LISTING_INDEX.rebuild(connection)


class _Planner:
    def __init__(self, rng: random.Random, now: datetime, companies: list[DemoCompany]):
        self.rng = rng
        self.now = now
        self.companies = companies
        self.by_sector: dict[str, list[DemoCompany]] = {}
        for company in companies:
            for sector in company.plan.sectors:
                self.by_sector.setdefault(sector, []).append(company)
        # Old enough to have published a listing that has expired since.
        self.old = [c for c in companies if c.plan.created_at < now - timedelta(days=400)]

    def plan(self, count: int) -> list[_Plan]:
        counts = {status: int(count * share) for status, share in STATUS_SHARES}
        counts[PUBLISHED] += count - sum(counts.values())
        queue = self._review_queue(counts[PENDING])[:count]
        for status in (PUBLISHED, DRAFT, WITHDRAWN, REJECTED):  # the queue may need more than its share
            shortfall = len(queue) - counts[PENDING]
            if shortfall <= 0:
                break
            moved = min(shortfall, counts[status])
            counts[status] -= moved
            counts[PENDING] += moved
        plans = [self._single(company, PENDING) for company in queue]
        plans += [self._single(self.rng.choice(self.companies), PENDING) for _ in range(counts[PENDING] - len(queue))]
        published = counts[PUBLISHED]
        for _ in range(int(published * PAIR_SHARE) // 2):
            pair = self._pair()
            if pair:
                plans.extend(pair)
                published -= 2
        others = [PUBLISHED] * published + [s for s in (DRAFT, REJECTED, WITHDRAWN) for _ in range(counts[s])]
        self.rng.shuffle(others)
        for status in others:
            plans.append(self._published_single() if status == PUBLISHED
                         else self._single(self.rng.choice(self.companies), status))
        return plans

    def _review_queue(self, share: int) -> list[DemoCompany]:
        """Member companies with listings waiting in every cluster's queue, and some for the admins."""
        rng = self.rng
        members: dict[int, list[DemoCompany]] = {}
        for company in self.companies:
            for cluster_id in company.cluster_ids:
                members.setdefault(cluster_id, []).append(company)
        queue: list[DemoCompany] = []
        for cluster_id in sorted(members):
            pool = members[cluster_id]
            queue.extend(rng.sample(pool, min(len(pool), rng.randint(*PENDING_PER_CLUSTER))))
        unclustered = [c for c in self.companies if not c.cluster_ids]
        queue.extend(rng.sample(unclustered, min(len(unclustered), max(3, share // 8))))
        return queue

    # One listing, or a complementary pair ------------------------------------------------------------

    def _topic(self, company: DemoCompany) -> Topic:
        return self.rng.choice(TOPICS_BY_SECTOR[self.rng.choice(company.plan.sectors)])

    def _single(self, company: DemoCompany, status: str, age: str = "") -> _Plan:
        kind = OFFER if self.rng.random() < 0.55 else REQUEST
        plan = _Plan(company, self._topic(company), kind, status, self._targets(company.plan.country))
        plan.dates = self._dates(company.plan.created_at, status, age)
        return plan

    def _published_single(self) -> _Plan:
        roll = self.rng.random()
        age = "expired" if roll < EXPIRED_SHARE else "expiring" if roll < EXPIRED_SHARE + EXPIRING_SHARE else ""
        company = self.rng.choice(self.old if age and self.old else self.companies)
        return self._single(company, PUBLISHED, age if self.old else "")

    def _pair(self) -> list[_Plan] | None:
        """An offer and the request it answers, from companies of one sector in two countries."""
        rng = self.rng
        offerer = rng.choice(self.companies)
        topic = self._topic(offerer)
        pool = self.by_sector[topic.sector]
        for _ in range(12):
            seeker = rng.choice(pool)
            if seeker.plan.country != offerer.plan.country:
                break
        else:
            return None
        plans = []
        for company, kind, partner in ((offerer, OFFER, seeker), (seeker, REQUEST, offerer)):
            targets = self._targets(company.plan.country, must=partner.plan.country)
            plan = _Plan(company, topic, kind, PUBLISHED, targets)
            plan.dates = self._dates(company.plan.created_at, PUBLISHED, "recent")
            plans.append(plan)
        return plans

    def _targets(self, own: str, must: str | None = None) -> list[str]:
        rng = self.rng
        if rng.random() < (ANY_COUNTRY_SHARE * 0.6 if must else ANY_COUNTRY_SHARE):
            return []
        others = [c for c in PARTNER_COUNTRIES if c != own and c != must]
        chosen = rng.sample(others, rng.choice((0, 1, 1, 2, 3)) if must else rng.choice((1, 2, 2, 3, 4)))
        if rng.random() < 0.1:
            chosen.append(rng.choice(OTHER_TARGETS))
        return sorted({*chosen, *([must] if must else [])} - {own})

    # When it happened ------------------------------------------------------------------------------

    def _dates(self, founded: datetime, status: str, age: str) -> dict[str, datetime | None]:
        """created ≤ submitted ≤ decided, all after the company joined the marketplace and before now."""
        rng, now = self.rng, self.now
        floor = founded + timedelta(minutes=30)
        room = max((now - floor).total_seconds() / 86400, 0.01)  # days the company has been here

        def ago(low: float, high: float) -> datetime:
            return now - timedelta(days=min(rng.uniform(low, high), room * 0.95))

        def before(moment: datetime, low: float, high: float) -> datetime:
            return moment - min(timedelta(days=rng.uniform(low, high)), max(moment - floor, timedelta(0)) * 0.9)

        dates: dict[str, datetime | None] = dict(submitted_at=None, published_at=None, expires_at=None,
                                                 withdrawn_at=None, decided_at=None)
        if status in (PUBLISHED, WITHDRAWN):
            if age == "expired":
                published = now - timedelta(days=rng.uniform(366, 395))
            elif age == "expiring":
                published = now - VALIDITY + timedelta(days=rng.uniform(0.5, 13.5))
            else:
                published = ago(0.05, 240 if age == "recent" else 350) if status == PUBLISHED else ago(20, 390)
            dates.update(published_at=published, decided_at=published, expires_at=published + VALIDITY)
            dates["submitted_at"] = before(published, 0.1, 5)
            if status == WITHDRAWN:
                dates["withdrawn_at"] = published + (now - published) * rng.uniform(0.2, 0.95)
        elif status == PENDING:
            dates["submitted_at"] = ago(0.02, 14)
        elif status == REJECTED:
            dates["decided_at"] = ago(0.5, 200)
            dates["submitted_at"] = before(dates["decided_at"], 0.1, 6)
        if status == DRAFT:
            created = ago(0.1, 120)
            dates.update(created_at=created, updated_at=created + (now - created) * rng.uniform(0, 0.5))
        else:
            dates["created_at"] = before(dates["submitted_at"], 0.02, 10)
            dates["updated_at"] = dates["withdrawn_at"] or dates["decided_at"] or dates["submitted_at"]
        return dates


class _Inserter:
    def __init__(self, bulk: BulkInserter, rng: random.Random, now: datetime, progress: Progress):
        self.bulk = bulk
        self.rng = rng
        self.now = now
        self.progress = progress
        self.writer = ListingWriter(rng)
        self.search = SearchDocuments()
        self.counts = ListingCounts(by_status={status: 0 for status, _ in STATUS_SHARES})

    def insert(self, plans: list[_Plan]) -> ListingCounts:
        for start in range(0, len(plans), BATCH):
            self._batch(plans[start:start + BATCH])
            done = min(start + BATCH, len(plans))
            if done % PROGRESS_EVERY == 0 or done == len(plans):
                self.progress("listings", done, len(plans))
        self.bulk.wait()
        return self.counts

    def _batch(self, plans: list[_Plan]) -> None:
        texts, rows = [], []
        for plan in plans:
            row, text = self._row(plan)
            rows.append(row)
            texts.append(text)
        ids = self.bulk.give_ids(Listing.__table__, rows)
        types, keywords, countries, actions = [], [], [], []
        for listing_id, plan, text, row in zip(ids, plans, texts, rows):
            types += [dict(listing_id=listing_id, cooperation_type=t, position=i)
                      for i, t in enumerate(text.cooperation_types)]
            keywords += [dict(listing_id=listing_id, keyword=k, position=i) for i, k in enumerate(text.keywords)]
            countries += [dict(listing_id=listing_id, country=c) for c in plan.targets]
            actions += self._history(listing_id, plan, row)
        self.bulk.insert_later([(model.__table__, values) for model, values in (
            (Listing, rows), (ListingCooperationType, types), (ListingKeyword, keywords),
            (ListingTargetCountry, countries), (ModerationAction, actions))])
        self.counts.moderation_actions += len(actions)

    def _row(self, plan: _Plan):
        rng, company, dates = self.rng, plan.company.plan, plan.dates
        local = COUNTRIES[company.country].language if company.country in COUNTRIES else "en"
        language = local if local in LOCAL_LANGUAGES and rng.random() < LOCAL_LANGUAGE_SHARE else "en"
        reason = rng.choice(REVIEW_REASONS) if plan.status == REJECTED else ""
        text = self.writer.write(plan.topic, plan.kind, language, company, plan.targets,
                                 contact_details=reason == "contact-details")
        self._count(plan)
        row = dict(
            company_id=plan.company.id, author_id=plan.company.owner_id, client_token=None, kind=plan.kind,
            sector=plan.topic.sector, title=text.title, summary=text.summary, description=text.description,
            advantages=text.advantages, development_stage=text.development_stage, partner_role=text.partner_role,
            partner_sizes=text.partner_sizes, partner_type=text.partner_type, language=language,
            targets_any_country=not plan.targets, status=plan.status, created_at=dates["created_at"],
            updated_at=dates["updated_at"], submitted_at=dates["submitted_at"], published_at=dates["published_at"],
            expires_at=dates["expires_at"], expiry_reminder_sent_at=None, withdrawn_at=dates["withdrawn_at"],
            rejection_reason=reason, rejection_note=rng.choice(REJECTION_NOTES[reason]) if reason else "",
            revision=None, revision_submitted_at=None, revision_rejection_reason="", revision_rejection_note="",
            **self.search.fields(text.title, text.summary, text.description, text.advantages, text.partner_role,
                                 text.keywords))
        return row, text

    def _count(self, plan: _Plan) -> None:
        self.counts.by_status[plan.status] += 1
        expires = plan.dates["expires_at"]
        if plan.status == PUBLISHED and expires is not None:
            if expires <= self.now:
                self.counts.expired += 1
            elif expires <= self.now + REMINDER_BEFORE:
                self.counts.expiring_soon += 1

    def _history(self, listing_id: int, plan: _Plan, row: dict) -> list[dict]:
        """The log a real listing leaves: created and submitted by its author, decided by its moderator."""
        author, moderator = plan.company.owner_id, plan.company.moderator_id

        def entry(action: str, actor: int, at: datetime, reason: str = "", note: str = "") -> dict:
            return dict(subject_type=LISTING, subject_id=listing_id, action=action, actor_id=actor, reason=reason,
                        note=note, created_at=at)

        dates = plan.dates
        log = [entry("create", author, dates["created_at"])]
        if dates["submitted_at"]:
            log.append(entry("submit", author, dates["submitted_at"]))
        if plan.status in (PUBLISHED, WITHDRAWN):
            log.append(entry("approve", moderator, dates["published_at"]))
        if plan.status == REJECTED:
            log.append(entry("reject", moderator, dates["decided_at"], row["rejection_reason"], row["rejection_note"]))
        if plan.status == WITHDRAWN:
            log.append(entry("withdraw", author, dates["withdrawn_at"]))
        return log
