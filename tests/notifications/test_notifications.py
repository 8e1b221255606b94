"""In-app notifications: the bell, the page, marking read, the registry, and the events that fire them."""
from __future__ import annotations

import re

import pytest
from flask_babel import format_date, lazy_gettext as _l
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.listings import services as listing_services
from marketplace.messaging import services as messaging
from marketplace.notifications import services
from marketplace.notifications.models import Notification

from ..conftest import Auth
from ..factories import make_listing
from ..interests.conftest import count, hidden, text_of


def bell(response) -> str:
    match = re.search(r'<a class="nav-bell"[^>]*aria-label="([^"]*)"', response.get_data(as_text=True))
    return match.group(1) if match else ""


def notifications_of(user) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


def test_bell_counts_and_page_lists_in_the_readers_language(people, client_for, pending_interest):
    client = client_for(people.owner)
    page = client.get("/companies")
    assert bell(page) == "Notifications (1 unread)"
    listing = text_of(client.get("/notifications"))
    assert "Holz Linz GmbH expressed interest in your listing “Wood pellets for Austria”." in listing
    assert bell(client_for(people.outsider).get("/companies")) == "Notifications"
    assert bell(client_for(people.loner).get("/companies")) == "Notifications"  # no company, still a bell
    assert 'href="/inbox"' not in client_for(people.loner).get("/companies").get_data(as_text=True)


def test_open_marks_read_and_goes_to_the_target(people, client_for, pending_interest):
    client = client_for(people.owner)
    [item] = notifications_of(people.owner)
    response = client.post(f"/notifications/{item.id}/open")
    assert response.status_code == 302 and response.location == f"/interests/{pending_interest.id}"
    assert notifications_of(people.owner)[0].read_at is not None
    assert bell(client.get("/companies")) == "Notifications"
    # The colleague's own copy is untouched.
    assert notifications_of(people.colleague)[0].read_at is None


def test_mark_one_and_all_as_read(people, client_for, conversation):
    client = client_for(people.sender)
    items = notifications_of(people.sender)
    assert [n.kind for n in items] == ["interest_accepted"]
    messaging.post_message(people.owner, conversation, "Hello", "n-1")
    db.session.commit()
    first, second = notifications_of(people.sender)
    assert client.post(f"/notifications/{first.id}/read").status_code == 302
    assert [n.read_at is not None for n in notifications_of(people.sender)] == [True, False]
    response = client.post("/notifications/read-all", follow_redirects=True)
    assert "All notifications are marked as read." in text_of(response)
    assert all(n.read_at for n in notifications_of(people.sender))
    assert "Mark all as read" not in text_of(client.get("/notifications"))


def test_someone_elses_notification_is_404(people, client_for, pending_interest):
    [item] = notifications_of(people.owner)
    intruder = client_for(people.sender)
    for action in ("open", "read"):
        assert intruder.post(f"/notifications/{item.id}/{action}").status_code == 404
    intruder.post("/notifications/read-all")
    assert notifications_of(people.owner)[0].read_at is None
    assert client_for().post(f"/notifications/{item.id}/read").status_code == 302  # to sign in
    assert "expressed interest" not in text_of(intruder.get("/notifications"))


def test_marking_needs_post_and_csrf(csrf_app):
    from ..factories import make_company, make_user

    person = make_user("p@example.com")
    make_company(members=[person])
    services.notify(person, "listing_approved", "/listings/1", listing="Pellets")
    db.session.commit()
    client = csrf_app.test_client()
    sign_in = client.get("/account/sign-in")
    Auth(client).client.post("/account/sign-in", data={"email": person.email, "password": "correct horse battery staple",
                                                       "csrf_token": hidden(sign_in, "csrf_token")})
    [item] = notifications_of(person)
    assert client.get(f"/notifications/{item.id}/read").status_code == 405
    assert client.post(f"/notifications/{item.id}/read").status_code == 400
    assert client.post("/notifications/read-all").status_code == 400
    assert client.post("/notifications/preferences", data={}).status_code == 400
    assert notifications_of(person)[0].read_at is None
    page = client.get("/notifications")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    assert client.post(f"/notifications/{item.id}/read", data={"csrf_token": token}).status_code == 302
    assert notifications_of(person)[0].read_at is not None


def test_an_open_redirect_cannot_ride_on_a_notification(people, client_for):
    services.notify(people.owner, "listing_approved", "https://evil.example/", listing="x")
    db.session.commit()
    [item] = notifications_of(people.owner)
    assert client_for(people.owner).post(f"/notifications/{item.id}/open").location == "/notifications"


def test_registry_is_extensible_and_robust(people, client_for):
    services.register_kind("partnership_invited", _l("%(company)s invites you to the partnership “%(name)s”."))
    try:
        services.notify(people.owner, "partnership_invited", "/partnerships/x", company="Holz", name="Pellets Alps")
        services.notify(people.owner, "partnership_invited", "/partnerships/y", company="Holz")  # no name given
        db.session.commit()
        text = text_of(client_for(people.owner).get("/notifications"))
        assert "Holz invites you to the partnership “Pellets Alps”." in text
        assert "Holz invites you to the partnership “”." in text
        with pytest.raises(ValueError):
            services.notify(people.owner, "never-registered", "/")
    finally:
        services.KINDS.pop("partnership_invited")
    # A kind no longer registered still renders (older rows).
    assert "Something happened that concerns you." in text_of(client_for(people.owner).get("/notifications"))


def test_text_is_rendered_in_the_readers_language_at_display_time(people, app):
    from flask_babel import force_locale

    services.notify(people.owner, "listing_expiring", "/listings/1", listing="Pellets",
                    date=people.listing.expires_at)
    db.session.commit()
    [item] = notifications_of(people.owner)
    assert item.params["date"].startswith(str(people.listing.expires_at.year))
    with app.test_request_context():
        for locale in ("en", "de"):
            with force_locale(locale):
                shown = services.text_of(item)
                assert "“Pellets”" in shown and format_date(people.listing.expires_at) in shown, locale
        with force_locale("de"):
            assert services.text_of(item) != shown_in("en", item, app)


def shown_in(locale, item, app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale(locale):
        return services.text_of(item)


def test_messages_merge_into_one_unread_notification_per_conversation(people, conversation):
    for n in range(5):
        messaging.post_message(people.owner, conversation, f"Update {n}", f"u-{n}")
    db.session.commit()
    items = [n for n in notifications_of(people.sender) if n.kind == "message_received"]
    assert len(items) == 1 and items[0].url == f"/inbox/{conversation.id}"
    assert items[0].params == {"company": "Pellets Usti", "subject": "Wood pellets for Austria"}
    services.mark_read(people.sender, items[0])
    messaging.post_message(people.owner, conversation, "After reading", "u-9")
    db.session.commit()
    assert len([n for n in notifications_of(people.sender) if n.kind == "message_received"]) == 2
    assert count(Notification, Notification.user_id == people.owner.id, Notification.kind == "message_received") == 0


def test_moderation_decisions_and_expiry_reminders_notify_the_company(people, client_for):
    pending = make_listing(people.company, people.owner, status="pending", title="Sawdust for sale")
    rejected = make_listing(people.company, people.owner, status="pending", title="Vague offer")
    expiring = make_listing(people.company, people.owner, title="Old pellets")
    from datetime import timedelta

    from marketplace.database import utcnow

    expiring.expires_at = utcnow() + timedelta(days=5)
    db.session.commit()
    listing_services.approve(people.manager, pending)
    listing_services.reject(people.manager, rejected, "incomplete", "Say more")
    assert listing_services.send_expiry_reminders() == 1
    db.session.commit()
    for member in (people.owner, people.colleague):
        kinds = [(n.kind, n.url) for n in notifications_of(member)]
        assert kinds == [("listing_approved", f"/listings/{pending.id}"),
                         ("listing_rejected", f"/listings/{rejected.id}"),
                         ("listing_expiring", f"/listings/{expiring.id}")]
    text = text_of(client_for(people.owner).get("/notifications"))
    assert "Your listing “Sawdust for sale” was approved and is published." in text
    assert "Your listing “Vague offer” was not published." in text
    assert "Your listing “Old pellets” expires on" in text
    assert notifications_of(people.sender) == []
