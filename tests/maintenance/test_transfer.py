"""`flask export` / `flask import`: SQLite → the engine under test → SQLite without loss, all or nothing."""
from __future__ import annotations

import json
import zipfile

import pytest
from flask_migrate import stamp
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.listings.models import Listing

from ..factories import make_company, make_user
from .conftest import MARKER_WORD, Apps, ScratchDatabases, listing_titles, row_counts


def _invoke(app, *args):
    return app.test_cli_runner().invoke(args=[str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def module_apps(tmp_path_factory):
    """Apps and scratch databases kept for the whole module (tests here only read them, or must leave
    them as they were)."""
    folder = tmp_path_factory.mktemp("transfer")
    apps, databases = Apps(folder), ScratchDatabases(folder)
    yield folder, apps, databases
    apps.close()
    databases.close()


@pytest.fixture(scope="module")
def exported(populated_databases, module_apps):
    """The populated SQLite database exported: (file, facts, command output)."""
    folder, apps, _ = module_apps
    url, facts = populated_databases("sqlite")
    path = folder / "site.zip"
    result = _invoke(apps.open(url, schema=False), "export", "--output", path)
    assert result.exit_code == 0, result.output
    return path, facts, result.output


@pytest.fixture(scope="module")
def empty_target(module_apps):
    """A migrated, empty database of the engine under test, which every refused import must leave empty."""
    _, apps, databases = module_apps
    return apps.open(databases.new())


def _contents(path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        return manifest, {name: archive.read(name) for name in archive.namelist() if name != "manifest.json"}


def _assert_search_finds_the_listing(app, facts):
    with app.test_client() as client:
        [title] = listing_titles(client, MARKER_WORD)
        assert MARKER_WORD in title
        assert title in client.get(f"/listings/{facts['listing_id']}").get_data(as_text=True)


def test_export_then_import_round_trips_without_loss(exported, open_app, scratch_urls, tmp_path):
    path, facts, output = exported
    total = sum(facts["counts"].values())
    assert f"Export written to {path}: {len(facts['counts'])} tables, {total:,} rows" in output
    manifest, tables = _contents(path)
    assert manifest["revision"] and manifest["source_engine"] == "sqlite"
    assert {entry["name"]: entry["rows"] for entry in manifest["tables"]} == facts["counts"]
    assert not any("_fts" in name for name in tables)  # the search index is rebuilt, not carried
    # Every table carries rows (a new table wants a row in conftest.populate).
    assert [name for name, count in facts["counts"].items() if not count] == []

    target = open_app(scratch_urls())  # PostgreSQL when the suite runs on it
    result = _invoke(target, "import", path)
    assert result.exit_code == 0, result.output
    assert f"Imported from {path}: {len(facts['counts'])} tables, {total:,} rows" in result.output
    with target.app_context():
        assert row_counts() == facts["counts"]
        listing = db.session.get(Listing, facts["listing_id"])
        assert listing.revision == {"title": "Draft ✓", "nested": {"n": [1, 2.5, None]}}
        assert listing.published_at.isoformat() == "2026-01-02T03:04:05.678901+00:00"
        assert listing.summary == "Emoji 🌲 and tabs\tand\nnew lines"
    _assert_search_finds_the_listing(target, facts)

    again = tmp_path / "again.zip"
    assert _invoke(target, "export", "-o", again).exit_code == 0
    manifest_again, tables_again = _contents(again)
    assert tables_again == tables  # byte for byte, whichever engine wrote it
    assert manifest_again["tables"] == manifest["tables"]

    back = open_app(scratch_urls("sqlite"))
    assert _invoke(back, "import", again).exit_code == 0
    with back.app_context():
        assert row_counts() == facts["counts"]
    _assert_search_finds_the_listing(back, facts)

    with target.app_context():  # counters continue above the imported ids
        highest = db.session.scalar(select(func.max(User.id)))
        company = make_company("After the move", members=[make_user("new@example.com")])
        db.session.commit()
        assert db.session.scalar(select(User.id).where(User.email == "new@example.com")) == highest + 1
        assert company.id > 0


def test_import_refuses_a_database_with_data_unless_forced(exported, open_app, scratch_urls):
    path, facts, _ = exported
    occupied = open_app(scratch_urls())
    with occupied.app_context():
        make_user("someone@example.com")
        db.session.commit()
    refused = _invoke(occupied, "import", path)
    assert refused.exit_code == 1 and "The database already holds data (in 1 tables: users)" in refused.output
    forced = _invoke(occupied, "import", "--force", path)
    assert forced.exit_code == 0, forced.output
    with occupied.app_context():
        assert row_counts() == facts["counts"]
        assert db.session.scalar(select(User.id).where(User.email == "someone@example.com")) is None


def test_export_and_import_need_a_migrated_database(exported, open_app, scratch_urls, tmp_path):
    unstamped = open_app(scratch_urls(), schema=False)
    with unstamped.app_context():
        db.create_all()
    result = _invoke(unstamped, "export", "-o", tmp_path / "x.zip")
    assert result.exit_code == 1
    assert "needs the database at the code's schema revision" in result.output
    assert "none (not migrated): run `flask db upgrade` first" in result.output
    assert not (tmp_path / "x.zip").exists()

    good, facts, _ = exported
    result = _invoke(unstamped, "import", good)
    assert result.exit_code == 1 and "run `flask db upgrade` first" in result.output
    with unstamped.app_context():
        stamp()
    assert _invoke(unstamped, "import", good).exit_code == 0
    with unstamped.app_context():
        assert row_counts() == facts["counts"]


def _rewrite(good, bad, change) -> None:
    """A copy of the zip `good` with change(name, data) applied to each member (None drops it)."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                target.writestr(name, data)


def _manifest(edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()
    return change


def _member(member, edit):
    return lambda name, data: edit(data) if name == member else data


BAD_FILES = {
    "not a zip": (lambda good, bad: bad.write_bytes(b"id,name\n1,pellets\n"),
                  "is not an export file (not a zip archive, or truncated)"),
    "truncated": (lambda good, bad: bad.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3]),
                  "is not an export file (not a zip archive, or truncated)"),
    "no manifest": (lambda good, bad: _rewrite(good, bad, lambda name, data: None if name == "manifest.json" else data),
                    "is a zip archive but not a marketplace export (no manifest.json)"),
    "another format": (lambda good, bad: _rewrite(good, bad, _manifest(lambda m: m.update(format="other-app"))),
                       "is not a marketplace export (manifest.json names another format)"),
    "another revision": (lambda good, bad: _rewrite(good, bad, _manifest(lambda m: m.update(revision="0123abcd"))),
                         "was exported at schema revision 0123abcd"),
    "a table missing": (lambda good, bad: _rewrite(good, bad, _manifest(lambda m: m["tables"].pop())),
                        "does not hold this schema's tables"),
    "checksum mismatch": (lambda good, bad: _rewrite(good, bad, _member(
        "tables/listings.jsonl", lambda data: data.replace(MARKER_WORD.encode(), b"quokkapellex"))),
        "Table listings does not match its checksum: the file is damaged or was altered."),
    "a row missing": (lambda good, bad: _rewrite(good, bad, _member(
        "tables/messages.jsonl", lambda data: b"".join(data.splitlines(keepends=True)[:-1]))),
        "Table messages holds"),
    "a broken row": (lambda good, bad: _rewrite(good, bad, _member(
        "tables/messages.jsonl", lambda data: data + b'[1, "unterminated\n')),
        "Table messages, row"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_and_nothing_is_left_behind(case, exported, empty_target, tmp_path):
    good, _, _ = exported
    make_bad, message = BAD_FILES[case]
    bad = tmp_path / "bad.zip"
    make_bad(good, bad)
    target = empty_target
    result = _invoke(target, "import", bad)
    assert result.exit_code == 1, result.output
    assert message in result.output
    with target.app_context():
        assert not any(row_counts().values())


def test_a_missing_file_is_named(empty_target, tmp_path):
    result = _invoke(empty_target, "import", tmp_path / "nowhere.zip")
    assert result.exit_code == 1 and f"No export file at {tmp_path / 'nowhere.zip'}" in result.output
