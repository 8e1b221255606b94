"""Rows stored at the previous schema revision survive the upgrade to head, and the app still reads them."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, MetaData, String, Text, insert, select

from marketplace import create_app
from marketplace.companies.models import search_fields as company_search_fields
from marketplace.extensions import db
from marketplace.listings.models import search_fields as listing_search_fields

from ..conftest import base_config
from ..factories import make_company, make_listing
from .test_migrations import scratch_url  # noqa: F401 - the fixture

NOW = datetime.now(timezone.utc).replace(microsecond=0)
# What the app needs to show these rows; any other required column gets a neutral value of its type.
KNOWN = {
    "companies": {"slug": "wombat-timber", "name": "Wombat Timber s.r.o.", "country": "CZ", "size_class": "small",
                  "city": "Ústí nad Labem", "description": "Sawmill and joinery.", "is_published": True,
                  **company_search_fields("Wombat Timber s.r.o.", "Sawmill and joinery.", "", "Ústí nad Labem")},
    "users": {"email": "wanda@wombat.example", "name": "Wanda Wombat", "password_hash": "not-a-real-hash",
              "locale": "cs", "is_admin": False},
    "listings": {"kind": "offer", "sector": "wood", "status": "published", "language": "en",
                 "title": "Oak beams from the wombatwood sawmill", "summary": "Kiln-dried oak beams for builders.",
                 "published_at": NOW - timedelta(days=1), "expires_at": NOW + timedelta(days=100),
                 "partner_sizes": ["small"], "targets_any_country": True,
                 **listing_search_fields("Oak beams from the wombatwood sawmill", "Kiln-dried oak beams for builders.",
                                         "", "", "", [])},
}
NEUTRAL = ((Boolean, False), (DateTime, NOW), (Date, date(2026, 1, 1)), (Integer, 0), (JSON, {}),
           (String, ""), (Text, ""))


def previous_and_head(directory: str) -> tuple[str, str]:
    script = ScriptDirectory(directory)
    head = script.get_current_head()
    previous = script.get_revision(head).down_revision
    if previous is None:
        pytest.skip(f"{head} is the only migration revision: there is no previous one to upgrade from yet")
    return (previous[0] if isinstance(previous, tuple) else previous), head


def _row(table, known: dict, links: dict) -> dict:
    """Values for every column the revision requires, the known ones first."""
    row = {}
    for column in table.c:
        if column.name in known:
            row[column.name] = known[column.name]
        elif column.name in links:
            row[column.name] = links[column.name]
        elif not column.nullable and column.server_default is None and not column.primary_key:
            row[column.name] = next(value for kind, value in NEUTRAL if isinstance(column.type, kind))
    return row


def store_rows_at_previous_revision() -> dict[str, dict]:
    """Insert a company, its member and a published listing with plain Core on the tables as they are now."""
    tables = MetaData()
    stored: dict[str, dict] = {}
    with db.engine.begin() as connection:
        tables.reflect(connection, only=["companies", "users", "listings"])

        def store(name: str, links: dict) -> int:
            row = _row(tables.tables[name], KNOWN[name], links)
            row_id = connection.execute(insert(tables.tables[name]).values(row)).inserted_primary_key[0]
            stored[name] = {**row, "id": row_id}
            return row_id

        company_id = store("companies", {})
        user_id = store("users", {"company_id": company_id})
        store("listings", {"company_id": company_id, "author_id": user_id})
    return stored


def assert_rows_intact(stored: dict[str, dict]) -> None:
    tables = MetaData()
    with db.engine.connect() as connection:
        tables.reflect(connection, only=list(stored))
        for name, row in stored.items():
            table = tables.tables[name]
            found = connection.execute(select(table).where(table.c.id == row["id"])).mappings().one()
            for column, value in row.items():
                if isinstance(value, datetime):
                    assert _as_utc(found[column]) == value, (name, column)
                else:
                    assert found[column] == value, (name, column)


def _as_utc(value: datetime) -> datetime:
    # Reflected SQLite columns come back naive: UTC is what the app stores.
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def check_upgrade_keeps_data(app, directory: str | None = None) -> None:
    with app.app_context():
        directory = directory or app.extensions["migrate"].directory
        previous, _head = previous_and_head(directory)
        upgrade(directory, revision=previous)
        stored = store_rows_at_previous_revision()
        upgrade(directory)
        assert_rows_intact(stored)
        listing = stored["listings"]
        with app.test_client() as client:
            page = client.get(f"/listings/{listing['id']}").get_data(as_text=True)
            assert listing["title"] in page and "Wombat Timber s.r.o." in page
            assert listing["title"] in client.get("/listings?q=wombatwood").get_data(as_text=True)
            assert "Ústí nad Labem" in client.get("/companies/wombat-timber").get_data(as_text=True)
            assert "Wombat Timber s.r.o." in client.get("/companies?q=wombat").get_data(as_text=True)
            # Rows written after the upgrade are indexed too (a table copied by a batch migration loses triggers).
            newcomer = make_company("Numbat Joinery")
            make_listing(newcomer, title="Numbatwood window frames")
            db.session.commit()
            assert "Numbat Joinery" in client.get("/companies?q=numbat").get_data(as_text=True)
            assert "Numbatwood window frames" in client.get("/listings?q=numbatwood").get_data(as_text=True)
        db.engine.dispose()


def test_data_stored_at_the_previous_revision_survives_the_upgrade(tmp_path, scratch_url):  # noqa: F811
    check_upgrade_keeps_data(create_app({**base_config(tmp_path), "DATABASE_URL": scratch_url}))
