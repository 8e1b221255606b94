"""`flask backup`, `flask restore`, `flask export`, `flask import`: the operator's data-safety commands."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from .backup import backup_database, restore_database
from .common import MaintenanceError, Summary, readable_size
from .transfer import export_data, import_data

# Output is for the operator's terminal: plain English, like the rest of the CLI.
OUTPUT = click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                      help="Where to write the file (default: instance/backups/ with a timestamp).")
FORCE = click.option("--force", is_flag=True, help="Replace the data of a database that is not empty.")
SOURCE = click.argument("source", type=click.Path(dir_okay=False, path_type=Path))


def _command(name: str, action, done: str, help_text: str, reads_file: bool = False) -> click.Command:
    """A command that runs `action` with its options and progress, then prints its summary line."""

    @with_appcontext
    def run(**options) -> None:
        try:
            summary = action(progress=click.echo, **options)
        except MaintenanceError as error:
            raise click.ClickException(str(error)) from error
        _echo_summary(done, summary)

    for option in ((SOURCE, FORCE) if reads_file else (OUTPUT,)):
        run = option(run)
    return click.command(name, help=help_text)(run)


COMMANDS = (
    _command("backup", backup_database, "Backup written to",
             "Back up the database in its own engine's format (SQLite file copy, or pg_dump custom format)."),
    _command("restore", restore_database, "Restored from",
             "Restore a backup made by `flask backup` into this site's database (stop the site first).",
             reads_file=True),
    _command("export", export_data, "Export written to",
             "Write all data into an engine-neutral file that `flask import` loads into SQLite or PostgreSQL."),
    _command("import", import_data, "Imported from",
             "Load a file made by `flask export` into this site's migrated database, all or nothing; then "
             "new rows get ids above the imported ones and the search indexes are rebuilt.", reads_file=True),
)


def _echo_summary(what: str, summary: Summary) -> None:
    click.echo(f"{what} {summary.path}: {summary.tables} tables, {summary.rows:,} rows, "
               f"{readable_size(summary.bytes)}, {summary.seconds:.1f} s"
               f"{f', schema revision {summary.revision}' if summary.revision else ''}.")
