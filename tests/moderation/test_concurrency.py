"""Two moderators deciding the same listing at once: one wins, the other is told, nothing breaks."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.listings import services
from marketplace.listings.models import PUBLISHED, Listing
from marketplace.moderation.models import ModerationAction
from marketplace.moderation.queue import review_version

from .conftest import text_of


def decisions(listing_id: int) -> list[str]:
    return list(db.session.scalars(select(ModerationAction.action).where(
        ModerationAction.subject_id == listing_id, ModerationAction.action.in_(("approve", "reject")))))


def test_two_sessions_one_wins_the_other_gets_already_decided(app, people, pending):
    """Each app context has its own session and connection: two moderators' requests."""
    from marketplace.accounts.models import User

    listing_id, manager_id, admin_id = pending.id, people.manager.id, people.admin.id
    with app.app_context():
        # Moderator A loads the listing and keeps what it read (its page is open in the browser).
        seen_by_a = db.session.get(Listing, listing_id)
        actor_a = db.session.get(User, manager_id)
        db.session.expire_on_commit = False
        db.session.commit()  # SQLite: a reader must not hold its snapshot while B writes

        with app.app_context():  # moderator B decides first
            services.approve(db.session.get(User, admin_id), db.session.get(Listing, listing_id))
            db.session.commit()

        with pytest.raises(services.AlreadyDecided):
            services.reject(actor_a, seen_by_a, "unclear", "")
        db.session.rollback()

    db.session.rollback()  # the test's own session: end its old snapshot to read what was committed
    listing = db.session.get(Listing, listing_id)
    assert listing.status == PUBLISHED and listing.rejection_reason == ""
    assert decisions(listing_id) == ["approve"]


def test_two_browsers_open_the_page_then_both_decide(people, client_for, pending):
    manager, admin = client_for(people.manager), client_for(people.admin)
    url = f"/moderation/listings/{pending.id}"
    assert manager.get(url).status_code == 200 and admin.get(url).status_code == 200
    version = review_version(pending)

    first = admin.post(url + "/approve", data={"version": version})
    assert first.status_code == 302
    second = manager.post(url + "/reject", data={"version": version, "reason": "unclear"}, follow_redirects=True)
    assert second.status_code == 200
    assert "Someone else has already decided on this listing" in text_of(second)
    db.session.expire_all()
    assert db.session.get(Listing, pending.id).status == PUBLISHED
    assert decisions(pending.id) == ["approve"]


def test_truly_overlapping_transactions_on_postgresql(app, people, pending):
    """Both transactions read the pending listing, then both write: the second UPDATE waits, then finds 0 rows."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE; the overlap is a PostgreSQL case")
    from marketplace.accounts.models import User

    listing_id, ids = pending.id, [people.manager.id, people.admin.id]
    both_read = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def moderate(user_id: int, decide) -> None:
        with app.app_context():
            user, listing = db.session.get(User, user_id), db.session.get(Listing, listing_id)
            both_read.wait(timeout=10)
            try:
                decide(user, listing)
                db.session.commit()
                outcomes[user_id] = "won"
            except services.AlreadyDecided:
                db.session.rollback()
                outcomes[user_id] = "already decided"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=moderate, args=(ids[0], lambda u, l: services.approve(u, l))),
               threading.Thread(target=moderate, args=(ids[1], lambda u, l: services.reject(u, l, "unclear", "")))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["already decided", "won"]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(ModerationAction).where(
        ModerationAction.subject_id == listing_id, ModerationAction.action.in_(("approve", "reject")))) == 1
