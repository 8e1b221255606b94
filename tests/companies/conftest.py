"""Fixtures of the companies tests: people in each role and a query counter."""
from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from marketplace.extensions import db

from ..factories import make_cluster, make_company, make_user


@pytest.fixture
def people(app):
    """A company with a member, another company, a cluster manager, an admin and a person with no company."""
    member = make_user("member@example.com", name="Marta Member")
    company = make_company("Acme Wood", members=[member], website="https://acme.example")
    other = make_user("other@example.com", name="Otto Other")
    other_company = make_company("Other Ltd", members=[other])
    manager = make_user("manager@example.com", name="Mia Manager")
    make_cluster("Wood Cluster", managers=[manager])
    admin = make_user("admin@example.com", name="Ada Admin", is_admin=True)
    outsider = make_user("outsider@example.com", name="Oscar Outsider")
    db.session.commit()
    return SimpleNamespace(member=member, company=company, other=other, other_company=other_company,
                           manager=manager, admin=admin, outsider=outsider, anonymous=None)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` … `counted.selects` is the number of SELECTs sent."""

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
