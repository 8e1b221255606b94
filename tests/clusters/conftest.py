"""Fixtures of the clusters tests: two clusters, their managers, companies in each role, a query counter."""
from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from marketplace.clusters.models import MEMBERSHIP_PENDING, ClusterMembership
from marketplace.extensions import db

from ..factories import make_cluster, make_company, make_user


@pytest.fixture
def world(app):
    """Cluster A (managed by manager_a) has a member company and a pending request; cluster B likewise."""
    manager_a = make_user("manager.a@example.com", name="Anna Manager", locale="de")
    manager_a2 = make_user("manager.a2@example.com", name="Aron Manager", locale="hu")
    manager_b = make_user("manager.b@example.com", name="Bruno Manager")
    member = make_user("member@example.com", name="Marta Member")
    company = make_company("Acme Wood", members=[member])
    insider = make_user("insider@example.com", name="Ivo Insider")
    member_company = make_company("Inside Ltd", members=[insider])
    applicant = make_user("applicant@example.com", name="Pia Applicant")
    applicant_company = make_company("Applicant GmbH", country="AT", members=[applicant])
    cluster_a = make_cluster("Cluster A", managers=[manager_a, manager_a2], members=[member_company])
    cluster_b = make_cluster("Cluster B", country="PL", managers=[manager_b], members=[member_company])
    pending_a = ClusterMembership(cluster=cluster_a, company=applicant_company, status=MEMBERSHIP_PENDING)
    pending_b = ClusterMembership(cluster=cluster_b, company=applicant_company, status=MEMBERSHIP_PENDING)
    db.session.add_all([pending_a, pending_b])
    admin = make_user("admin@example.com", name="Ada Admin", is_admin=True)
    outsider = make_user("outsider@example.com", name="Oscar Outsider")
    db.session.commit()
    accepted_a = next(m for m in cluster_a.memberships if m.company_id == member_company.id)
    return SimpleNamespace(
        manager_a=manager_a, manager_a2=manager_a2, manager_b=manager_b, member=member, company=company,
        insider=insider, member_company=member_company, applicant=applicant, applicant_company=applicant_company,
        cluster_a=cluster_a, cluster_b=cluster_b, pending_a=pending_a, pending_b=pending_b, accepted_a=accepted_a,
        admin=admin, outsider=outsider)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` … `counted.selects` lists the SELECTs sent."""

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
