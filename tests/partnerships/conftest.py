"""Fixtures of the partnerships tests: companies and clusters in several countries, and a partnership."""
from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from marketplace.extensions import db
from marketplace.partnerships import membership, services
from marketplace.partnerships.models import CLUSTER, COMPANY

from ..factories import make_cluster, make_company, make_user


def make_partnership(actor, lead, name: str = "Pellets for the Alps", sector: str = "wood",
                     goal: str = "Supply **wood pellets** to hotels.", publish: bool = False):
    kind = COMPANY if lead.__class__.__name__ == "Company" else CLUSTER
    partnership = services.create_partnership(actor, services.PartnershipData(name, goal, sector), (kind, lead.id))
    if publish:
        services.publish(partnership)
    return partnership


@pytest.fixture
def world(app):
    """A published partnership led by a Slovenian company, with an Austrian member, an open role,
    a Czech company invited to it, and outsiders of every kind."""
    lead_user = make_user("lead@example.com", name="Lea Lead", locale="sl")
    colleague = make_user("colleague@example.com", name="Cene Colleague")
    lead_company = make_company("Celje Pellets", country="SI", sectors=("wood",), members=[lead_user, colleague])
    partner_user = make_user("partner@example.com", name="Paul Partner", locale="de")
    partner_company = make_company("Alpen Holz", country="AT", sectors=("wood",), members=[partner_user])
    invitee_user = make_user("invitee@example.com", name="Ivana Invitee", locale="cs")
    invitee_company = make_company("Dřevo Ústí", country="CZ", sectors=("wood",), members=[invitee_user])
    outsider = make_user("outsider@example.com", name="Otto Outsider")
    outsider_company = make_company("Outsider Ltd", country="PL", members=[outsider])
    manager = make_user("manager@example.com", name="Mia Manager", locale="de")
    cluster = make_cluster("Upper Austria Wood Cluster", country="AT", sectors=("wood",), managers=[manager])
    other_manager = make_user("other.manager@example.com", name="Olga Manager")
    other_cluster = make_cluster("Silesian Wood Cluster", country="PL", sectors=("wood",), managers=[other_manager])
    admin = make_user("admin@example.com", name="Ada Admin", is_admin=True)
    loner = make_user("loner@example.com", name="Lone Wolf")  # no company, no cluster

    partnership = make_partnership(lead_user, lead_company, publish=True)
    filled = services.add_role(partnership, services.RoleData("wood", "AT", "Sawmill with certified spruce"))
    open_role = services.add_role(partnership, services.RoleData("wood", "CZ", "Pellet press maker"))
    partner = membership.invite(lead_user, partnership, partner_company, filled)
    membership.answer_invitation(partner_user, partner, True)
    invitation = membership.invite(lead_user, partnership, invitee_company, open_role)
    db.session.commit()
    return SimpleNamespace(
        lead_user=lead_user, colleague=colleague, lead_company=lead_company, partner_user=partner_user,
        partner_company=partner_company, invitee_user=invitee_user, invitee_company=invitee_company,
        outsider=outsider, outsider_company=outsider_company, manager=manager, cluster=cluster,
        other_manager=other_manager, other_cluster=other_cluster, admin=admin, loner=loner,
        partnership=partnership, filled=filled, open_role=open_role, partner=partner, invitation=invitation)


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


@pytest.fixture(autouse=True)
def request_context(request):
    """Messages of domain errors are translated lazily: reading them needs a request's locale."""
    if "app" not in request.fixturenames:
        yield
        return
    with request.getfixturevalue("app").test_request_context():
        yield
