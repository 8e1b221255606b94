"""`flask mail send`: deliver the outbox (run it from a scheduler in production)."""
from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from ..database import writing
from .delivery import deliver_due

mail_cli = AppGroup("mail", help="Deliver queued e-mail.")


@mail_cli.command("send")
@click.option("--loop", is_flag=True, help="Keep running, checking the outbox every --interval seconds.")
@click.option("--interval", default=30, show_default=True, help="Seconds between checks with --loop.")
def send(loop: bool, interval: int) -> None:
    """Send every mail that is due; failures are retried later with back-off."""
    while True:
        with writing():  # reads the outbox, then claims rows: take SQLite's write lock up front
            report = deliver_due()
        click.echo(f"mail: {report.sent} sent, {report.retried} to retry, {report.failed} given up")
        if not loop:
            return
        time.sleep(interval)
