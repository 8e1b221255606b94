"""Demo listings: states and counts, review queues, valid codes and limits, history, search and pairs.

The tests read one demo world loaded once for the module (300 companies, 1,500 listings); tests
that load worlds of their own are in test_listings_load.py.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from marketplace import create_app, reference
from marketplace.accounts.models import User
from marketplace.clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterManager, ClusterMembership
from marketplace.demo.generator import ADMIN_EMAIL, load_demo
from marketplace.demo.search_documents import SearchDocuments
from marketplace.extensions import db
from marketplace.listings import choices
from marketplace.listings.models import (DESCRIPTION_MAX, DRAFT, KINDS, LISTING_INDEX, PENDING, PUBLISHED,
                                         REJECTED, SUMMARY_MAX, TITLE_MAX, WITHDRAWN, Listing, search_fields)
from marketplace.listings.services import VALIDITY
from marketplace.moderation.models import ModerationAction
from marketplace.moderation.queue import in_no_cluster, queue_size
from marketplace.search.text import fold, parse

from ..conftest import _reset_database, base_config

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
LOCAL = {"de", "pl", "cs", "sk", "sl", "hu", "it"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    app = create_app(base_config(tmp_path_factory.mktemp("demo-listings")))
    with app.app_context():
        _reset_database()
        summary = load_demo(db.session, now=NOW)
        db.session.commit()
        yield summary
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def listings(world) -> list[Listing]:
    return list(db.session.scalars(select(Listing).order_by(Listing.id)))


def _count_by_status() -> dict[str, int]:
    return dict(db.session.execute(select(Listing.status, func.count()).group_by(Listing.status)).all())


def test_default_load_has_1500_listings_in_every_state(world):
    assert _count_by_status() == world.listings.by_status == {
        PUBLISHED: 1050, PENDING: 150, DRAFT: 120, REJECTED: 75, WITHDRAWN: 105}
    published = select(func.count()).where(Listing.status == PUBLISHED)
    expired = db.session.scalar(published.where(Listing.expires_at <= NOW))
    soon = db.session.scalar(published.where(Listing.expires_at > NOW, Listing.expires_at <= NOW + timedelta(days=14)))
    assert (expired, soon) == (world.listings.expired, world.listings.expiring_soon)
    assert 20 <= expired <= 120 and 10 <= soon <= 100, "a few expired, some about to expire"
    assert world.listings.moderation_actions == db.session.scalar(select(func.count()).select_from(ModerationAction))


def test_every_cluster_manager_has_several_listings_to_review(world):
    pending_per_cluster = dict(db.session.execute(
        select(ClusterMembership.cluster_id, func.count(Listing.id))
        .join(Listing, Listing.company_id == ClusterMembership.company_id)
        .where(ClusterMembership.status == MEMBERSHIP_ACCEPTED, Listing.status == PENDING)
        .group_by(ClusterMembership.cluster_id)).all())
    clusters = list(db.session.scalars(select(Cluster)))
    assert len(clusters) == 12
    for cluster in clusters:
        assert pending_per_cluster.get(cluster.id, 0) >= 3, cluster.name
        manager = db.session.scalar(select(User).join(ClusterManager, ClusterManager.user_id == User.id)
                                    .where(ClusterManager.cluster_id == cluster.id))
        assert queue_size(manager) >= 3, cluster.name  # what the manager's review queue really shows
    for_admins = db.session.scalar(select(func.count(Listing.id)).where(
        Listing.status == PENDING, in_no_cluster(Listing.company_id)))
    assert for_admins >= 3


def test_pending_listings_were_submitted_in_the_last_two_weeks(listings):
    pending = [item for item in listings if item.status == PENDING]
    assert all(NOW - timedelta(days=14) <= item.submitted_at <= NOW for item in pending)
    assert max(NOW - item.submitted_at for item in pending) > timedelta(days=7), "spread, not all fresh"


def test_codes_are_valid(listings):
    for item in listings:
        assert item.kind in KINDS and item.sector in reference.SECTORS
        assert 1 <= len(item.cooperation_types) <= 3
        assert set(item.cooperation_types) <= set(reference.COOPERATION_TYPES)
        assert 3 <= len(item.keywords) <= 8 and all(len(k) <= 40 for k in item.keywords)
        assert set(item.target_countries) <= set(reference.COUNTRY_CODES)
        assert item.company.country not in item.target_countries
        assert item.targets_any_country == (not item.target_countries)
        assert item.language in reference.CONTENT_LANGUAGES
        assert item.development_stage in ("", *choices.DEVELOPMENT_STAGES)
        assert item.partner_type in choices.PARTNER_TYPES
        assert set(item.partner_sizes) <= set(reference.SIZE_CLASSES)
        if item.status == REJECTED:
            assert item.rejection_reason in choices.REJECTION_REASONS and item.rejection_note
        else:
            assert item.rejection_reason == item.rejection_note == ""
    kinds = Counter(item.kind for item in listings)
    assert kinds["offer"] > 500 and kinds["request"] > 500
    assert {item.sector for item in listings} == set(reference.SECTORS)
    any_country = sum(item.targets_any_country for item in listings) / len(listings)
    assert 0.1 < any_country < 0.35


def test_texts_respect_the_limits_and_use_markdown(listings):
    for item in listings:
        assert 10 < len(item.title) <= TITLE_MAX
        assert 50 < len(item.summary) <= SUMMARY_MAX
        assert 200 < len(item.description) <= DESCRIPTION_MAX
        assert "\n- " in item.description and "**" in item.description, item.id
        assert item.partner_role
        assert "{" not in item.title + item.summary + item.description + item.advantages, item.id
    assert len({item.title for item in listings}) > 300


def test_mostly_english_with_the_partner_languages(listings):
    languages = Counter(item.language for item in listings)
    assert languages["en"] > len(listings) * 0.6
    assert LOCAL <= set(languages)
    german = [item for item in listings if item.language == "de"]
    assert {item.company.country for item in german} <= {"DE", "AT"}
    assert all("esucht" in item.title or "Angebot" in item.title for item in german)
    assert all(("Unser Angebot" if item.kind == "offer" else "Was wir suchen") in item.description for item in german)


def test_life_cycle_dates_are_consistent(listings):
    for item in listings:
        founded = item.company.created_at
        assert founded <= item.created_at <= NOW
        if item.status == DRAFT:
            assert item.submitted_at is None and item.published_at is None
            continue
        assert item.created_at <= item.submitted_at <= NOW
        if item.status in (PUBLISHED, WITHDRAWN):
            assert item.submitted_at <= item.published_at <= NOW
            assert item.expires_at == item.published_at + VALIDITY
        if item.status == WITHDRAWN:
            assert item.published_at <= item.withdrawn_at <= NOW
    published = [item.published_at for item in listings if item.status == PUBLISHED]
    assert NOW - min(published) > timedelta(days=365) and NOW - max(published) < timedelta(days=3)


def test_published_and_rejected_listings_carry_their_moderation_history(listings):
    history = defaultdict(list)
    for entry in db.session.scalars(select(ModerationAction).order_by(ModerationAction.created_at,
                                                                      ModerationAction.id)):
        assert entry.subject_type == "listing"
        history[entry.subject_id].append(entry)
    managers = dict(db.session.execute(select(ClusterMembership.company_id, ClusterManager.user_id)
                                       .join(ClusterManager, ClusterManager.cluster_id == ClusterMembership.cluster_id)
                                       .where(ClusterMembership.status == MEMBERSHIP_ACCEPTED)).all())
    admin_id = db.session.scalar(select(User.id).where(User.email == ADMIN_EMAIL))
    expected = {DRAFT: ["create"], PENDING: ["create", "submit"], PUBLISHED: ["create", "submit", "approve"],
                REJECTED: ["create", "submit", "reject"], WITHDRAWN: ["create", "submit", "approve", "withdraw"]}
    for item in listings:
        entries = history[item.id]
        assert [e.action for e in entries] == expected[item.status], item.id
        assert entries[0].actor_id == item.author_id and entries[0].created_at == item.created_at
        decision = next((e for e in entries if e.action in ("approve", "reject")), None)
        if decision:
            assert decision.actor_id == managers.get(item.company_id, admin_id)
        if item.status == REJECTED:
            assert (decision.reason, decision.note) == (item.rejection_reason, item.rejection_note)
    assert {e.actor_id for entries in history.values() for e in entries if e.action == "approve"} >= {admin_id}


def test_search_documents_are_those_of_search_fields(listings):
    for item in listings:
        expected = search_fields(item.title, item.summary, item.description, item.advantages, item.partner_role,
                                 item.keywords)
        assert (item.search_title, item.search_body) == (expected["search_title"], expected["search_body"])


def test_tricky_text_folds_like_search_fields():
    documents = SearchDocuments()
    samples = ["Kühllagerung für Müller GmbH, Łódź, obrábění", "ŞİŞLİ Київ abcжdef ΟΔΟΣ Straße ﬁnance",
               "", "plain ASCII 123", "Über öl äÖü", "e\u0301te\u0301 café naïve"]
    for a in samples:
        for b in samples:
            assert documents.fields(a, b, b, a, a, [a, b]) == search_fields(a, b, b, a, a, [a, b])


def _search(words: str) -> set[int]:
    statement, _rank = LISTING_INDEX.apply(select(Listing.id), db.engine.dialect.name, parse(words), Listing.id)
    return set(db.session.scalars(statement))


def test_the_full_text_index_finds_demo_listings(listings):
    pellets = {item.id for item in listings if "wood pellets" in item.keywords}
    assert pellets and pellets <= _search("wood pellets")
    # A word of a local-language title, typed without its diacritics, finds the listing.
    local = next(item for item in listings if item.language in ("cs", "pl", "sk")
                 and any(not w.isascii() and len(w) > 5 for w in item.title.split()))
    word = next(w for w in local.title.split() if not w.isascii() and len(w) > 5).strip(":–-(),")
    assert local.id in _search(fold(word))


def test_complementary_pairs_across_borders_are_common(listings):
    """Offers and requests of one sector whose countries are in each other's targets and share keywords."""
    published = [item for item in listings if item.status == PUBLISHED]
    requests = defaultdict(list)
    for item in published:
        if item.kind == "request":
            requests[item.sector].append(item)

    def fits(offer, request) -> bool:
        countries = offer.company.country, request.company.country
        return (countries[0] != countries[1]
                and (offer.targets_any_country or countries[1] in offer.target_countries)
                and (request.targets_any_country or countries[0] in request.target_countries)
                and len(set(offer.keywords) & set(request.keywords)) >= 2)

    matched = [o for o in published if o.kind == "offer" and any(fits(o, r) for r in requests[o.sector])]
    assert len(matched) > 200
