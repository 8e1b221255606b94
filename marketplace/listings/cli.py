"""`flask listings remind`: e-mail the owners of listings about to expire (run it daily from a scheduler)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..database import writing
from ..extensions import db
from .services import send_expiry_reminders

listings_cli = AppGroup("listings", help="Listing upkeep.")


@listings_cli.command("remind")
def remind() -> None:
    """Remind each listing expiring within two weeks once; running it again sends nothing twice."""
    if not current_app.config["SERVER_NAME"]:
        # The reminders link to the listing, and outside a request only SERVER_NAME says where the site is.
        raise click.ClickException("Set MARKETPLACE_SERVER_NAME (e.g. marketplace.example.eu) so that the "
                                   "links in the reminders point to the site.")
    with writing():  # reads, then marks the listings reminded: take SQLite's write lock up front
        count = send_expiry_reminders()
        db.session.commit()
    click.echo(f"listings: {count} expiry reminder(s) queued")
