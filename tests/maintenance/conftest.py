"""Databases for the backup and transfer tests: a populated source, and empty scratch databases to load into."""
from __future__ import annotations

import re
import secrets
from pathlib import Path
from datetime import datetime, timedelta, timezone

import pytest
from flask_migrate import stamp
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from marketplace import create_app
from marketplace.accounts.models import LoginSession, User
from marketplace.alerts.models import SavedSearch
from marketplace.companies.models import Company, CompanyInvitation
from marketplace.demo.generator import load_demo
from marketplace.extensions import db
from marketplace.interests import services as interest_services
from marketplace.listings.models import PUBLISHED, Listing
from marketplace.maintenance.common import existing_model_tables
from marketplace.messaging import services as messaging_services
from marketplace.moderation.models import Report
from marketplace.notifications.models import NotificationPreference

from ..conftest import TEST_DATABASE_URL, base_config

# A searchable word of the listing added on top of the demo data.
MARKER_WORD = "quokkapellets"


class ScratchDatabases:
    """New empty databases: SQLite files, or PostgreSQL databases beside TEST_DATABASE_URL
    (test_backup_scratch_<random>), dropped by close()."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.created: list[str] = []
        self.admin = create_engine(make_url(TEST_DATABASE_URL), isolation_level="AUTOCOMMIT", pool_pre_ping=True) \
            if TEST_DATABASE_URL else None

    def new(self, engine: str = "default") -> str:
        """engine: "sqlite", "postgresql", or "default" (the one the suite runs on)."""
        if engine == "sqlite" or (engine == "default" and self.admin is None):
            return f"sqlite:///{self.folder / f'scratch-{secrets.token_hex(4)}.sqlite'}"
        if self.admin is None:
            pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
        name = f"test_backup_scratch_{secrets.token_hex(4)}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self.admin.url.set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        if self.admin is None:
            return
        with self.admin.connect() as connection:
            for name in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


class Apps:
    """Apps on given databases, their connections closed by close()."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.apps = []

    def open(self, url: str, schema: bool = True):
        """An app on `url`; schema: build the models' tables there first (stamped at head)."""
        app = create_app({**base_config(self.folder), "DATABASE_URL": url})
        self.apps.append(app)
        if schema:
            with app.app_context():
                build_schema()
        return app

    def close(self) -> None:
        for app in self.apps:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.fixture
def scratch_urls(tmp_path):
    databases = ScratchDatabases(tmp_path)
    yield databases.new
    databases.close()


@pytest.fixture
def open_app(tmp_path):
    apps = Apps(tmp_path)
    yield apps.open
    apps.close()


@pytest.fixture(scope="session")
def populated_databases(tmp_path_factory):
    """`populated_databases(engine)`: (url, facts) of a database filled once per run by populate().

    Tests read it and must not change it; they load its data into scratch databases.
    """
    folder = tmp_path_factory.mktemp("populated")
    databases, apps, made = ScratchDatabases(folder), Apps(folder), {}

    def _populated(engine: str = "default"):
        if engine == "default":
            engine = "postgresql" if TEST_DATABASE_URL else "sqlite"
        if engine not in made:
            url = databases.new(engine)
            with apps.open(url).app_context():
                facts = populate()
                facts["counts"] = row_counts()
                db.session.remove()
                db.engine.dispose()
            made[engine] = (url, facts)
        return made[engine]

    yield _populated
    apps.close()
    databases.close()


def build_schema() -> None:
    """The models' tables, stamped at the newest revision (tests build schemas with create_all)."""
    db.create_all()
    stamp()


def populate() -> dict:
    """Demo data at a small size plus a row in every other table, with awkward values."""
    load_demo(db.session, companies=8, clusters=2, listings=40)
    db.session.commit()
    people = db.session.scalars(select(User).join(Company, User.company_id == Company.id).where(
        Company.is_published.is_(True), Company.suspended_at.is_(None)).order_by(User.id)).all()
    owner = people[0]
    sender = next(person for person in people if person.company_id != owner.company_id)
    special = Listing(company_id=owner.company_id, author_id=owner.id, kind="offer", sector="wood", status=PUBLISHED,
                      title=f"Ŝpecial {MARKER_WORD} for Ústí", summary="Emoji 🌲 and tabs\tand\nnew lines",
                      partner_sizes=["micro", "small"], revision={"title": "Draft ✓", "nested": {"n": [1, 2.5, None]}},
                      published_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc),
                      expires_at=datetime.now(timezone.utc) + timedelta(days=300))
    special.keywords = [MARKER_WORD]
    db.session.add(special)
    db.session.flush()
    interest = interest_services.send_interest(sender, special, "We would like to talk — Grüße aus Łódź.")
    conversation = interest_services.accept_interest(owner, interest, "Gladly.")
    message, _ = messaging_services.post_message(sender, conversation, "Zdravím, 'quotes' \"and\" \\ too", "c-1")
    messaging_services.mark_read(owner, conversation.id, message.id)
    db.session.add(Report(subject_type="listing", subject_id=special.id, reporter_id=sender.id, reason="spam",
                          details="Looks odd"))
    db.session.add(SavedSearch(user_id=sender.id, name="Pellets", query_string="q=pellets&country=AT"))
    db.session.add(NotificationPreference(user_id=sender.id, email_messages=False))
    db.session.add(CompanyInvitation(company_id=owner.company_id, email="new.colleague@example.com",
                                     token_hash="f" * 64, invited_by_id=owner.id,
                                     expires_at=datetime.now(timezone.utc) + timedelta(days=7)))
    # Text keys whose order differs between byte order and a language's collation.
    db.session.add_all([LoginSession(token_hash=token, user_id=sender.id) for token in ("b" * 64, "B" * 64, "a" * 64)])
    db.session.commit()
    return {"listing_id": special.id}


def row_counts(missing_ok: bool = False) -> dict[str, int]:
    """Rows per table of the models (missing_ok: of those that exist, for a database that may have none)."""
    tables = existing_model_tables(db.session.connection()) if missing_ok else db.metadata.sorted_tables
    return {table.name: db.session.scalar(select(func.count()).select_from(table)) for table in tables}


def listing_titles(client, query: str) -> list[str]:
    html = client.get(f"/listings?q={query}").get_data(as_text=True)
    return re.findall(r'class="card-title"><a href="/listings/\d+">([^<]+)</a>', html)
