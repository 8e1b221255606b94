"""`flask interests expire`: mark interests unanswered for 14 days as expired and tell their senders."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..database import writing
from ..extensions import db
from .services import expire_due

interests_cli = AppGroup("interests", help="Expressions of interest upkeep.")


@interests_cli.command("expire")
def expire() -> None:
    """Run daily from a scheduler. Correctness does not depend on it: pages derive expiry from the date."""
    if not current_app.config["SERVER_NAME"]:
        raise click.ClickException("Set MARKETPLACE_SERVER_NAME (e.g. marketplace.example.eu) so that the "
                                   "links in the e-mails point to the site.")
    with writing():
        count = expire_due()
        db.session.commit()
    click.echo(f"interests: {count} expired, senders told")
