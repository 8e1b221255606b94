"""`flask messaging notify`: e-mail people about messages that waited out the batching interval."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..database import writing
from ..extensions import db
from .mail import send_due

messaging_cli = AppGroup("messaging", help="Conversations upkeep.")


@messaging_cli.command("notify")
def notify() -> None:
    """Run every few minutes from a scheduler; running it twice sends nothing twice."""
    if not current_app.config["SERVER_NAME"]:
        raise click.ClickException("Set MARKETPLACE_SERVER_NAME (e.g. marketplace.example.eu) so that the "
                                   "links in the e-mails point to the site.")
    with writing():
        count = send_due()
        db.session.commit()
    click.echo(f"messaging: {count} e-mail(s) about new messages queued")
