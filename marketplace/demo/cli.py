"""`flask demo load`: reproducible demo data."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func, select, text

from ..accounts.models import User
from ..companies.models import Company
from ..extensions import db
from .generator import ADMIN_EMAIL, DEFAULT_LISTINGS, DEFAULT_SEED, Summary, load_demo

demo_cli = AppGroup("demo", help="Demo data.")
# The summary is for the operator's terminal: plain English, like the rest of the CLI.
STATUS_WORDS = {"published": "published", "pending": "pending review", "draft": "drafts", "rejected": "rejected",
                "withdrawn": "withdrawn"}


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds companies.")
@click.option("--companies", default=300, show_default=True, type=click.IntRange(0, 1_000_000),
              help="How many companies to create.")
@click.option("--clusters", default=12, show_default=True, type=click.IntRange(0, 2_000),
              help="How many clusters to create (the first twelve are hand-written).")
@click.option("--listings", default=DEFAULT_LISTINGS, show_default=True, type=click.IntRange(0, 5_000_000),
              help="How many offers and requests to create, in every state, spread over the companies.")
@click.option("--seed", default=DEFAULT_SEED, show_default=True, type=int,
              help="Random seed: the same seed makes the same names.")
def load(if_empty: bool, companies: int, clusters: int, listings: int, seed: int) -> None:
    """Fill an empty database with clusters, companies, their people, memberships and listings."""
    existing = db.session.scalar(select(func.count()).select_from(Company)) or 0
    demo_admin = db.session.scalar(select(User.id).where(User.email == ADMIN_EMAIL))
    if existing or demo_admin:
        if if_empty:
            click.echo(f"The database already holds {existing} companies; demo data not loaded.")
            return
        raise click.ClickException(
            f"The database already holds {existing} companies"
            f"{' and the demo accounts' if demo_admin else ''}. Demo data goes into an empty database "
            "(use --if-empty to skip quietly).")
    click.echo(f"Loading demo data: {clusters} clusters, {companies} companies, {listings} listings, seed {seed} ...")
    summary = load_demo(db.session, companies=companies, clusters=clusters, listings=listings, seed=seed,
                        progress=_echo_progress)
    db.session.commit()
    # Fresh statistics for the query planner: without them SQLite guesses that `status = ?`
    # picks a handful of listings and probes the full-text index once per listing (seconds
    # per search at 100,000 listings) instead of letting the index find the few matches.
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    _echo_summary(summary)


def _echo_progress(stage: str, done: int, total: int) -> None:
    click.echo(f"  {stage}: {done:,} / {total:,}")


def _echo_summary(summary: Summary) -> None:
    click.echo(
        f"Done in {summary.seconds:.1f} s: {summary.clusters:,} clusters, {summary.companies:,} companies, "
        f"{summary.users:,} users, {summary.memberships_accepted:,} cluster memberships and "
        f"{summary.memberships_pending:,} pending requests.")
    counts = summary.listings
    total = sum(counts.by_status.values())
    if total:
        by_status = ", ".join(f"{n:,} {STATUS_WORDS.get(status, status)}" for status, n in counts.by_status.items())
        click.echo(f"{total:,} listings: {by_status}; of the published, {counts.expired:,} have expired and "
                   f"{counts.expiring_soon:,} expire within two weeks. {counts.moderation_actions:,} entries "
                   "in the moderation log.")
    else:
        click.echo("No listings.")
    partnerships = summary.partnerships
    click.echo(f"{partnerships.partnerships} partnerships ({partnerships.meta_clusters} meta-cluster), "
               f"{partnerships.members} members, {partnerships.roles} roles, {partnerships.messages} thread messages.")
    talk = summary.conversations
    by_status = ", ".join(f"{talk.interests[s]:,} {s}" for s in ("accepted", "pending", "declined", "expired"))
    click.echo(f"{sum(talk.interests.values()):,} expressions of interest ({by_status}); "
               f"{talk.conversations:,} conversations with {talk.messages:,} messages; {talk.outcomes:,} outcomes.")
    click.echo("")
    click.echo(f"Demo accounts (password for all of them: {summary.password}):")
    for account in summary.accounts:
        note = f" - {account.note}" if account.note else ""
        click.echo(f"  {account.role:<16} {account.email}  ({account.name}){note}")
    click.echo("Every other demo user signs in with the same password.")
