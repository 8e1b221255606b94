"""Bulk inserts for the demo loader: one statement per batch, with ids handed out here.

Asking the database for the ids instead (INSERT … RETURNING in parameter order) makes SQLite
insert row by row, and the ORM's bulk path regroups rows by their NULL columns; handing out
ids keeps 100,000 listings and their rows to a few hundred statements. The demo goes into an
empty database in one transaction, so nobody else takes ids meanwhile. Rows that name every
column skip SQLAlchemy's per-row work: COPY on PostgreSQL, the driver's executemany on SQLite.
On PostgreSQL a batch can also be stored while the next is being made (insert_later): the
server's work (the tsvector of each listing, the indexes) then overlaps Python's.
"""
from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import JSON, Table, func, insert, select, text
from sqlalchemy.orm import Session


class BulkInserter:
    def __init__(self, session: Session):
        self.session = session
        self.next_ids: dict[str, int] = {}
        self.postgresql = session.get_bind().dialect.name == "postgresql"
        self._copier: ThreadPoolExecutor | None = None
        self._pending: Future | None = None

    def insert_with_ids(self, table: Table, rows: list[dict], complete: bool = False) -> list[int]:
        """Insert rows (each gets an "id") and return their ids in order."""
        ids = self.give_ids(table, rows)
        self.insert(table, rows, complete)
        return ids

    def give_ids(self, table: Table, rows: list[dict]) -> list[int]:
        """Hand each row its "id" without inserting it yet; returns them in order."""
        if not rows:
            return []
        start = self.next_ids.get(table.name)
        if start is None:
            self.wait()
            start = (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(start, start + len(rows)))
        for row_id, row in zip(ids, rows):
            row["id"] = row_id
        self.next_ids[table.name] = start + len(rows)
        return ids

    def insert_later(self, batch: list[tuple[Table, list[dict]]]) -> None:
        """Store complete rows, table after table; on PostgreSQL while the caller makes the next batch.

        One batch at a time is in flight, COPYed by one thread on the session's own connection (the
        same transaction); the caller's thread leaves the connection alone until wait() or finish().
        """
        if not self.postgresql or any(rows and self._defaults_missing(table, rows[0]) for table, rows in batch):
            for table, rows in batch:
                self.insert(table, rows, complete=True)
            return
        self.wait()
        if self._copier is None:
            self._copier = ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-copy")
        driver = self.session.connection().connection.driver_connection
        self._pending = self._copier.submit(self._copy_all, driver, batch)

    def wait(self) -> None:
        """Until the batch in flight is stored; its error, if any, is raised here."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def insert(self, table: Table, rows: list[dict], complete: bool = False) -> None:
        """`complete`: every row names every column it needs, so column defaults are not wanted."""
        if not rows:
            return
        self.wait()
        if not complete or self._defaults_missing(table, rows[0]):
            self.session.execute(insert(table), rows)
        elif self.postgresql:
            self._copy(table, rows)
        else:
            self._executemany(table, rows)

    @staticmethod
    def _defaults_missing(table: Table, row: dict) -> bool:
        """A column added to the model later, with a default only SQLAlchemy knows: COPY would skip it."""
        return any(column.default is not None and column.name not in row and not column.primary_key
                   for column in table.c)

    def _executemany(self, table: Table, rows: list[dict]) -> None:
        """The driver's executemany on tuples made with the columns' own bind processors (SQLite).

        Same values as session.execute(insert(table), rows), without SQLAlchemy's per-row
        bookkeeping, which costs more than SQLite itself for a million small rows.
        """
        names = list(rows[0])
        dialect = self.session.get_bind().dialect
        processors = [(name, table.c[name].type.bind_processor(dialect)) for name in names]
        values = [tuple(process(row[name]) if process and row[name] is not None else row[name]
                        for name, process in processors) for row in rows]
        columns = ", ".join(f'"{name}"' for name in names)
        placeholders = ", ".join("?" * len(names))
        # Table and column names come from our metadata, the values are bound: not an injection (bandit B608).
        self.session.connection().exec_driver_sql(
            f'INSERT INTO "{table.name}" ({columns}) VALUES ({placeholders})', values)  # nosec B608

    def _copy(self, table: Table, rows: list[dict]) -> None:
        self._copy_rows(self.session.connection().connection.driver_connection, table, rows)  # same transaction

    @classmethod
    def _copy_all(cls, driver, batch: list[tuple[Table, list[dict]]]) -> None:
        for table, rows in batch:
            if rows:
                cls._copy_rows(driver, table, rows)

    @staticmethod
    def _copy_rows(driver, table: Table, rows: list[dict]) -> None:
        names = list(rows[0])
        as_json = {name for name in names if isinstance(table.c[name].type, JSON)}
        columns = ", ".join(f'"{name}"' for name in names)
        with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([json.dumps(row[n]) if n in as_json and row[n] is not None else row[n]
                                for n in names])

    def finish(self) -> None:
        """PostgreSQL's sequences did not see the ids handed out: move them past the last one."""
        try:
            self.wait()
        finally:
            if self._copier is not None:
                self._copier.shutdown()
                self._copier = None
        if not self.postgresql:
            return
        for name, next_id in self.next_ids.items():
            self.session.execute(text("SELECT setval(pg_get_serial_sequence(:name, 'id'), :last)"),
                                 {"name": name, "last": next_id - 1})
