"""Small factories for test data; each returns a flushed object with sensible defaults."""
from __future__ import annotations

import itertools

from marketplace.accounts.models import User
from marketplace.clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterManager, ClusterMembership
from marketplace.companies.models import Company
from marketplace.database import utcnow
from marketplace.extensions import db

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def _hash(password: str) -> str:
    from marketplace.accounts.passwords import hash_password

    return hash_password(password)


def make_user(email: str | None = None, *, name: str = "Test User", password: str = DEFAULT_PASSWORD,
              company: Company | None = None, is_admin: bool = False, confirmed: bool = True,
              locale: str = "en") -> User:
    n = next(_sequence)
    user = User(email=email or f"user{n}@example.com", name=name, password_hash=_hash(password),
                locale=locale, is_admin=is_admin, company=company,
                email_confirmed_at=utcnow() if confirmed else None)
    db.session.add(user)
    db.session.flush()
    return user


def make_company(name: str | None = None, *, country: str = "CZ", sectors=("wood",), size_class: str = "small",
                 members=(), is_published: bool = True, **fields) -> Company:
    n = next(_sequence)
    name = name or f"Test Company {n}"
    company = Company(name=name, slug=f"test-company-{n}", country=country, size_class=size_class,
                      is_published=is_published, **fields)
    company.sectors = list(sectors)
    db.session.add(company)
    for member in members:
        member.company = company
    db.session.flush()
    return company


def make_cluster(name: str | None = None, *, country: str = "CZ", sectors=("wood",), managers=(),
                 members=()) -> Cluster:
    n = next(_sequence)
    cluster = Cluster(name=name or f"Test Cluster {n}", slug=f"test-cluster-{n}", country=country)
    cluster.sectors = list(sectors)
    db.session.add(cluster)
    db.session.flush()
    for manager in managers:
        db.session.add(ClusterManager(cluster=cluster, user=manager))
    for company in members:
        db.session.add(ClusterMembership(cluster=cluster, company=company, status=MEMBERSHIP_ACCEPTED))
    db.session.flush()
    return cluster


def make_listing(company: Company, author: User | None = None, *, status: str = "published", **fields):
    """A listing in any state with sensible text; pending and published ones carry the dates a real one has.

    Any Listing column (e.g. submitted_at, revision, revision_submitted_at) or cooperation_types,
    keywords, target_countries may be given in `fields`.
    """
    from datetime import timedelta

    from marketplace.listings.models import DRAFT, PUBLISHED, Listing
    from marketplace.listings.services import VALIDITY

    n = next(_sequence)
    now = utcnow()
    lists = {name: fields.pop(name) for name in ("cooperation_types", "keywords", "target_countries") if name in fields}
    values = {"kind": "offer", "sector": "wood", "title": f"Test listing {n}: wood pellets for export",
              "summary": "A producer of certified wood pellets offers supply to distributors abroad.",
              "description": "Forty thousand tonnes a year, bagged or in big bags.", "language": "en", **fields}
    if status != DRAFT:
        values.setdefault("submitted_at", now - timedelta(days=3))
    if status == PUBLISHED:
        values.setdefault("published_at", now - timedelta(days=2))
        values.setdefault("expires_at", values["published_at"] + VALIDITY)
    listing = Listing(company_id=company.id, author_id=author.id if author else None, status=status, **values)
    listing.cooperation_types = lists.get("cooperation_types", ["supplier"])
    listing.keywords = lists.get("keywords", ["wood pellets", "biomass"])
    listing.target_countries = lists.get("target_countries", [])
    listing.targets_any_country = not listing.target_countries
    db.session.add(listing)
    db.session.flush()
    return listing
