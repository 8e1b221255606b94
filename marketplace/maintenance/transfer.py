"""`flask export` / `flask import`: all data in an engine-neutral file, to move a site between SQLite and PostgreSQL.

The file is a zip: manifest.json (format, schema revision, tables with their columns, row
counts and SHA-256 checksums) and one JSON Lines file per table, a row per line as a list
in the manifest's column order. Tables go in dependency order and rows in primary-key order,
so the same data gives the same files from either engine. Full-text indexes are not data:
SQLite's FTS5 tables are refilled after the import and PostgreSQL's tsvector columns are
generated, so neither is exported.
"""
from __future__ import annotations

import hashlib
import json
import time
import zipfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sqlalchemy import JSON, Connection, String, Table, Text, bindparam, cast, delete, insert, select
from sqlalchemy.exc import DBAPIError

from ..database import writing
from ..extensions import db
from ..search.index import attached_indexes
from .codec import column_codecs
from .common import (MaintenanceError, Progress, Summary, code_revision, database_revision, default_output,
                     existing_model_tables, no_progress, private_output, refuse_unless_empty)

FORMAT = "clusters-cord-marketplace-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH = 1000
REPORT_EVERY = 20_000


def export_data(output: Path | None = None, progress: Progress = no_progress) -> Summary:
    output = Path(output) if output else default_output("export", ".zip")
    started = time.monotonic()
    summary = Summary(path=output)
    with private_output(output) as partial, _snapshot() as connection:
        summary.revision = _checked_revision(connection, "Exporting")
        tables = []
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            for table in db.metadata.sorted_tables:
                entry = _export_table(connection, archive, table, progress)
                tables.append(entry)
                summary.row_counts[table.name] = entry["rows"]
            archive.writestr(MANIFEST, json.dumps({
                "format": FORMAT, "format_version": FORMAT_VERSION, "revision": summary.revision,
                "source_engine": connection.dialect.name,
                "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "tables": tables,
            }, indent=1))
    return _finished(summary, output, started)


def import_data(source: Path, force: bool = False, progress: Progress = no_progress) -> Summary:
    started = time.monotonic()
    summary = Summary(path=Path(source))
    with _open_archive(Path(source)) as archive:
        manifest = _read_manifest(archive, Path(source))
        # One transaction: a bad row, a checksum or a count that does not match leaves nothing behind.
        with writing(), db.engine.begin() as connection:
            summary.revision = _checked_revision(connection, "Importing")
            if manifest["revision"] != summary.revision:
                raise MaintenanceError(
                    f"{source} was exported at schema revision {manifest['revision']}, but this database and "
                    f"code are at {summary.revision}. Import it with the code version of that revision, then "
                    "run `flask db upgrade`.")
            refuse_unless_empty(connection, force, "Importing")
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(delete(table))
            for entry in manifest["tables"]:
                table = db.metadata.tables[entry["name"]]
                summary.row_counts[table.name] = _import_table(connection, archive, table, entry, progress)
            _reset_sequences(connection)
            progress("Rebuilding the search indexes ...")
            for index in attached_indexes():
                index.rebuild(connection)
    return _finished(summary, Path(source), started)


def _finished(summary: Summary, path: Path, started: float) -> Summary:
    summary.tables = len(summary.row_counts)
    summary.rows = sum(summary.row_counts.values())
    summary.bytes = path.stat().st_size
    summary.seconds = time.monotonic() - started
    return summary


@contextmanager
def _snapshot() -> Iterator[Connection]:
    """A connection whose reads all see one moment (SQLite: one WAL read transaction)."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


def _checked_revision(connection: Connection, action: str) -> str:
    revision, expected = database_revision(connection), code_revision()
    if revision != expected:
        raise MaintenanceError(
            f"{action} needs the database at the code's schema revision {expected}, but it is at "
            f"{revision or 'none (not migrated)'}: run `flask db upgrade` first.")
    missing = {table.name for table in db.metadata.sorted_tables} - {
        table.name for table in existing_model_tables(connection)}
    if missing:
        raise MaintenanceError(f"The database lacks the tables {', '.join(sorted(missing))}: "
                               "run `flask db upgrade` first.")
    return revision


# Export -------------------------------------------------------------------------------------------

def _export_table(connection: Connection, archive: zipfile.ZipFile, table: Table, progress: Progress) -> dict:
    codecs = column_codecs(table)
    statement = select(*(_exported(column) for column in table.c)).order_by(*_row_order(connection, table))
    rows = connection.execution_options(stream_results=True, yield_per=BATCH).execute(statement)
    digest, count = hashlib.sha256(), 0
    member = f"tables/{table.name}.jsonl"
    entry = zipfile.ZipInfo(member, date_time=time.gmtime()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(entry, "w", force_zip64=True) as file:
        for batch in rows.partitions():
            lines = b"".join(
                json.dumps([encode(value) if value is not None else None for (encode, _), value in zip(codecs, row)],
                           ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                for row in batch)
            digest.update(lines)
            file.write(lines)
            count += len(batch)
            if count % REPORT_EVERY < BATCH and count >= REPORT_EVERY:
                progress(f"  {table.name}: {count:,} rows ...")
    progress(f"  {table.name}: {count:,} rows")
    return {"name": table.name, "file": member, "columns": [column.name for column in table.c], "rows": count,
            "sha256": digest.hexdigest()}


def _exported(column):
    # JSON travels as the text stored, which keeps SQL NULL apart from a JSON null and the text as it was.
    return cast(column, Text).label(column.name) if isinstance(column.type, JSON) else column


def _row_order(connection: Connection, table: Table) -> list:
    """Primary-key order, with text in byte order on PostgreSQL too, so both engines write the same file."""
    columns = list(table.primary_key.columns) or list(table.c)
    if connection.dialect.name != "postgresql":
        return columns
    return [column.collate("C") if isinstance(column.type, String) else column for column in columns]


# Import -------------------------------------------------------------------------------------------

def _open_archive(source: Path) -> zipfile.ZipFile:
    if not source.is_file():
        raise MaintenanceError(f"No export file at {source}.")
    try:
        return zipfile.ZipFile(source)
    except zipfile.BadZipFile as error:
        raise MaintenanceError(f"{source} is not an export file (not a zip archive, or truncated): {error}.") from error


def _read_manifest(archive: zipfile.ZipFile, source: Path) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise MaintenanceError(f"{source} is a zip archive but not a marketplace export (no {MANIFEST}).") from None
    except (ValueError, zipfile.BadZipFile) as error:
        raise MaintenanceError(f"{source}: {MANIFEST} cannot be read: {error}.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise MaintenanceError(f"{source} is not a marketplace export ({MANIFEST} names another format).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise MaintenanceError(f"{source} is in export format version {manifest.get('format_version')}; "
                               f"this code reads version {FORMAT_VERSION}.")
    try:
        entries = {entry["name"]: entry for entry in manifest["tables"]}
        for entry in entries.values():
            int(entry["rows"]), str(entry["sha256"]), list(entry["columns"]), str(entry["file"])
        str(manifest["revision"])
    except (KeyError, TypeError, ValueError) as error:
        raise MaintenanceError(f"{source}: {MANIFEST} is incomplete ({error!r}).") from error
    expected = {table.name: {column.name for column in table.c} for table in db.metadata.sorted_tables}
    if set(entries) != set(expected):
        difference = sorted(set(entries) ^ set(expected))
        raise MaintenanceError(f"{source} does not hold this schema's tables (differing: {', '.join(difference)}).")
    for name, entry in entries.items():
        if set(entry["columns"]) != expected[name] or len(entry["columns"]) != len(expected[name]):
            raise MaintenanceError(f"{source}: the columns of table {name} differ from this schema's.")
    manifest["tables"] = [entries[table.name] for table in db.metadata.sorted_tables]
    return manifest


def _import_table(connection: Connection, archive: zipfile.ZipFile, table: Table, entry: dict,
                  progress: Progress) -> int:
    columns = [table.c[name] for name in entry["columns"]]
    codecs = column_codecs(table, columns)
    statement = insert(table).values({column.name: _bound(connection, column) for column in columns})
    digest, count, batch = hashlib.sha256(), 0, []
    for line in _lines(archive, entry["file"], table.name):
        digest.update(line)
        count += 1
        try:
            values = json.loads(line)
            if not isinstance(values, list) or len(values) != len(columns):
                raise ValueError(f"expected {len(columns)} values")
            batch.append({column.name: decode(value) if value is not None else None
                          for column, (_, decode), value in zip(columns, codecs, values)})
        except (ValueError, TypeError) as error:
            raise MaintenanceError(f"Table {table.name}, row {count}: not a valid row ({error}).") from error
        if len(batch) == BATCH:
            _insert(connection, statement, batch, table.name, count)
            batch = []
            if count % REPORT_EVERY == 0:
                progress(f"  {table.name}: {count:,} / {entry['rows']:,} rows ...")
    _insert(connection, statement, batch, table.name, count)
    if count != entry["rows"]:
        raise MaintenanceError(f"Table {table.name} holds {count:,} rows, but the manifest says {entry['rows']:,}: "
                               "the file is incomplete or was altered.")
    if digest.hexdigest() != entry["sha256"]:
        raise MaintenanceError(f"Table {table.name} does not match its checksum: the file is damaged or was altered.")
    progress(f"  {table.name}: {count:,} rows")
    return count


def _lines(archive: zipfile.ZipFile, member: str, table_name: str) -> Iterator[bytes]:
    try:
        with archive.open(member) as file:
            yield from file
    except KeyError:
        raise MaintenanceError(f"The file lacks the rows of table {table_name} ({member}).") from None
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise MaintenanceError(f"The rows of table {table_name} cannot be read: {error}.") from error


def _bound(connection: Connection, column):
    if not isinstance(column.type, JSON):
        return bindparam(column.name, type_=column.type)
    # The JSON text goes in as it is; PostgreSQL needs it cast, SQLite keeps JSON as text anyway.
    text = bindparam(column.name, type_=Text)
    return cast(text, column.type) if connection.dialect.name == "postgresql" else text


def _insert(connection: Connection, statement, batch: list[dict], table_name: str, count: int) -> None:
    if not batch:
        return
    try:
        connection.execute(statement, batch)
    except DBAPIError as error:
        raise MaintenanceError(f"Table {table_name}: rows up to {count:,} could not be stored: "
                               f"{str(error.orig).strip().splitlines()[0]}") from error


def _reset_sequences(connection: Connection) -> None:
    """New rows after an import must get ids above the imported ones (PostgreSQL keeps counters apart)."""
    if connection.dialect.name != "postgresql":
        return  # SQLite hands out max(rowid) + 1
    for table in db.metadata.sorted_tables:
        key = list(table.primary_key.columns)
        if len(key) == 1 and key[0].autoincrement in (True, "auto") and key[0].type.python_type is int:
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{key[0].name}'), "  # nosec B608 # our own metadata
                f"coalesce(max(\"{key[0].name}\"), 0) + 1, false) FROM \"{table.name}\"")
