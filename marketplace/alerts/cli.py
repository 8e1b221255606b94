"""`flask alerts send`: e-mail each saved search's new listings when due (run it hourly from a scheduler)."""
from __future__ import annotations

from collections import Counter

import click
from flask import current_app
from flask.cli import AppGroup

from ..database import utcnow, writing
from ..extensions import db
from . import services

alerts_cli = AppGroup("alerts", help="Saved-search alerts.")


@alerts_cli.command("send")
def send() -> None:
    """Queue the daily and weekly alert mails that are due; running it again sends nothing twice."""
    if not current_app.config["SERVER_NAME"]:
        # The mails link to listings and to the unsubscribe page; outside a request only SERVER_NAME says where.
        raise click.ClickException("Set MARKETPLACE_SERVER_NAME (e.g. marketplace.example.eu) so that the "
                                   "links in the alert mails point to the site.")
    now = utcnow()
    ids = services.due_ids(now)
    db.session.rollback()  # end the read; each alert below is its own write transaction
    click.echo(f"alerts: {len(ids)} saved search(es) due")
    counts: Counter[str] = Counter()
    listings = 0
    for number, saved_search_id in enumerate(ids, start=1):
        with writing():
            outcome = services.send_alert(saved_search_id, now)
            db.session.commit()  # the mail and the moved watermark together, or neither
        counts[outcome.status] += 1
        listings += outcome.listings
        if outcome.status == "sent":
            click.echo(f"alerts: [{number}/{len(ids)}] saved search {saved_search_id}: "
                       f"{outcome.listings} new listing(s) mailed")
    click.echo(f"alerts: {counts['sent']} mail(s) queued with {listings} listing(s); "
               f"{counts['nothing-new']} with nothing new, {counts['invalid']} skipped (filters no longer valid), "
               f"{counts['taken'] + counts['not-due']} no longer due")
