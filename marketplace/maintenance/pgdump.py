"""PostgreSQL backups through pg_dump and pg_restore (custom format), found on PATH or in Debian's folders."""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from .common import MaintenanceError, Progress, Summary, counted, database_revision, row_counts

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# Lines of --verbose output worth showing as progress; the rest is noise.
PROGRESS_LINE = re.compile(r'(dumping contents of table|processing data for table) "?([^"]+)"?')


def find_tool(name: str, search_path: str | None = None, fallback_glob: str = PG_BIN_GLOB) -> str:
    """The program on PATH, else the newest one in Debian's per-version folders (pg_dump must not be older
    than the server it reads)."""
    found = shutil.which(name, path=search_path)
    if found:
        return found
    candidates = [path for path in glob.glob(os.path.join(fallback_glob, name)) if os.access(path, os.X_OK)]
    if candidates:
        return max(candidates, key=_major_version)
    raise MaintenanceError(
        f"{name} was not found on PATH nor in {fallback_glob}. Install PostgreSQL's client programs "
        "(on Debian: apt-get install postgresql-client), of the server's major version or newer.")


def _major_version(path: str) -> int:
    match = re.search(r"/(\d+)/bin/", path)
    return int(match.group(1)) if match else 0


def libpq_environment(engine: Engine) -> dict[str, str]:
    """The connection as libpq variables, so the password never shows on a command line."""
    url = engine.url
    environment = dict(os.environ)
    values = {"PGHOST": url.host or url.query.get("host"), "PGPORT": url.port, "PGUSER": url.username,
              "PGPASSWORD": url.password, "PGDATABASE": url.database, "PGSSLMODE": url.query.get("sslmode")}
    environment.update({key: str(value) for key, value in values.items() if value})
    return environment


def backup(engine: Engine, output: Path, progress: Progress) -> Summary:
    pg_dump = find_tool("pg_dump")
    # pg_dump reads the snapshot of our transaction, so the counts we print are those of the file.
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection, connection.begin():
        snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
        summary = Summary(path=output, revision=database_revision(connection))
        counted(summary, row_counts(connection), progress)
        progress(f"Dumping database {engine.url.database} with {pg_dump} ...")
        _run([pg_dump, "--format=custom", "--verbose", f"--snapshot={snapshot}", f"--file={output}"],
             libpq_environment(engine), progress)
    return summary


def restore(engine: Engine, source: Path, progress: Progress) -> Summary:
    pg_restore = find_tool("pg_restore")
    listing = subprocess.run([pg_restore, "--list", str(source)], capture_output=True, text=True)
    if listing.returncode != 0:
        raise MaintenanceError(f"{source} is damaged or not a pg_dump file: {_error_lines(listing.stderr)}")
    if not re.search(r"\bTABLE public users\b", listing.stdout):
        raise MaintenanceError(f"{source} is a pg_dump file but not a marketplace backup (no users table).")
    progress(f"Restoring {source} into database {engine.url.database} with {pg_restore} ...")
    # One transaction: a damaged or truncated file leaves the database as it was.
    _run([pg_restore, f"--dbname={engine.url.database}", "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error", "--verbose", str(source)], libpq_environment(engine), progress)
    with engine.connect() as connection:
        summary = Summary(path=source, revision=database_revision(connection))
        return counted(summary, row_counts(connection), lambda _line: None)


def _run(command: list[str], environment: dict[str, str], progress: Progress) -> None:
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    output = []
    assert process.stderr is not None
    for line in process.stderr:
        output.append(line)
        match = PROGRESS_LINE.search(line)
        if match:
            progress(f"  {match.group(2)}")
    if process.wait() != 0:
        name = os.path.basename(command[0])
        raise MaintenanceError(f"{name} failed (exit code {process.returncode}): {_error_lines(''.join(output))}")


def _error_lines(stderr: str) -> str:
    errors = [line.strip() for line in stderr.splitlines() if "error" in line.lower()]
    return " ".join((errors or stderr.strip().splitlines() or ["no message"])[-3:])
