"""Reproducible demo data: clusters in the partner regions, companies, their people, memberships and listings.

Everything is drawn from one random generator seeded by `seed`, so the same call makes the
same names; only timestamps move with the clock. Rows go in with bulk inserts (one statement
per batch), which keeps 20,000 companies and 100,000 listings well under a minute on SQLite.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Iterable

from sqlalchemy.orm import Session

from ..accounts.models import User
from ..accounts.passwords import hash_password
from ..clusters.models import (MEMBERSHIP_ACCEPTED, MEMBERSHIP_PENDING, Cluster, ClusterManager, ClusterMembership,
                               ClusterSector)
from ..companies.models import Company, CompanyLanguage, CompanySector
from ..database import utcnow
from ..text import slugify
from .bulk import BulkInserter
from .compose import Composer, PlannedCompany
from .conversations import ConversationCounts, interest_count, load_conversations
from .data_clusters import CLUSTERS, EXTRA_DESCRIPTION, EXTRA_PLACES, EXTRA_SECTOR_NOUNS, ClusterSeed
from .data_texts import JOIN_MESSAGES
from .listings import DemoCompany, ListingCounts, load_listings
from .partnerships import PartnershipCounts, load_partnerships

DEMO_PASSWORD = "demo-password-2026"
DEMO_DOMAIN = "demo.clusters-cord.eu"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
DEFAULT_SEED = 2026
DEFAULT_LISTINGS = 1500
BATCH = 2000
MEMBERSHIP_SHARE = 0.8  # companies in a country with a cluster that joined one
PENDING_PER_CLUSTER = (3, 5)  # requests waiting in each manager's queue

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    name: str
    note: str = ""


@dataclass
class Summary:
    clusters: int = 0
    companies: int = 0
    users: int = 0
    memberships_accepted: int = 0
    memberships_pending: int = 0
    listings: ListingCounts = field(default_factory=ListingCounts)
    partnerships: PartnershipCounts = field(default_factory=PartnershipCounts)
    conversations: ConversationCounts = field(default_factory=ConversationCounts)
    seconds: float = 0.0
    password: str = DEMO_PASSWORD
    accounts: list[DemoAccount] = field(default_factory=list)


@dataclass
class _Cluster:
    id: int
    name: str
    slug: str
    country: str
    sectors: tuple[str, ...]
    created_at: datetime
    manager_id: int
    manager_email: str
    manager_name: str


def _no_progress(_stage: str, _done: int, _total: int) -> None:
    return None


def load_demo(session: Session, companies: int = 300, clusters: int = 12, seed: int = DEFAULT_SEED,
              progress: Progress | None = None, now: datetime | None = None,
              listings: int = DEFAULT_LISTINGS) -> Summary:
    """Insert a demo world into an empty database and flush; the caller commits."""
    started = time.perf_counter()
    loader = _Loader(session, random.Random(seed), now or utcnow(), progress or _no_progress)
    summary = loader.run(companies, clusters, listings)
    summary.seconds = time.perf_counter() - started
    return summary


class _Loader:
    def __init__(self, session: Session, rng: random.Random, now: datetime, progress: Progress):
        self.session = session
        self.rng = rng
        self.now = now
        self.progress = progress
        # One hash for every demo account: argon2 is slow on purpose, and these share a password.
        self.password_hash = hash_password(DEMO_PASSWORD)
        self.summary = Summary()
        self.bulk = BulkInserter(session)
        self.accepted: list[tuple[_Cluster, PlannedCompany]] = []
        self.pending: list[tuple[_Cluster, PlannedCompany]] = []
        self.member_of: dict[int, list[_Cluster]] = {}  # company id -> clusters that accepted it

    def run(self, company_count: int, cluster_count: int, listing_count: int = 0) -> Summary:
        admin_id = self._insert_users([self._user_row(ADMIN_EMAIL, "Demo Administrator", "Platform administrator",
                                                      self.now - timedelta(days=600), is_admin=True)])[0]
        self.summary.accounts.append(DemoAccount("admin", ADMIN_EMAIL, "Demo Administrator",
                                                 "administers every cluster, company and user"))
        clusters = self._clusters(cluster_count, admin_id)
        by_country: dict[str, list[_Cluster]] = {}
        for cluster in clusters:
            by_country.setdefault(cluster.country, []).append(cluster)
        composer = Composer(self.rng, self.now, {c: {s for cl in cls for s in cl.sectors}
                                                 for c, cls in by_country.items()})
        planned = sorted((composer.company() for _ in range(company_count)), key=lambda p: p.created_at)
        companies = self._companies(planned)
        self._memberships(clusters, by_country, companies)
        self._choose_accounts(clusters, companies)
        self.summary.listings = load_listings(self.bulk, self.rng, self.now, self._demo_companies(companies, admin_id),
                                              listing_count, self.progress)
        self.bulk.finish()
        self.session.flush()
        # Last, so that it does not shift the random draws of everything before it.
        self.summary.partnerships = load_partnerships(self.session, self.now, self.rng)
        featured = [account.email for account in self.summary.accounts if account.role == "company member"]
        self.summary.conversations = load_conversations(self.session, self.now, self.rng, featured,
                                                        interest_count(company_count))
        return self.summary

    def _demo_companies(self, companies, admin_id: int) -> list[DemoCompany]:
        """What the listings need of each company: its owner, clusters and who moderates it."""
        out = []
        for company_id, owner_id, plan in companies:
            clusters = self.member_of.get(company_id, [])
            moderator = clusters[0].manager_id if clusters else admin_id
            out.append(DemoCompany(company_id, owner_id, plan, tuple(c.id for c in clusters), moderator))
        return out

    # Clusters and their managers -----------------------------------------------------------------

    def _cluster_seeds(self, count: int) -> list[ClusterSeed]:
        seeds = list(CLUSTERS[:count])
        combos = [(place, sector) for sector in EXTRA_SECTOR_NOUNS for place in EXTRA_PLACES]
        self.rng.shuffle(combos)
        names = {seed.name for seed in seeds}
        round_ = 0
        while len(seeds) < count:
            for (place, country, region), sector in combos:
                if len(seeds) >= count:
                    break
                noun = EXTRA_SECTOR_NOUNS[sector]
                name = f"{place} {noun} Cluster" + (f" {round_ + 1}" if round_ else "")
                if name in names:
                    continue
                names.add(name)
                seeds.append(ClusterSeed(
                    name, country, region, (sector,), f"https://{slugify(name, 60)}.example.eu",
                    EXTRA_DESCRIPTION.format(noun_lower=noun.lower(), region=region)))
            round_ += 1
        return seeds

    def _clusters(self, count: int, admin_id: int) -> list[_Cluster]:
        seeds = self._cluster_seeds(count)
        people = Composer(self.rng, self.now, {})
        rows, managers = [], []
        for seed in seeds:
            created = self.now - timedelta(days=self.rng.uniform(20, 540), minutes=self.rng.randint(0, 600))
            slug = slugify(seed.name)
            rows.append(dict(slug=slug, name=seed.name, country=seed.country, region=seed.region,
                             website=seed.website, description=seed.description, created_at=created))
            person = people.person(seed.country, DEMO_DOMAIN)
            managers.append((f"manager.{slug}@{DEMO_DOMAIN}", person, created))
        ids = self._insert_with_ids(Cluster, rows)
        user_ids = self._insert_users([self._user_row(email, p.name, "Cluster manager", created, locale=p.locale,
                                                      phone=p.phone) for email, p, created in managers])
        self._insert(ClusterSector, [dict(cluster_id=i, sector=s) for i, seed in zip(ids, seeds) for s in seed.sectors])
        self._insert(ClusterManager, [dict(cluster_id=i, user_id=u, appointed_at=row["created_at"],
                                           appointed_by_id=admin_id) for i, u, row in zip(ids, user_ids, rows)])
        self.summary.clusters = len(ids)
        self.progress("clusters", len(ids), count)
        return [_Cluster(i, seed.name, row["slug"], seed.country, seed.sectors, row["created_at"], u, m[0], m[1].name)
                for i, u, seed, row, m in zip(ids, user_ids, seeds, rows, managers)]

    # Companies and their people ------------------------------------------------------------------

    def _companies(self, planned: list[PlannedCompany]) -> list[tuple[int, int, PlannedCompany]]:
        """Insert in batches; returns (company id, first member's user id, plan) for each."""
        done: list[tuple[int, int, PlannedCompany]] = []
        for start in range(0, len(planned), BATCH):
            batch = planned[start:start + BATCH]
            ids = self._insert_with_ids(Company, [dict(
                slug=p.slug, name=p.name, country=p.country, region=p.region, city=p.city, size_class=p.size_class,
                founded_year=p.founded_year, website=p.website, description=p.description, is_published=True,
                created_at=p.created_at, updated_at=p.created_at) for p in batch])
            self._insert(CompanySector, [dict(company_id=i, sector=s) for i, p in zip(ids, batch) for s in p.sectors])
            self._insert(CompanyLanguage, [dict(company_id=i, language=lang)
                                           for i, p in zip(ids, batch) for lang in p.languages])
            user_rows, owners = [], []
            for company_id, p in zip(ids, batch):
                owners.append(len(user_rows))
                for n, person in enumerate(p.people):
                    joined = p.created_at + timedelta(days=n * self.rng.randint(1, 60))
                    user_rows.append(self._user_row(person.email, person.name, person.job_title, min(joined, self.now),
                                                    locale=person.locale, phone=person.phone, company_id=company_id))
            user_ids = self._insert_users(user_rows)
            done.extend((i, user_ids[o], p) for i, o, p in zip(ids, owners, batch))
            self.summary.companies += len(ids)
            self.progress("companies", len(done), len(planned))
        return done

    # Memberships ---------------------------------------------------------------------------------

    def _memberships(self, clusters: list[_Cluster], by_country: dict[str, list[_Cluster]],
                     companies: list[tuple[int, int, PlannedCompany]]) -> None:
        rng = self.rng
        rows: list[dict] = []
        taken: set[tuple[int, int]] = set()
        for company_id, owner_id, p in companies:
            local = by_country.get(p.country)
            if not local or rng.random() > MEMBERSHIP_SHARE:
                continue
            fitting = [c for c in local if set(c.sectors) & set(p.sectors)]
            if not fitting and rng.random() > 0.6:
                continue
            cluster = rng.choice(fitting or local)
            requested = max(p.created_at, cluster.created_at) + timedelta(hours=rng.randint(2, 240))
            decided = requested + timedelta(hours=rng.randint(4, 200))
            rows.append(self._membership_row(cluster, company_id, owner_id, MEMBERSHIP_ACCEPTED,
                                             min(requested, self.now), min(decided, self.now)))
            taken.add((cluster.id, company_id))
            self.accepted.append((cluster, p))
            self.member_of.setdefault(company_id, []).append(cluster)
        accepted = len(rows)
        for cluster in clusters:
            for company_id, owner_id, p in self._pending_candidates(cluster, companies, taken):
                requested = self.now - timedelta(days=rng.uniform(0.2, 20))
                rows.append(self._membership_row(cluster, company_id, owner_id, MEMBERSHIP_PENDING, requested, None))
                taken.add((cluster.id, company_id))
                self.pending.append((cluster, p))
        for start in range(0, len(rows), BATCH * 2):
            self._insert(ClusterMembership, rows[start:start + BATCH * 2])
        self.summary.memberships_accepted = accepted
        self.summary.memberships_pending = len(rows) - accepted
        self.progress("memberships", len(rows), len(rows))

    def _pending_candidates(self, cluster: _Cluster, companies, taken) -> list:
        """A few requests per cluster: companies of its sectors, from home and from abroad."""
        wanted = self.rng.randint(*PENDING_PER_CLUSTER)
        fitting = [c for c in companies if set(c[2].sectors) & set(cluster.sectors) and (cluster.id, c[0]) not in taken]
        pool = fitting if len(fitting) >= wanted else [c for c in companies if (cluster.id, c[0]) not in taken]
        return self.rng.sample(pool, min(wanted, len(pool)))

    def _membership_row(self, cluster: _Cluster, company_id: int, owner_id: int, status: str,
                        requested: datetime, decided: datetime | None) -> dict:
        return dict(cluster_id=cluster.id, company_id=company_id, status=status,
                    message=self.rng.choice(JOIN_MESSAGES), requested_by_id=owner_id, requested_at=requested,
                    decided_by_id=cluster.manager_id if decided else None, decided_at=decided)

    # The accounts the summary names ----------------------------------------------------------------

    def _choose_accounts(self, clusters: list[_Cluster], companies) -> None:
        """The manager of the lead partner's cluster, one of its members and a member still waiting abroad."""
        if not clusters:
            return
        lead = clusters[0]
        self.summary.accounts.append(DemoAccount("cluster manager", lead.manager_email, lead.manager_name,
                                                 f"manages {lead.name}"))
        member = next((p for c, p in self.accepted if c is lead), None) or next((p for _, p in self.accepted), None)
        if member:
            self.summary.accounts.append(DemoAccount("company member", member.people[0].email, member.people[0].name,
                                                     f"{member.name}, member of {lead.name}"))
        waiting = next(((c, p) for c, p in self.pending if member is None or p.country != member.country), None)
        if waiting:
            cluster, p = waiting
            self.summary.accounts.append(DemoAccount("company member", p.people[0].email, p.people[0].name,
                                                     f"{p.name}, asked to join {cluster.name}"))

    # Bulk insert helpers -------------------------------------------------------------------------

    def _user_row(self, email: str, name: str, job_title: str, created: datetime, *, locale: str = "en",
                  phone: str = "", company_id: int | None = None, is_admin: bool = False) -> dict:
        return dict(email=email, name=name, password_hash=self.password_hash, locale=locale, is_admin=is_admin,
                    job_title=job_title, phone=phone, company_id=company_id, email_confirmed_at=created,
                    password_changed_at=created, created_at=created)

    def _insert_users(self, rows: list[dict]) -> list[int]:
        ids = self._insert_with_ids(User, rows)
        self.summary.users += len(ids)
        return ids

    def _insert_with_ids(self, model, rows: list[dict]) -> list[int]:
        return self.bulk.insert_with_ids(model.__table__, rows)

    def _insert(self, model, rows: Iterable[dict]) -> None:
        self.bulk.insert(model.__table__, list(rows))
