"""A small world whose every observatory figure is known, with private and unpublished things to leave out."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests.models import ACCEPTED, ANSWER_WITHIN, DECLINED, PENDING, Interest
from marketplace.partnerships.models import ACTIVE, CLOSED, DRAFT, INVITED, MEMBER, Partnership, PartnershipMember
from tests import factories
from tests.interests.conftest import count_queries  # noqa: F401 - the shared statement counter

SECRET_MESSAGE = "Our confidential price list is attached"


def _interest(sender, listing, status):
    now = utcnow()
    interest = Interest(listing_id=listing.id, recipient_company_id=listing.company_id, sender_company_id=sender.id,
                        message=SECRET_MESSAGE, status=status, created_at=now - timedelta(days=5),
                        expires_at=now - timedelta(days=5) + ANSWER_WITHIN,
                        decided_at=now - timedelta(days=4) if status != PENDING else None)
    db.session.add(interest)
    return interest


def _partnership(slug, sector, status, parties, *, published=True, pending=()):
    """parties: companies or clusters, the first leads; pending ones are only invited."""
    now = utcnow()
    lead = parties[0]
    is_company = hasattr(lead, "size_class")
    partnership = Partnership(slug=slug, name=f"Partnership {slug}", sector=sector, status=status,
                              lead_company_id=lead.id if is_company else None,
                              lead_cluster_id=None if is_company else lead.id,
                              published_at=now - timedelta(days=10) if published else None)
    db.session.add(partnership)
    db.session.flush()
    for index, party in enumerate([*parties, *pending]):
        key = "company_id" if hasattr(party, "size_class") else "cluster_id"
        db.session.add(PartnershipMember(partnership_id=partnership.id, status=MEMBER if party in parties else INVITED,
                                         is_lead=index == 0, **{key: party.id}))
    return partnership


@pytest.fixture
def world(app):
    return build_world()


def build_world():
    """Counted: active listings of visible companies, accepted interests between visible companies,
    public partnerships' active members. Everything else here must not count."""
    make = factories.make_company
    cz1, cz2 = make("Ústecká Dřevo s.r.o.", country="CZ"), make("Krušné Foods a.s.", country="CZ", sectors=("food",))
    pl1, sk1 = make("Legnica Pellets Sp. z o.o.", country="PL"), make("Trnava Soft s.r.o.", country="SK",
                                                                      sectors=("ict",))
    hidden = make("Hidden Holz GmbH", country="DE", is_published=False)
    suspended = make("Suspended Holz GmbH", country="AT", suspended_at=utcnow() - timedelta(days=1))
    sk_cluster = factories.make_cluster("Slovak Wood Cluster", country="SK")
    at_cluster = factories.make_cluster("Upper Austria ICT Cluster", country="AT", sectors=("ict",))

    listing = factories.make_listing
    l1 = listing(cz1, kind="offer", sector="wood")
    l2 = listing(pl1, kind="request", sector="wood")
    l3 = listing(sk1, kind="offer", sector="ict")
    l4 = listing(cz2, kind="request", sector="food")
    listing(pl1, kind="offer", sector="wood", status="draft")
    listing(pl1, kind="offer", sector="ict", status="pending")
    listing(sk1, kind="request", sector="ict", published_at=utcnow() - timedelta(days=400),
            expires_at=utcnow() - timedelta(days=35))
    listing(hidden, kind="offer", sector="wood")
    listing(suspended, kind="offer", sector="food")

    _interest(pl1, l1, ACCEPTED)      # PL → CZ, wood
    _interest(sk1, l1, ACCEPTED)      # SK → CZ, wood
    _interest(cz2, l1, ACCEPTED)      # CZ → CZ, wood (at home)
    _interest(cz1, l3, ACCEPTED)      # CZ → SK, ict
    _interest(pl1, l4, ACCEPTED)      # PL → CZ, food
    _interest(pl1, l3, PENDING)       # not yet accepted
    _interest(sk1, l2, DECLINED)      # declined
    _interest(hidden, l2, ACCEPTED)   # a hidden company's
    _interest(suspended, l1, ACCEPTED)  # a suspended company's

    _partnership("wood-alliance", "wood", ACTIVE, [cz1, pl1, sk_cluster], pending=[cz2])  # CZ-PL, CZ-SK, PL-SK
    _partnership("food-chain", "food", ACTIVE, [cz2, pl1, hidden])                        # CZ-PL (DE hidden)
    _partnership("ict-draft", "ict", DRAFT, [cz1, sk1], published=False)                  # not public
    _partnership("ict-bridge", "ict", CLOSED, [sk1, at_cluster])                          # AT-SK, closed after publication
    _partnership("never-shown", "tourism", CLOSED, [cz1, sk1], published=False)           # closed unpublished
    db.session.commit()
    return SimpleNamespace(companies=[cz1, cz2, pl1, sk1, hidden, suspended])
