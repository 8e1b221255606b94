"""What backups and transfers share: errors, the schema revision, row counts and private output files."""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import Connection, exists, func, inspect, select

from ..extensions import db

Progress = Callable[[str], None]


class MaintenanceError(Exception):
    """A backup, restore or transfer that cannot go ahead; the message tells the operator why and what to do."""


@dataclass
class Summary:
    """What a command did, for its closing line."""

    path: Path
    tables: int = 0
    rows: int = 0
    bytes: int = 0
    seconds: float = 0.0
    revision: str | None = None
    row_counts: dict[str, int] = field(default_factory=dict)


def no_progress(_line: str) -> None:
    pass


def code_revision() -> str:
    """The newest schema revision this code knows (alembic head)."""
    directory = current_app.extensions["migrate"].directory
    heads = ScriptDirectory(directory).get_heads()
    if len(heads) != 1:
        raise MaintenanceError(f"The migrations have {len(heads)} heads ({', '.join(heads)}); merge them first.")
    return heads[0]


def database_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def existing_model_tables(connection: Connection) -> list:
    """The models' tables that exist in the database, parents before children."""
    present = set(inspect(connection).get_table_names())
    return [table for table in db.metadata.sorted_tables if table.name in present]


def row_counts(connection: Connection) -> dict[str, int]:
    return {table.name: connection.scalar(select(func.count()).select_from(table))
            for table in existing_model_tables(connection)}


def counted(summary: Summary, counts: dict[str, int], progress: Progress) -> Summary:
    summary.row_counts = counts
    summary.tables = len(counts)
    summary.rows = sum(counts.values())
    for name, count in counts.items():
        progress(f"  {name}: {count:,} rows")
    return summary


def tables_holding_rows(connection: Connection) -> list[str]:
    return [table.name for table in existing_model_tables(connection)
            if connection.scalar(select(exists().select_from(table)))]


def refuse_unless_empty(connection: Connection, force: bool, what: str) -> None:
    if force:
        return
    filled = tables_holding_rows(connection)
    if filled:
        shown = ", ".join(filled[:5]) + (" …" if len(filled) > 5 else "")
        raise MaintenanceError(
            f"The database already holds data (in {len(filled)} tables: {shown}). {what} replaces it: "
            "run again with --force if that is what you want.")


def default_output(kind: str, suffix: str) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return Path(current_app.instance_path) / "backups" / f"marketplace-{kind}-{stamp}{suffix}"


@contextmanager
def private_output(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, readable by its owner only, renamed to `path` when the block succeeds.

    Backups hold password hashes and personal data; a failed run leaves no half-written file
    under the final name.
    """
    path = Path(path)
    if path.exists():
        raise MaintenanceError(f"{path} already exists; choose another --output.")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def readable_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"
