"""The admins' platform overview: who may see it, and every figure it shows for a known small world."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.mail.models import OutboxMessage
from marketplace.moderation.models import Report
from tests.conftest import Auth
from tests.factories import make_cluster, make_company, make_listing, make_user
from tests.interests.conftest import count_queries  # noqa: F401 - the shared statement counter
from tests.page_figures import PageFigures


def ago(**delta):
    # An hour more than whole units, so the page's whole days and hours do not round down.
    return utcnow() - timedelta(**delta) - timedelta(minutes=5 if "hours" in delta else 60)


@pytest.fixture
def world(app):
    admin = make_user("admin@example.com", is_admin=True)
    member = make_user("member@example.com")
    manager = make_user("manager@example.com")
    make_user("recent@example.com").last_signed_in_at = ago(days=10)
    make_user("stale@example.com").last_signed_in_at = ago(days=40)
    make_user("unconfirmed@example.com", confirmed=False)
    gone = make_user("gone@example.com")
    gone.last_signed_in_at, gone.deleted_at = ago(days=1), ago(days=1)

    company = make_company("Ústecká Dřevo", members=[member])
    make_company("Hidden Holz", country="DE", is_published=False)
    make_company("Suspended Holz", country="AT", suspended_at=ago(days=3))
    make_cluster("Wood Cluster", managers=[manager], members=[company])
    make_cluster("Food Cluster", sectors=("food",))

    make_listing(company, status="draft")
    make_listing(company, status="pending", submitted_at=ago(days=10))
    make_listing(company, status="pending", submitted_at=ago(days=4))
    make_listing(company, status="published")
    make_listing(company, status="published", revision={"title": "New title"}, revision_submitted_at=ago(days=2))
    make_listing(company, status="published", published_at=ago(days=400), expires_at=ago(days=35))
    make_listing(company, status="rejected")
    make_listing(company, status="withdrawn")

    for status, created in (("open", ago(days=6)), ("open", ago(days=2)), ("resolved", ago(days=20))):
        db.session.add(Report(subject_type="listing", subject_id=1, reason="spam", status=status, created_at=created))
    for status, created in (("queued", ago(hours=3)), ("queued", ago(minutes=30)), ("failed", ago(days=1)),
                            ("sent", ago(days=2))):
        db.session.add(OutboxMessage(to_address="someone@example.com", subject="Hello", body_text="Hello",
                                     status=status, created_at=created))
    db.session.commit()
    return SimpleNamespace(admin=admin, member=member, manager=manager)


def signed_in(app, user):
    client = app.test_client()
    Auth(client).sign_in(user)
    return client


def test_only_admins_see_it(app, world):
    anonymous = app.test_client().get("/admin/overview")
    assert anonymous.status_code == 302 and "/account/sign-in" in anonymous.headers["Location"]
    assert signed_in(app, world.member).get("/admin/overview").status_code == 403
    assert signed_in(app, world.manager).get("/admin/overview").status_code == 403
    assert signed_in(app, world.admin).get("/admin/overview").status_code == 200


def test_every_figure(app, world):
    response = signed_in(app, world.admin).get("/admin/overview")
    figures = PageFigures(response.get_data(as_text=True))
    assert figures.tables["people-table"] == [
        ["Users", "6"],  # the deleted account is not counted
        ["Users with a confirmed e-mail address", "5"],
        ["Users signed in within the last 30 days", "2"],  # the admin just now, and recent@
        ["Companies", "3"], ["Companies with a published profile", "2"], ["Suspended companies", "1"],
        ["Clusters", "2"]]
    assert figures.tables["listings-table"] == [
        ["Status", "Listings"], ["Draft", "1"], ["Pending review", "2"], ["Published", "2"], ["Expired", "1"],
        ["Rejected", "1"], ["Withdrawn", "1"], ["Total", "8"]]
    review, reports = figures.body_rows("backlog-table")
    assert [review[0], review[1], review[3], review[4]] == ["Listings and edits awaiting review", "3", "10 days",
                                                             "4 days"]
    assert [reports[0], reports[1], reports[3], reports[4]] == ["Open reports", "2", "6 days", "4 days"]
    assert figures.tables["outbox-table"][:2] == [["Queued messages", "2"], ["Failed messages", "1"]]
    assert figures.tables["outbox-table"][2][1].endswith("(3 hours)")
    chart = response.get_data(as_text=True).split('id="listings-by-status-title"')[1].split("</svg>")[0]
    assert "Pending review: 2</title>" in chart and "Expired: 1</title>" in chart


def test_empty_backlog_shows_dashes(app):
    admin = make_user("admin@example.com", is_admin=True)
    db.session.commit()
    figures = PageFigures(signed_in(app, admin).get("/admin/overview").get_data(as_text=True))
    assert figures.body_rows("backlog-table")[0][1:] == ["0", "–", "–", "–"]
    assert figures.tables["outbox-table"][2] == ["Oldest queued message", "–"]


def test_linked_from_the_admin_area(app, world):
    page = signed_in(app, world.admin).get("/admin").get_data(as_text=True)
    assert 'href="/admin/overview"' in page


def test_aggregates_in_a_fixed_number_of_queries(app, world, count_queries):
    client = signed_in(app, world.admin)
    with count_queries() as counted:
        client.get("/admin/overview")
    statements = [s for s in counted.statements if s != "BEGIN"]
    # Nine aggregates (the two medians read one or two rows each), the signed-in user and the menu's counts.
    assert len(statements) <= 13, statements
    for table in ("users", "companies", "listings", "reports", "outbox_messages"):
        assert not any(s.startswith(f"SELECT {table}.id") for s in statements), f"{table} read row by row"


def test_sign_in_records_the_moment(app, world):
    before = utcnow()
    signed_in(app, world.member)
    db.session.refresh(world.member)
    assert world.member.last_signed_in_at >= before - timedelta(seconds=1)
