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
