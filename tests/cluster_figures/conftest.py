"""A small known world around one cluster, whose every figure the tests can state by hand."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from marketplace.clusters.models import ClusterMembership
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests.models import Interest
from marketplace.messaging.models import Conversation
from marketplace.outcomes.models import Outcome
from marketplace.partnerships.models import MEMBER, Partnership, PartnershipMember

from ..clusters.conftest import count_queries  # noqa: F401 - the same query counter
from ..factories import make_cluster, make_company, make_listing, make_user


def interest(listing, sender, *, status="pending", days_ago=10, answered_after=None, sender_listing=None):
    created = utcnow() - timedelta(days=days_ago)
    row = Interest(listing_id=listing.id, recipient_company_id=listing.company_id, sender_company_id=sender.id,
                   message="Interested.", status=status, created_at=created, expires_at=created + timedelta(days=14),
                   decided_at=created + answered_after if answered_after else None,
                   sender_listing_id=sender_listing.id if sender_listing else None)
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def world(app):
    return build_world()


def build_world() -> SimpleNamespace:
    """Cluster "Wood CZ" (wood, CZ) has members Alpha (CZ; wood) and Beta (CZ; wood, ICT).

    Outside: Gamma (DE), Delta (AT), Epsilon (PL, member of cluster "Forest PL").
    Listings — Alpha: active offer (wood), pending request, draft; Beta: expired request (ICT),
    rejected offer; Gamma: active offer (wood); Delta: active request (wood).
    Interests — Alpha → Gamma's offer, accepted after 1 day, sent from a match;
    Delta → Alpha's offer, declined after 2 days; Gamma → Beta's expired request, pending.
    A conversation Gamma–Alpha from the accepted interest, with a meeting recorded by Gamma.
    A partnership in wood led by Alpha with Delta, Wood CZ and Forest PL active (a meta-cluster), and
    an agreement recorded on it by Forest PL. Epsilon's own contract is none of Wood CZ's business.
    """
    now = utcnow()
    manager, other_manager = make_user("manager@example.com", name="Mia Manager"), make_user("other@example.com")
    admin = make_user("admin@example.com", is_admin=True)
    insider, outsider = make_user("insider@example.com"), make_user("outsider@example.com")
    alpha = make_company("Alpha Wood", country="CZ", sectors=("wood",), members=[insider])
    beta = make_company("Beta Soft", country="CZ", sectors=("wood", "ict"))
    gamma = make_company("Gamma GmbH", country="DE", members=[outsider])
    delta = make_company("Delta KG", country="AT")
    epsilon = make_company("Epsilon sp. z o.o.", country="PL")
    cluster = make_cluster("Wood CZ", country="CZ", sectors=("wood",), managers=[manager], members=[alpha, beta])
    forest = make_cluster("Forest PL", country="PL", sectors=("wood",), managers=[other_manager], members=[epsilon])
    for membership in cluster.memberships:
        membership.decided_at = now - timedelta(days=40)

    offer = make_listing(alpha, kind="offer", sector="wood")
    make_listing(alpha, status="pending", kind="request")
    make_listing(alpha, status="draft")
    expired = make_listing(beta, kind="request", sector="ict", published_at=now - timedelta(days=400),
                           expires_at=now - timedelta(days=35))
    make_listing(beta, status="rejected")
    gamma_offer = make_listing(gamma, kind="offer", sector="wood")
    make_listing(delta, kind="request", sector="wood")

    accepted = interest(gamma_offer, alpha, status="accepted", days_ago=10, answered_after=timedelta(days=1),
                        sender_listing=offer)
    interest(offer, delta, status="declined", days_ago=5, answered_after=timedelta(days=2))
    interest(expired, gamma, days_ago=3)
    conversation = Conversation(interest_id=accepted.id, listing_id=gamma_offer.id, company_a_id=gamma.id,
                                company_b_id=alpha.id, subject="Pellets", created_at=now - timedelta(days=9))
    db.session.add(conversation)
    partnership = Partnership(slug="alpine-pellets", name="Alpine pellets", sector="wood", status="active",
                              lead_company_id=alpha.id, created_at=now - timedelta(days=8))
    partnership.members = [
        PartnershipMember(company_id=alpha.id, status=MEMBER, is_lead=True, created_at=now - timedelta(days=8)),
        PartnershipMember(company_id=delta.id, status=MEMBER, created_at=now - timedelta(days=8)),
        PartnershipMember(cluster_id=cluster.id, status=MEMBER, created_at=now - timedelta(days=7)),
        PartnershipMember(cluster_id=forest.id, status=MEMBER, created_at=now - timedelta(days=7)),
    ]
    db.session.add(partnership)
    db.session.flush()
    today = date.today()
    db.session.add_all([
        Outcome(subject_type="conversation", subject_id=conversation.id, kind="meeting", occurred_on=today,
                company_id=gamma.id),
        Outcome(subject_type="partnership", subject_id=partnership.id, kind="agreement", occurred_on=today,
                cluster_id=forest.id),
        Outcome(subject_type="conversation", subject_id=999999, kind="contract", occurred_on=today,
                company_id=epsilon.id),
    ])
    db.session.commit()
    return SimpleNamespace(manager=manager, other_manager=other_manager, admin=admin, insider=insider,
                           outsider=outsider, cluster=cluster, forest=forest, alpha=alpha, beta=beta, gamma=gamma,
                           delta=delta, epsilon=epsilon, offer=offer, conversation=conversation,
                           partnership=partnership, now=now)


def add_members(cluster, count: int, **company_fields) -> list:
    companies = [make_company(**company_fields) for _ in range(count)]
    db.session.add_all([ClusterMembership(cluster=cluster, company=c, status="accepted") for c in companies])
    db.session.flush()
    return companies
