"""The demo data generator: reproducible, valid codes, managers, memberships and speed."""
from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from marketplace import reference
from marketplace.accounts.models import User
from marketplace.accounts.passwords import verify_password
from marketplace.clusters.models import (MEMBERSHIP_ACCEPTED, MEMBERSHIP_PENDING, Cluster, ClusterManager,
                                         ClusterMembership)
from marketplace.companies.models import Company
from marketplace.demo.generator import ADMIN_EMAIL, DEMO_PASSWORD, load_demo
from marketplace.extensions import db

from ..conftest import TEST_DATABASE_URL

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _world() -> dict[str, list[str]]:
    return {
        "companies": list(db.session.scalars(select(Company.name).order_by(Company.id))),
        "descriptions": list(db.session.scalars(select(Company.description).order_by(Company.id))),
        "clusters": list(db.session.scalars(select(Cluster.name).order_by(Cluster.id))),
        "users": list(db.session.scalars(select(User.email).order_by(User.id))),
    }


def _load(**sizes):
    summary = load_demo(db.session, now=NOW, **sizes)
    db.session.commit()
    return summary


@pytest.fixture
def demo(app):
    return _load(listings=0)  # the listings have their own tests (test_listings.py)


def _fresh_world(make_app, tmp_path, name: str, **sizes) -> dict[str, list[str]]:
    """Load into a database of its own (a new file on SQLite): the per-test one is reset only once."""
    overrides = {} if TEST_DATABASE_URL else {"DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite"}
    with make_app(**overrides).app_context():
        _load(**sizes)
        return _world()


def test_same_seed_makes_the_same_world_and_another_seed_another(make_app, tmp_path):
    first = _fresh_world(make_app, tmp_path, "first", companies=80, clusters=6, seed=7, listings=50)
    assert _fresh_world(make_app, tmp_path, "again", companies=80, clusters=6, seed=7, listings=50) == first
    other = _fresh_world(make_app, tmp_path, "other", companies=80, clusters=6, seed=8, listings=50)
    assert other["companies"] != first["companies"]
    assert other["clusters"] == first["clusters"]  # the hand-written clusters come first, in order


def test_default_sizes_and_summary_match_the_database(demo):
    assert _count(Company) == demo.companies == 300
    assert _count(Cluster) == demo.clusters == 12
    assert _count(User) == demo.users
    # an admin, one manager per cluster, one or two people per company
    assert 1 + 12 + 300 <= demo.users <= 1 + 12 + 600
    accepted = db.session.scalar(select(func.count()).where(ClusterMembership.status == MEMBERSHIP_ACCEPTED))
    pending = db.session.scalar(select(func.count()).where(ClusterMembership.status == MEMBERSHIP_PENDING))
    assert (accepted, pending) == (demo.memberships_accepted, demo.memberships_pending)
    assert accepted > 150, "most companies belong to a cluster"


def test_the_partner_regions_host_the_clusters(demo):
    clusters = list(db.session.scalars(select(Cluster)))
    assert {c.country for c in clusters} == set(reference.PARTNER_COUNTRIES)
    names = {c.name for c in clusters}
    assert {"Ústí Energy & Environment Cluster", "Celje Wood Cluster", "Trnava Automotive Cluster",
            "Stuttgart Region ICT Cluster", "Pannon Food Cluster", "Milan Health Tech Cluster"} <= names
    for cluster in clusters:
        assert cluster.sectors and set(cluster.sectors) <= set(reference.SECTORS)
        assert cluster.description and cluster.region
        assert cluster.website.startswith("https://") and ".example" in cluster.website


def test_companies_have_valid_codes_and_believable_fields(demo):
    companies = list(db.session.scalars(select(Company)))
    assert len({c.slug for c in companies}) == len(companies)
    for company in companies:
        assert company.sectors, company.name
        assert set(company.sectors) <= set(reference.SECTORS)
        assert company.country in reference.COUNTRY_CODES
        assert company.size_class in reference.SIZE_CLASSES
        assert company.languages and set(company.languages) <= set(reference.CONTENT_LANGUAGES)
        assert company.region and company.city and company.description
        assert 1950 <= company.founded_year <= 2024
        assert company.website.startswith("https://www.") and company.website.endswith(".example")
        assert company.is_published
    countries = {c.country for c in companies}
    assert set(reference.PARTNER_COUNTRIES) <= countries
    sizes = [c.size_class for c in companies]
    assert sizes.count("micro") + sizes.count("small") > len(sizes) * 0.6
    names = {c.name for c in companies}
    assert any(n.endswith(" s.r.o.") for n in names) and any(n.endswith(" GmbH") for n in names)
    assert any(n.endswith(" Sp. z o.o.") for n in names) and any(n.endswith(" Kft.") for n in names)


def test_created_at_spreads_over_about_eighteen_months(demo):
    oldest, newest = db.session.execute(select(func.min(Company.created_at), func.max(Company.created_at))).one()
    assert (newest - oldest).days > 300
    assert newest <= NOW


def test_every_cluster_has_a_manager_and_pending_requests(demo):
    for cluster in db.session.scalars(select(Cluster)):
        managers = list(db.session.scalars(select(User).join(ClusterManager, ClusterManager.user_id == User.id)
                                           .where(ClusterManager.cluster_id == cluster.id)))
        assert [m.email for m in managers] == [f"manager.{cluster.slug}@demo.clusters-cord.eu"]
        statuses = list(db.session.scalars(select(ClusterMembership.status)
                                           .where(ClusterMembership.cluster_id == cluster.id)))
        assert statuses.count(MEMBERSHIP_PENDING) >= 3, cluster.name
        assert statuses.count(MEMBERSHIP_ACCEPTED) >= 1, cluster.name


def test_members_belong_to_their_company_and_share_the_documented_password(demo):
    admin = db.session.scalar(select(User).where(User.email == ADMIN_EMAIL))
    assert admin.is_admin and admin.is_confirmed
    assert verify_password(admin.password_hash, DEMO_PASSWORD)
    company = db.session.scalars(select(Company).order_by(Company.id)).first()
    assert 1 <= len(company.members) <= 2
    for member in company.members:
        assert member.email.endswith(f"@{company.slug}.example")
        assert member.is_confirmed and not member.is_admin
        assert verify_password(member.password_hash, DEMO_PASSWORD)
    roles = [a.role for a in demo.accounts]
    assert roles == ["admin", "cluster manager", "company member", "company member"]
    for account in demo.accounts:
        assert db.session.scalar(select(User.id).where(User.email == account.email)) is not None


def test_more_clusters_than_the_hand_written_ones(app):
    summary = _load(companies=30, clusters=25)
    clusters = list(db.session.scalars(select(Cluster)))
    assert summary.clusters == len(clusters) == 25
    assert len({c.name for c in clusters}) == 25
    assert all(c.country in reference.PARTNER_COUNTRIES for c in clusters)


def test_an_empty_world_is_fine(app):
    summary = _load(companies=0, clusters=0)
    assert (summary.companies, summary.clusters, summary.users) == (0, 0, 1)
    assert summary.listings.by_status == {}


def test_thousands_of_companies_load_quickly(app):
    started = time.perf_counter()
    summary = _load(companies=2000, clusters=12, listings=0)
    assert summary.companies == _count(Company) == 2000
    assert time.perf_counter() - started < 15  # 20,000 load in about 5 s on SQLite
