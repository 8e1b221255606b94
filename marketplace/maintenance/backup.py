"""`flask backup` / `flask restore`: a copy of the database in its own engine's format.

SQLite is copied with its online backup API (a consistent snapshot while the site runs);
PostgreSQL with pg_dump/pg_restore in their custom format (pgdump.py). Moving between the two
engines is `flask export` / `flask import` (transfer.py).
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

from ..extensions import db
from . import pgdump
from .common import (MaintenanceError, Progress, Summary, counted, default_output, no_progress, private_output,
                     readable_size, refuse_unless_empty)

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
ZIP_MAGIC = b"PK\x03\x04"
SUFFIXES = {"sqlite": ".sqlite", "postgresql": ".pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def backup_kind(path: Path) -> str:
    """Which engine wrote a backup file, from its first bytes: "sqlite", "postgresql" or "export"."""
    path = Path(path)
    if not path.is_file():
        raise MaintenanceError(f"No backup file at {path}.")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    if head.startswith(ZIP_MAGIC):
        return "export"
    raise MaintenanceError(f"{path} is not a backup: neither an SQLite database nor a pg_dump custom-format file.")


def backup_database(output: Path | None = None, progress: Progress = no_progress) -> Summary:
    engine = _engine_name()
    output = Path(output) if output else default_output("backup", SUFFIXES[engine])
    started = time.monotonic()
    with private_output(output) as partial:
        if engine == "sqlite":
            summary = _backup_sqlite(_sqlite_path(), partial, progress)
        else:
            summary = pgdump.backup(db.engine, partial, progress)
    summary.path = output
    summary.bytes = output.stat().st_size
    summary.seconds = time.monotonic() - started
    return summary


def restore_database(source: Path, force: bool = False, progress: Progress = no_progress) -> Summary:
    engine = _engine_name()
    kind = backup_kind(source)
    if kind == "export":
        raise MaintenanceError(f"{source} is an export file, not a backup: load it with `flask import`.")
    if kind != engine:
        raise MaintenanceError(
            f"{source} is a backup of a {ENGINE_NAMES[kind]} database, but this site's database is "
            f"{ENGINE_NAMES[engine]}. "
            "A backup restores into the engine that made it; to move data between engines use "
            "`flask export` and `flask import`.")
    started = time.monotonic()
    if engine == "sqlite":
        summary = _restore_sqlite(Path(source), force, progress)
    else:
        with db.engine.connect() as connection:
            refuse_unless_empty(connection, force, "Restoring")
        db.engine.dispose()  # our pooled connections must not hold locks that pg_restore waits for
        summary = pgdump.restore(db.engine, Path(source), progress)
    summary.path = Path(source)
    summary.bytes = Path(source).stat().st_size
    summary.seconds = time.monotonic() - started
    return summary


def _engine_name() -> str:
    name = db.engine.dialect.name
    if name not in SUFFIXES:
        raise MaintenanceError(f"Backups support SQLite and PostgreSQL, not {name}.")
    return name


def _sqlite_path() -> Path:
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise MaintenanceError("The SQLite database lives in memory; there is no file to back up or restore.")
    return Path(database)


def _backup_sqlite(database: Path, output: Path, progress: Progress) -> Summary:
    if not database.is_file():
        raise MaintenanceError(f"The database file {database} does not exist.")
    with closing(sqlite3.connect(database, timeout=15)) as source, closing(sqlite3.connect(output)) as copy:
        pages = source.execute("PRAGMA page_count").fetchone()[0]
        page_size = source.execute("PRAGMA page_size").fetchone()[0]
        # One step: a stepped copy restarts whenever the site writes in between and might never finish;
        # in WAL mode a single read transaction blocks no writer.
        progress(f"Copying {pages:,} pages ({readable_size(pages * page_size)}) from {database} ...")
        source.backup(copy)
        # A self-contained file (no -wal beside it) that any sqlite3 can open.
        copy.execute("PRAGMA journal_mode=DELETE")
        progress("Checking the copy ...")
        _check_sqlite(copy, output)
        return _sqlite_summary(copy, output, progress)


def _restore_sqlite(source: Path, force: bool, progress: Progress) -> Summary:
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup:
        progress(f"Checking {source} ...")
        _check_sqlite(backup, source)
        summary = _sqlite_summary(backup, source, progress)
        if "users" not in summary.row_counts or summary.revision is None:
            raise MaintenanceError(f"{source} is an SQLite database but not a marketplace backup "
                                   "(no schema revision or users table).")
        with db.engine.connect() as connection:
            refuse_unless_empty(connection, force, "Restoring")
        db.engine.dispose()
        target = _sqlite_path()
        progress(f"Restoring into {target} ...")
        with closing(sqlite3.connect(target, timeout=15)) as destination:
            backup.backup(destination)
            destination.execute("PRAGMA journal_mode=WAL")
    return summary


def _check_sqlite(connection: sqlite3.Connection, path: Path) -> None:
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise MaintenanceError(f"{path} is damaged or not an SQLite database: {error}.") from error
    if result != "ok":
        raise MaintenanceError(f"{path} is damaged: SQLite's check says {result!r}.")


def _sqlite_summary(connection: sqlite3.Connection, path: Path, progress: Progress) -> Summary:
    present = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    summary = Summary(path=path)
    if "alembic_version" in present:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        summary.revision = row[0] if row else None
    counts = {table.name: connection.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]  # nosec B608 # names from our own metadata
              for table in db.metadata.sorted_tables if table.name in present}
    return counted(summary, counts, progress)

