"""Fixtures of the listings tests: people in each role, listings in any state, a query counter."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings.models import DRAFT, PUBLISHED, Listing
from marketplace.listings.services import VALIDITY

from ..factories import make_cluster, make_company, make_user

# A complete, clean listing as the form posts it (lists are multi-value fields).
VALID = {
    "kind": "request",
    "cooperation_types": ["commercial-agency", "supplier"],
    "sector": "wood",
    "title": "Distributor sought for wood pellets in Austria and Slovenia",
    "summary": "A Czech producer of certified wood pellets seeks distributors for the heating season.",
    "description": "We produce 40,000 t of **ENplus A1** pellets a year.\n\n- bagged 15 kg\n- big bags",
    "advantages": "Short transport routes, stable quality.",
    "development_stage": "on-market",
    "partner_role": "Distribution to retailers and end customers.",
    "partner_sizes": ["small", "medium"],
    "partner_type": "company",
    "keywords": "wood pellets, biomass, heating",
    "target_countries": ["AT", "SI"],
    "language": "en",
}


def page_text(response) -> str:
    return response.get_data(as_text=True)


def errors_of(response) -> str:
    return " ".join(re.findall(r'<p class="error"[^>]*>(.*?)</p>', page_text(response), re.S))


def hidden(response, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="{name}"', page_text(response))
    assert match, f"no hidden field {name}"
    return match.group(1) or match.group(2) or ""


def make_listing(company, author=None, *, status: str = PUBLISHED, days_left: int | None = 200, **fields) -> Listing:
    """A listing in any state; a published one has dates as if approved, expiring in `days_left` days."""
    now = utcnow()
    values = {key: value for key, value in {**VALID, **fields}.items()
              if key not in ("cooperation_types", "keywords", "target_countries")}
    listing = Listing(company_id=company.id, author_id=author.id if author else None, status=status, **values)
    listing.cooperation_types = fields.get("cooperation_types", VALID["cooperation_types"])
    listing.keywords = fields.get("keywords", ["wood pellets", "biomass"])
    listing.target_countries = fields.get("target_countries", ["AT", "SI"])
    if status != DRAFT:
        listing.submitted_at = now - timedelta(days=3)
    if status == PUBLISHED:
        expires = now + timedelta(days=days_left)
        listing.expires_at, listing.published_at = expires, expires - VALIDITY
    db.session.add(listing)
    db.session.flush()
    return listing


@pytest.fixture
def people(app):
    """The owner's company (in a cluster), another company, the cluster's manager, an admin."""
    owner = make_user("owner@example.com", name="Olga Owner")
    colleague = make_user("colleague@example.com", name="Carl Colleague")
    company = make_company("Pellets Ústí s.r.o.", country="CZ", members=[owner, colleague],
                           website="https://pellets-usti.example", region="Ústí Region")
    other = make_user("other@example.com", name="Otto Other")
    other_company = make_company("Other GmbH", country="AT", members=[other])
    manager = make_user("manager@example.com", name="Mia Manager")
    cluster = make_cluster("Wood Cluster Ústí", managers=[manager], members=[company])
    outside_manager = make_user("outsider.manager@example.com", name="Max Elsewhere")
    make_cluster("Other Cluster", managers=[outside_manager], members=[other_company])
    admin = make_user("admin@example.com", name="Ada Admin", is_admin=True)
    db.session.commit()
    return SimpleNamespace(owner=owner, colleague=colleague, company=company, other=other,
                           other_company=other_company, manager=manager, cluster=cluster,
                           outside_manager=outside_manager, admin=admin)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` … `len(counted.selects)` SELECTs were sent."""

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
            counted.selects = [s for s in counted.statements if s.lstrip().upper().startswith("SELECT")]

    return _count
