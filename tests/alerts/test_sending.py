"""`flask alerts send` over real SMTP: what is due, what is new, idempotence, and the mail itself."""
from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.alerts import services
from marketplace.alerts.models import DAILY, NONE, WEEKLY, SavedSearch
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due
from marketplace.mail.models import OutboxMessage

from .conftest import build_world, listing_at, private_listings, run_send, saved_search

QUERY = "q=pellets&sector=wood&country=AT"


@pytest.fixture
def mail_world(mail_app):
    return build_world()


def test_sends_new_active_listings_once(mail_app, smtp_server, mail_world):
    w = mail_world
    saved = saved_search(w.alice, QUERY, DAILY, name="Pellets from Austria")
    fits = listing_at(w.austria, hours_ago=3, title="Pellets A1 <bagged> & loose", kind="offer")
    newer = listing_at(w.austria, hours_ago=1, title="Pellet boilers sought", kind="request")
    listing_at(w.austria, hours_ago=30, title="Old pellets, published before the search was saved")
    listing_at(w.czechia, hours_ago=2, title="Pellets from Czechia")
    listing_at(w.austria, hours_ago=2, title="Austrian cheese", sector="food")
    private_listings(w)
    db.session.commit()

    output = run_send(mail_app)
    assert "1 mail(s) queued with 2 listing(s)" in output and f"saved search {saved.id}: 2 new" in output
    deliver_due()
    [mail] = smtp_server.to("alice@example.com")
    assert mail["Subject"] == "2 new listings for your search “Pellets from Austria”"
    body = smtp_server.text_of(mail)
    assert body.index("Pellet boilers sought") < body.index("Pellets A1 <bagged> & loose")  # newest first
    assert "Offer · Wood industry · Austria" in body and "Request · Wood industry · Austria" in body
    for absent in ("Old pellets", "Czechia", "cheese", "Hidden pellets"):
        assert absent not in body
    links = smtp_server.links_in(mail)
    assert f"http://marketplace.test/listings/{fits.id}" in links
    assert f"http://marketplace.test/listings/{newer.id}" in links
    assert "http://marketplace.test/listings?sort=newest&q=pellets&sector=wood&country=AT" in links
    assert "http://marketplace.test/account/saved-searches" in links
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "Pellets A1 &lt;bagged&gt; &amp; loose" in html and "<bagged>" not in html
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["List-Unsubscribe"].startswith("<http://marketplace.test/alerts/unsubscribe/")

    # Running again sends nothing twice, even when the search is made due again.
    assert "0 mail(s) queued" in run_send(mail_app)
    saved.last_sent_at = utcnow() - timedelta(days=2)
    db.session.commit()
    assert "0 mail(s) queued with 0 listing(s); 1 with nothing new" in run_send(mail_app)
    deliver_due()
    assert len(smtp_server.to("alice@example.com")) == 1

    # Only what was published since the last mail comes next time.
    listing_at(w.austria, hours_ago=0.5, title="Pellets, the next day")
    db.session.commit()
    run_send(mail_app)
    deliver_due()
    second = smtp_server.to("alice@example.com")[1]
    assert second["Subject"] == "1 new listing for your search “Pellets from Austria”"
    second_body = smtp_server.text_of(second)
    assert "Pellets, the next day" in second_body and "Pellet boilers" not in second_body


def test_nothing_sent_when_nothing_new(mail_app, smtp_server, mail_world):
    saved = saved_search(mail_world.alice, QUERY, WEEKLY)
    private_listings(mail_world)
    listing_at(mail_world.austria, hours_ago=48, title="Published before the search was saved")
    db.session.commit()
    assert "1 with nothing new" in run_send(mail_app)
    assert db.session.query(OutboxMessage).count() == 0
    assert saved.last_sent_at is None  # still due: the first new listing is mailed at the next run


def test_listing_approved_moments_ago_waits_for_the_next_run(mail_app, mail_world):
    # It may still be committing alongside listings published just before it; the next run takes it.
    saved_search(mail_world.alice, QUERY, DAILY)
    listing_at(mail_world.austria, hours_ago=0.01)
    db.session.commit()
    assert "1 with nothing new" in run_send(mail_app)


@pytest.mark.parametrize(("frequency", "hours_since_last", "due"), [
    (DAILY, None, True), (DAILY, 22, False), (DAILY, 23.5, True), (DAILY, 24 * 3, True),
    (WEEKLY, None, True), (WEEKLY, 24 * 6, False), (WEEKLY, 24 * 6.95, True), (WEEKLY, 24 * 8, True),
    (NONE, None, False), (NONE, 24 * 30, False),
])
def test_daily_and_weekly_due(mail_app, smtp_server, mail_world, frequency, hours_since_last, due):
    saved = saved_search(mail_world.alice, QUERY, frequency, watermark_hours_ago=24 * 30,
                         last_sent_hours_ago=hours_since_last)
    listing_at(mail_world.austria, hours_ago=1)
    db.session.commit()
    assert services.is_due(saved, utcnow()) is due
    assert (saved.id in services.due_ids()) is due
    output = run_send(mail_app)
    assert f"{int(due)} mail(s) queued" in output
    deliver_due()
    assert len(smtp_server.to("alice@example.com")) == int(due)


def test_at_most_twenty_listings_with_a_link_to_all(mail_app, smtp_server, mail_world):
    saved_search(mail_world.alice, "sector=wood", DAILY, name="Wood")
    for n in range(25):
        listing_at(mail_world.czechia, hours_ago=1 + n / 10, title=f"Wood listing number {n:02d}")
    db.session.commit()
    assert "with 25 listing(s)" in run_send(mail_app)
    deliver_due()
    [mail] = smtp_server.to("alice@example.com")
    body = smtp_server.text_of(mail)
    assert mail["Subject"] == "25 new listings for your search “Wood”"
    assert body.count("Wood listing number") == 20 and "number 00" in body and "number 19" in body
    assert "number 20" not in body
    assert "And 5 more. See them all in the search:" in body
    assert "http://marketplace.test/listings?sort=newest&sector=wood" in smtp_server.links_in(mail)


def test_mail_in_the_recipients_language(mail_app, smtp_server, mail_world):
    mail_world.alice.locale = "de"
    saved_search(mail_world.alice, "country=AT", DAILY, name="Österreich")
    listing_at(mail_world.austria)
    db.session.commit()
    run_send(mail_app)
    deliver_due()
    [mail] = smtp_server.to("alice@example.com")
    assert mail["Content-Language"] == "de"
    assert "Österreich" in smtp_server.text_of(mail)  # the country name from CLDR in German


def test_no_mail_to_deleted_or_unconfirmed_people(mail_app, smtp_server, mail_world):
    saved_search(mail_world.alice, QUERY, DAILY)
    saved_search(mail_world.bob, QUERY, DAILY)
    mail_world.alice.deleted_at = utcnow()
    mail_world.bob.email_confirmed_at = None
    listing_at(mail_world.austria)
    db.session.commit()
    assert services.due_ids() == []
    assert "0 saved search(es) due" in run_send(mail_app)


def test_search_whose_cluster_is_gone_is_skipped(mail_app, mail_world):
    saved = saved_search(mail_world.alice, "sector=wood", DAILY)
    saved.query_string = "sector=wood&cluster=deleted-cluster"
    listing_at(mail_world.austria)
    db.session.commit()
    # Without its cluster the search would mail listings of every cluster.
    assert "1 skipped (filters no longer valid)" in run_send(mail_app)
    assert db.session.query(OutboxMessage).count() == 0


def test_a_concurrent_run_that_moved_the_watermark_first_wins(mail_app, mail_world):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite runs each alert in a BEGIN IMMEDIATE transaction: writers never overlap")
    saved = saved_search(mail_world.alice, QUERY, DAILY)
    listing_at(mail_world.austria)
    db.session.commit()
    stale = db.session.get(SavedSearch, saved.id)  # this run has read the old watermark…
    with db.engine.begin() as other_run:  # …when another run sends the mail and moves it
        other_run.execute(SavedSearch.__table__.update().where(SavedSearch.__table__.c.id == saved.id)
                          .values(last_listing_published_at=utcnow(), last_sent_at=utcnow()))
    assert stale.last_sent_at is None
    outcome = services.send_alert(saved.id)
    db.session.commit()
    assert outcome.status == "taken" and db.session.query(OutboxMessage).count() == 0


def test_send_requires_server_name(make_app):
    app = make_app(SERVER_NAME=None)
    result = app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code != 0 and "MARKETPLACE_SERVER_NAME" in result.output
