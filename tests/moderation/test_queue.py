"""The review queue: who sees what, oldest first, revisions included, paginated without N+1."""
from __future__ import annotations

import re

from marketplace.clusters.models import ClusterManager
from marketplace.extensions import db
from marketplace.listings.services import ListingData

from .conftest import ago, make_listing, make_user, text_of


def titles_in(response) -> list[str]:
    """The listing titles of the queue table, in page order."""
    return re.findall(r'href="/moderation/listings/\d+"[^>]*>([^<]+)</a>', response.get_data(as_text=True))


def revision_of(listing, **changes) -> dict:
    data = ListingData.of(listing)
    for name, value in changes.items():
        setattr(data, name, value)
    return data.__dict__.copy()


def test_manager_sees_pending_and_revisions_of_own_clusters_oldest_first(people, client_for):
    make_listing(people.company, status="pending", title="Newer pending", submitted_at=ago(hours=2))
    make_listing(people.company, status="pending", title="Older pending", submitted_at=ago(days=5))
    published = make_listing(people.company, title="Published one")
    published.revision = revision_of(published, title="Revised title")
    published.revision_submitted_at = ago(days=1)
    make_listing(people.company, title="Published without changes")
    make_listing(people.company, status="draft", title="A draft")
    make_listing(people.company, status="rejected", title="A rejected one")
    make_listing(people.other_company, status="pending", title="Other cluster pending")
    make_listing(people.lone_company, status="pending", title="No cluster pending")
    db.session.commit()

    response = client_for(people.manager).get("/moderation")
    assert response.status_code == 200
    assert titles_in(response) == ["Older pending", "Revised title", "Newer pending"]
    page = text_of(response)
    assert "5 days ago" in page and "2 hours ago" in page
    assert "Changes to a published listing" in page and "Wood Cluster Usti" in page
    assert "3 listings wait for review." in page


def test_manager_of_other_cluster_sees_only_theirs(people, client_for, pending):
    make_listing(people.other_company, status="pending", title="Other cluster pending")
    db.session.commit()
    assert titles_in(client_for(people.other_manager).get("/moderation")) == ["Other cluster pending"]


def test_admin_sees_everything_and_filters_by_cluster_or_none(people, client_for, pending):
    make_listing(people.other_company, status="pending", title="Other cluster pending", submitted_at=ago(days=9))
    make_listing(people.lone_company, status="pending", title="No cluster pending", submitted_at=ago(days=1))
    db.session.commit()
    admin = client_for(people.admin)

    assert titles_in(admin.get("/moderation")) == [
        "Other cluster pending", "Distributor sought for pellets", "No cluster pending"]
    assert titles_in(admin.get("/moderation?cluster=none")) == ["No cluster pending"]
    assert titles_in(admin.get(f"/moderation?cluster={people.other_cluster.id}")) == ["Other cluster pending"]
    page = text_of(admin.get("/moderation"))
    assert "Companies in no cluster" in page and "No cluster" in page


def test_no_cluster_items_stay_out_of_managers_queues(people, client_for):
    make_listing(people.lone_company, status="pending", title="No cluster pending")
    db.session.commit()
    manager = client_for(people.manager)
    assert titles_in(manager.get("/moderation")) == []
    assert "Nothing to review." in text_of(manager.get("/moderation"))
    # a manager cannot widen the queue with the admins' filter or another cluster's id
    assert titles_in(manager.get("/moderation?cluster=none")) == []
    make_listing(people.other_company, status="pending", title="Other cluster pending")
    db.session.commit()
    assert titles_in(manager.get(f"/moderation?cluster={people.other_cluster.id}")) == []


def test_pending_membership_does_not_make_a_manager_responsible(people, client_for):
    from marketplace.clusters.models import MEMBERSHIP_PENDING, ClusterMembership

    db.session.add(ClusterMembership(cluster=people.cluster, company=people.lone_company, status=MEMBERSHIP_PENDING))
    make_listing(people.lone_company, status="pending", title="Only asked to join")
    db.session.commit()
    assert titles_in(client_for(people.manager).get("/moderation")) == []
    assert titles_in(client_for(people.admin).get("/moderation?cluster=none")) == ["Only asked to join"]


def test_queue_is_paginated(app, people, client_for):
    app.config["PAGE_SIZE"] = 2
    for days in range(5, 0, -1):
        make_listing(people.company, status="pending", title=f"Waiting {days} days", submitted_at=ago(days=days))
    db.session.commit()
    manager = client_for(people.manager)
    assert titles_in(manager.get("/moderation")) == ["Waiting 5 days", "Waiting 4 days"]
    assert titles_in(manager.get("/moderation?page=3")) == ["Waiting 1 days"]
    assert 'rel="next"' in manager.get("/moderation").get_data(as_text=True)


def test_queue_query_count_does_not_grow_with_items(people, client_for, count_queries):
    from marketplace.companies.models import Company

    admin = client_for(people.admin)
    company_ids = [people.company.id, people.other_company.id, people.lone_company.id]

    def add(n):
        for i in range(n):
            company = db.session.get(Company, company_ids[i % 3])
            make_listing(company, status="pending", submitted_at=ago(hours=i + 1))
        db.session.commit()
        db.session.remove()  # the next request starts with an empty session, as in production

    add(2)
    with count_queries() as few:
        assert admin.get("/moderation").status_code == 200
    add(10)
    with count_queries() as many:
        response = admin.get("/moderation")
    assert len(titles_in(response)) == 12
    assert len(many.statements) == len(few.statements), many.statements


def test_nav_shows_review_queue_to_moderators_only(people, client_for):
    assert "Review queue" in text_of(client_for(people.manager).get("/moderation"))
    assert "Review queue" in text_of(client_for(people.admin).get("/listings"))
    assert "Review queue" not in text_of(client_for(people.owner).get("/listings"))


def test_manager_does_not_review_their_own_company(people, client_for, pending):
    """A manager who works for a member company leaves its listings to the other managers and the admins."""
    people.manager.company_id = people.company.id
    second_manager = make_user("second@example.com", name="Sam Second")
    db.session.add(ClusterManager(cluster=people.cluster, user=second_manager))
    db.session.commit()

    assert titles_in(client_for(people.manager).get("/moderation")) == []
    assert client_for(people.manager).get(f"/moderation/listings/{pending.id}").status_code in (403, 404)
    assert titles_in(client_for(second_manager).get("/moderation")) == ["Distributor sought for pellets"]
    assert titles_in(client_for(people.admin).get("/moderation")) == ["Distributor sought for pellets"]
