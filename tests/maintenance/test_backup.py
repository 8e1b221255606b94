"""`flask backup` / `flask restore`: a populated database restored into a scratch one holds the same rows."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.listings.models import Listing
from marketplace.maintenance.common import MaintenanceError, default_output
from marketplace.maintenance.pgdump import find_tool

from ..factories import make_user
from .conftest import MARKER_WORD, listing_titles, row_counts


@pytest.fixture
def source(populated_databases, open_app):
    """An app on the populated database of the engine under test, and what that database holds."""
    url, facts = populated_databases()
    app = open_app(url, schema=False)
    with app.app_context():
        listing = db.session.get(Listing, facts["listing_id"])
        facts = {**facts, "title": listing.title, "published_at": listing.published_at, "revision": listing.revision}
    return app, facts


def _invoke(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


def test_backup_restores_into_a_scratch_database_with_the_same_rows(source, open_app, scratch_urls, tmp_path):
    app, facts = source
    output = tmp_path / "saved" / "site.backup"
    result = _invoke(app, "backup", "--output", str(output))
    assert result.exit_code == 0, result.output
    assert f"Backup written to {output}: {len(facts['counts'])} tables, {sum(facts['counts'].values()):,} rows" \
        in result.output
    assert f"  listings: {facts['counts']['listings']:,} rows" in result.output
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o600  # it holds password hashes
    assert not list(output.parent.glob(".*partial"))

    scratch = open_app(scratch_urls(), schema=False)  # a new, empty database
    result = _invoke(scratch, "restore", str(output))
    assert result.exit_code == 0, result.output
    assert f"Restored from {output}: {len(facts['counts'])} tables" in result.output
    with scratch.app_context():
        assert row_counts() == facts["counts"]
        listing = db.session.get(Listing, facts["listing_id"])
        assert (listing.title, listing.published_at, listing.revision) == (
            facts["title"], facts["published_at"], facts["revision"])
        with scratch.test_client() as client:
            assert listing_titles(client, MARKER_WORD) == [facts["title"]]
            page = client.get(f"/listings/{facts['listing_id']}").get_data(as_text=True)
            assert facts["title"] in page


def test_restore_refuses_a_database_with_data_unless_forced(source, open_app, scratch_urls, tmp_path):
    app, facts = source
    output = tmp_path / "site.backup"
    _invoke(app, "backup", "-o", str(output))
    occupied = open_app(scratch_urls())
    with occupied.app_context():
        make_user("someone@example.com")
        db.session.commit()

    refused = _invoke(occupied, "restore", str(output))
    assert refused.exit_code == 1
    assert "The database already holds data (in 1 tables: users)" in refused.output
    assert "run again with --force" in refused.output
    with occupied.app_context():
        assert db.session.scalar(select(User.email)) == "someone@example.com"

    forced = _invoke(occupied, "restore", "--force", str(output))
    assert forced.exit_code == 0, forced.output
    with occupied.app_context():
        assert row_counts() == facts["counts"]
        assert db.session.scalar(select(Listing.title).where(Listing.id == facts["listing_id"])) == facts["title"]
        assert db.session.scalar(select(User.id).where(User.email == "someone@example.com")) is None


def test_restore_replaces_the_whole_database_even_a_newer_schemas_tables(source, open_app, scratch_urls, tmp_path):
    app, facts = source
    output = tmp_path / "site.backup"
    _invoke(app, "backup", "-o", str(output))
    newer = open_app(scratch_urls())
    with newer.app_context():  # a later migration's table, with a foreign key to a table the backup restores
        db.session.execute(text("CREATE TABLE listing_badges (id INTEGER PRIMARY KEY, "
                                "listing_id INTEGER NOT NULL REFERENCES listings (id))"))
        db.session.commit()

    result = _invoke(newer, "restore", "--force", str(output))
    assert result.exit_code == 0, result.output
    with newer.app_context():
        assert "listing_badges" not in inspect(db.engine).get_table_names()
        assert row_counts() == facts["counts"]


def test_backup_refuses_to_overwrite_a_file(source, tmp_path):
    app, _ = source
    existing = tmp_path / "keep.me"
    existing.write_text("precious")
    result = _invoke(app, "backup", "-o", str(existing))
    assert result.exit_code == 1 and "already exists" in result.output
    assert existing.read_text() == "precious"


def test_restore_explains_bad_files(source, open_app, scratch_urls, tmp_path):
    app, _ = source
    engine = app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]
    good = tmp_path / "good.backup"
    _invoke(app, "backup", "-o", str(good))
    scratch = open_app(scratch_urls(), schema=False)

    def refused(path, message):
        result = _invoke(scratch, "restore", str(path))
        assert result.exit_code == 1, result.output
        assert message in result.output, result.output

    refused(tmp_path / "missing.backup", "No backup file at")
    (tmp_path / "notes.txt").write_text("hello")
    refused(tmp_path / "notes.txt", "is not a backup")
    (tmp_path / "export.zip").write_bytes(b"PK\x03\x04rest")
    refused(tmp_path / "export.zip", "is an export file, not a backup: load it with `flask import`")
    other = tmp_path / "other.backup"
    if engine == "sqlite":
        other.write_bytes(b"PGDMP\x01\x0e\x00")
        refused(other, "is a backup of a PostgreSQL database, but this site's database is SQLite")
    else:
        other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
        refused(other, "is a backup of a SQLite database, but this site's database is PostgreSQL")
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    result = _invoke(scratch, "restore", str(truncated))
    assert result.exit_code == 1
    assert re.search(r"damaged|not a marketplace backup|failed", result.output), result.output
    with scratch.app_context():  # nothing was left behind
        assert not any(row_counts(missing_ok=True).values())


def test_missing_postgresql_programs_are_named(tmp_path):
    with pytest.raises(MaintenanceError, match="pg_dump was not found on PATH nor in .*apt-get install postgresql"):
        find_tool("pg_dump", search_path=str(tmp_path), fallback_glob=str(tmp_path / "*" / "bin"))
    version_dir = tmp_path / "15" / "bin"
    version_dir.mkdir(parents=True)
    (version_dir / "pg_dump").write_text("#!/bin/sh\n")
    (version_dir / "pg_dump").chmod(0o755)
    assert find_tool("pg_dump", search_path=str(tmp_path / "empty"), fallback_glob=str(tmp_path / "*" / "bin")) \
        == str(version_dir / "pg_dump")


def test_default_output_is_a_timestamped_file_in_the_instance_folder(app):
    path = default_output("backup", ".sqlite")
    assert path.parent == Path(app.instance_path) / "backups"
    assert re.fullmatch(r"marketplace-backup-\d{8}-\d{6}\.sqlite", path.name)
