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
@click.option("--retry-now", is_flag=True,
              help="Also send mail waiting to be retried (e.g. once the SMTP server is back), ignoring the back-off.")
def send(loop: bool, interval: int, retry_now: bool) -> None:
    """Send every mail that is due; failures are retried later with back-off."""
    while True:
        with writing():  # reads the outbox, then claims rows: take SQLite's write lock up front
            report = deliver_due(retry_now=retry_now)
        retry_now = False  # a loop goes back to the back-off schedule after its first round
        click.echo(f"mail: {report.sent} sent, {report.retried} to retry, {report.failed} given up")
        if not loop:
            return
        time.sleep(interval)
