"""PostgreSQL backups through pg_dump and pg_restore (custom format), found on PATH or in Debian's folders."""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
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


# The database is replaced by the backup as a whole: tables it lacks (a newer migration's, say) go too.
# Otherwise they would stay behind, and one with a foreign key to a restored table would stop the
# restore from dropping that table at all.
_CLEAR_TABLES = """BEGIN;
DO $$ DECLARE found record; BEGIN
  FOR found IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE public.%I CASCADE', found.tablename);
  END LOOP;
END $$;
"""


def restore(engine: Engine, source: Path, progress: Progress) -> Summary:
    pg_restore, psql = find_tool("pg_restore"), find_tool("psql")
    listing = subprocess.run([pg_restore, "--list", str(source)], capture_output=True, text=True)
    if listing.returncode != 0:
        raise MaintenanceError(f"{source} is damaged or not a pg_dump file: {_error_lines(listing.stderr)}")
    if not re.search(r"\bTABLE public users\b", listing.stdout):
        raise MaintenanceError(f"{source} is a pg_dump file but not a marketplace backup (no users table).")
    progress(f"Restoring {source} into database {engine.url.database} with {pg_restore} and {psql} ...")
    # One transaction, which psql commits only after pg_restore has written the whole script: a damaged
    # or truncated file, or any failing statement, leaves the database as it was.
    environment = {**libpq_environment(engine), "PGOPTIONS": "-c client_min_messages=warning"}
    with tempfile.TemporaryFile() as loader_errors:
        loader = subprocess.Popen([psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=loader_errors,
                                  env=environment)
        assert loader.stdin is not None
        script_failed = None
        try:
            loader.stdin.write(_CLEAR_TABLES.encode())
            loader.stdin.flush()
            _run([pg_restore, "--file=-", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--verbose",
                  str(source)], environment, progress, stdout=loader.stdin)
            loader.stdin.write(b"COMMIT;\n")
        except (MaintenanceError, BrokenPipeError) as error:
            script_failed = error  # psql rolls back when its input ends inside the transaction
        finally:
            loader.stdin.close()
        if loader.wait() != 0:
            loader_errors.seek(0)
            raise MaintenanceError(f"psql failed (exit code {loader.returncode}), the database is unchanged: "
                                   f"{_error_lines(loader_errors.read().decode(errors='replace'))}")
        if script_failed is not None:
            raise MaintenanceError(f"{script_failed} The database is unchanged.")
    with engine.connect() as connection:
        summary = Summary(path=source, revision=database_revision(connection))
        return counted(summary, row_counts(connection), lambda _line: None)


def _run(command: list[str], environment: dict[str, str], progress: Progress, stdout=subprocess.DEVNULL) -> None:
    process = subprocess.Popen(command, env=environment, stdout=stdout, stderr=subprocess.PIPE, text=True)
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
