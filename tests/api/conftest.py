"""A small world for the API tests: public listings, companies and clusters, and private things beside them."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from marketplace.clusters.models import MEMBERSHIP_PENDING, ClusterMembership
from marketplace.database import utcnow
from marketplace.extensions import db

from ..factories import make_cluster, make_company, make_listing, make_user

# Strings that must never leave the API, whatever is asked.
SECRETS = (
    "jana.novakova@drevo.example", "Jana Nováková", "+420 601 111 222", "https://drevo-plus.example",
    "petr.manager@cluster.example", "Petr Manager", "Hidden Holdings", "Suspended Trading",
    "DRAFT-SECRET", "PENDING-SECRET", "REJECTED-SECRET", "WITHDRAWN-SECRET", "NOTE-SECRET",
    "REVISION-SECRET", "HIDDEN-COMPANY-SECRET", "SUSPENDED-COMPANY-SECRET",
)


def build_world():
    """Commits and returns the world; used by the `world` fixture and by the Schemathesis run."""
    now = utcnow()
    jana = make_user("jana.novakova@drevo.example", name="Jana Nováková")
    jana.phone = "+420 601 111 222"
    manager = make_user("petr.manager@cluster.example", name="Petr Manager")
    cz = make_company("Dřevo Plus s.r.o.", country="CZ", sectors=("wood", "energy-environment"), size_class="small",
                      members=[jana], website="https://drevo-plus.example", region="Ústí Region", city="Děčín",
                      description="Pellets and briquettes from Czech spruce.", founded_year=2004)
    cz.languages = ["cs", "de", "en"]
    at = make_company("Holz Austria GmbH", country="AT", sectors=("wood",), size_class="medium",
                      region="Upper Austria", city="Linz")
    si = make_company("Lesna d.o.o.", country="SI", sectors=("wood", "production"), size_class="micro")
    pl = make_company("Łódź Logistics", country="PL", sectors=("logistics",), size_class="large")
    hidden = make_company("Hidden Holdings", country="DE", is_published=False)
    suspended = make_company("Suspended Trading", country="HU", suspended_at=now - timedelta(days=1))
    cluster = make_cluster("Wood Cluster Moravia", country="CZ", sectors=("wood",), managers=[manager],
                           members=[cz, at, hidden])
    cluster.website, cluster.region = "https://wood-cluster.example", "Moravia"
    db.session.add(ClusterMembership(cluster=cluster, company=si, status=MEMBERSHIP_PENDING))
    other_cluster = make_cluster("Logistics Cluster Silesia", country="PL", sectors=("logistics",), members=[pl])

    request = make_listing(cz, jana, kind="request", sector="wood", cooperation_types=["commercial-agency"],
                           title="Distributor sought for wood pellets in Austria",
                           summary="A Czech producer of certified pellets seeks distributors in Austria.",
                           keywords=["pellets", "biomass"], target_countries=["AT", "SI"], language="en",
                           development_stage="on-market", partner_type="company", partner_sizes=["small", "medium"],
                           published_at=now - timedelta(days=5), expires_at=now + timedelta(days=300),
                           revision={"title": "REVISION-SECRET title"}, revision_submitted_at=now)
    offer = make_listing(at, kind="offer", sector="wood", cooperation_types=["commercial-agency"],
                         title="Pellet distribution network across Austria",
                         summary="We distribute wood pellets and biomass fuels to Austrian retailers.",
                         keywords=["pellets", "distribution"], language="de",
                         published_at=now - timedelta(days=2), expires_at=now + timedelta(days=300))
    panels = make_listing(si, kind="offer", sector="production", cooperation_types=["subcontracting"],
                          title="CNC machining of timber parts", summary="Subcontracting for furniture makers.",
                          keywords=["cnc", "timber"], language="sl",
                          published_at=now - timedelta(days=60), expires_at=now + timedelta(days=200))
    logistics = make_listing(pl, kind="offer", sector="logistics", cooperation_types=["services"],
                             title="Cross-dock warehouse near Łódź", summary="Warehousing for food producers.",
                             keywords=["warehousing"], language="pl",
                             published_at=now - timedelta(days=1), expires_at=now + timedelta(days=360))
    expired = make_listing(cz, title="Expired offer of wood chips", summary="Wood chips, last season.",
                           published_at=now - timedelta(days=400), expires_at=now - timedelta(days=35))
    private = [
        make_listing(cz, status="draft", title="DRAFT-SECRET pellets"),
        make_listing(cz, status="pending", title="PENDING-SECRET pellets"),
        make_listing(cz, status="rejected", title="REJECTED-SECRET pellets", rejection_reason="unclear",
                     rejection_note="NOTE-SECRET call me"),
        make_listing(cz, status="withdrawn", title="WITHDRAWN-SECRET pellets", withdrawn_at=now),
        make_listing(hidden, title="HIDDEN-COMPANY-SECRET pellets"),
        make_listing(suspended, title="SUSPENDED-COMPANY-SECRET pellets"),
    ]
    db.session.commit()
    return SimpleNamespace(cz=cz, at=at, si=si, pl=pl, hidden=hidden, suspended=suspended, cluster=cluster,
                           other_cluster=other_cluster, request=request, offer=offer, panels=panels,
                           logistics=logistics, expired=expired, private=private, jana=jana,
                           active=[request, offer, panels, logistics])


@pytest.fixture
def world(app):
    return build_world()


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` … `len(counted.statements)` statements were sent."""

    @contextmanager
    def _count():
        counted = SimpleNamespace(statements=[])

        def _listener(conn, cursor, statement, *args):
            counted.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", _listener)
        try:
            yield counted
        finally:
            event.remove(db.engine, "before_cursor_execute", _listener)

    return _count
