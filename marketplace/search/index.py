"""The full-text index of a table in the database's own engine: SQLite FTS5 or a PostgreSQL tsvector.

A searchable table has two text columns, `search_title` and `search_body`, holding the folded
document (see text.document). SQLite mirrors them into an external-content FTS5 table kept
in step by triggers; PostgreSQL derives a weighted tsvector column with a GIN index.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (ARRAY, Integer, Select, Table, any_, bindparam, case, column, event, false, func, literal_column,
                        select, table)
from sqlalchemy.sql.elements import ColumnElement

from .text import Query, to_fts5, to_tsquery


@dataclass(frozen=True)
class FullTextIndex:
    table: str

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"

    @property
    def vector_column(self) -> str:
        return "search_vector"

    def sqlite_ddl(self) -> list[str]:
        t, f = self.table, self.fts_table
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {f} USING fts5(search_title, search_body, content='{t}', "
            f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER IF NOT EXISTS {t}_fts_insert AFTER INSERT ON {t} BEGIN "  # nosec B608 # our own table names
            f"INSERT INTO {f}(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body); END",
            f"CREATE TRIGGER IF NOT EXISTS {t}_fts_delete AFTER DELETE ON {t} BEGIN "  # nosec B608 # our own table names
            f"INSERT INTO {f}({f}, rowid, search_title, search_body) "
            f"VALUES ('delete', old.id, old.search_title, old.search_body); END",
            f"CREATE TRIGGER IF NOT EXISTS {t}_fts_update AFTER UPDATE OF search_title, search_body ON {t} BEGIN "  # nosec B608 # our own table names
            f"INSERT INTO {f}({f}, rowid, search_title, search_body) "
            f"VALUES ('delete', old.id, old.search_title, old.search_body); "
            f"INSERT INTO {f}(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body); END",
        ]

    def sqlite_drop(self) -> list[str]:
        t = self.table
        return [f"DROP TRIGGER IF EXISTS {t}_fts_{op}" for op in ("insert", "delete", "update")] + [
            f"DROP TABLE IF EXISTS {self.fts_table}"]

    def postgresql_ddl(self) -> list[str]:
        t, v = self.table, self.vector_column
        return [
            f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {v} tsvector GENERATED ALWAYS AS ("
            f"setweight(to_tsvector('simple', coalesce(search_title, '')), 'A') || "
            f"setweight(to_tsvector('simple', coalesce(search_body, '')), 'B')) STORED",
            f"CREATE INDEX IF NOT EXISTS ix_{t}_{v} ON {t} USING gin ({v})",
        ]

    def postgresql_drop(self) -> list[str]:
        return [f"DROP INDEX IF EXISTS ix_{self.table}_{self.vector_column}",
                f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS {self.vector_column}"]

    def ddl(self, dialect: str) -> list[str]:
        return self.sqlite_ddl() if dialect == "sqlite" else self.postgresql_ddl()

    def drop_ddl(self, dialect: str) -> list[str]:
        return self.sqlite_drop() if dialect == "sqlite" else self.postgresql_drop()

    def attach(self, table: Table) -> None:
        """Create the index with the table (create_all in tests); migrations call ddl() themselves."""
        _ATTACHED[self.table] = self

        @event.listens_for(table, "after_create")
        def _create(target, connection, **_):
            for statement in self.ddl(connection.dialect.name):
                connection.exec_driver_sql(statement)

        @event.listens_for(table, "before_drop")
        def _drop(target, connection, **_):
            for statement in self.drop_ddl(connection.dialect.name):
                connection.exec_driver_sql(statement)

    def rebuild(self, connection) -> None:
        """Refill the index from the table (after a bulk load that bypassed triggers, or a restore)."""
        if connection.dialect.name == "sqlite":
            # The name is our own table's, never a request's (bandit B608).
            connection.exec_driver_sql(f"INSERT INTO {self.fts_table}({self.fts_table}) VALUES ('rebuild')")  # nosec B608

    # Query side ---------------------------------------------------------------------------------

    def apply(self, statement: Select, dialect: str, query: Query, id_column,
              tested_after: ColumnElement | None = None) -> tuple[Select, ColumnElement]:
        """Restrict `statement` to rows matching the query; returns it with a rank (higher is better).

        PostgreSQL orders a row's tests by their estimated cost, which leaves out reading a long
        vector back from TOAST storage, and so may test the text before far cheaper conditions.
        Where the plan walks rows rather than the GIN index (newest first, up to a limit), a
        `tested_after` condition is tested first: a CASE fixes that order, as the PostgreSQL manual
        advises, and costs the GIN index, which such a plan does not use anyway. (SQLite's FTS5
        delivers the matching rows itself and needs no such condition.)
        """
        if dialect == "sqlite":
            fts = table(self.fts_table, column("rowid"))
            matched = statement.join(fts, fts.c.rowid == id_column).where(
                literal_column(self.fts_table).op("MATCH")(to_fts5(query)))
            # bm25 is better when more negative; the title weighs four times the body.
            return matched, -func.bm25(literal_column(self.fts_table), 4.0, 1.0)
        tsquery = func.to_tsquery("simple", to_tsquery(query))
        vector = literal_column(f"{self.table}.{self.vector_column}")
        matches = vector.op("@@")(tsquery)
        if tested_after is not None:
            matches = case((tested_after, matches), else_=false())
        return statement.where(matches), func.ts_rank_cd(vector, tsquery)

    def matching(self, dialect: str, query: Query) -> Select:
        """The id of every row matching the query, read from the index alone where the engine can."""
        if dialect == "sqlite":
            fts = table(self.fts_table, column("rowid"))
            return select(fts.c.rowid).where(literal_column(self.fts_table).op("MATCH")(to_fts5(query)))
        vector = literal_column(f"{self.table}.{self.vector_column}")
        return (select(literal_column(f"{self.table}.id")).select_from(table(self.table))
                .where(vector.op("@@")(func.to_tsquery("simple", to_tsquery(query)))))

    def matching_ids(self, connection, query: Query) -> list[int]:
        """The ids `matching` selects.

        For a word in a quarter of the rows PostgreSQL's planner prefers reading the whole table to
        the GIN index, not counting that each row's vector must then be read back from TOAST storage
        (300 ms at 100,000 listings, against 110 ms through the index), so this one query is told not to.
        """
        statement = self.matching(connection.dialect.name, query)
        if connection.dialect.name == "sqlite":
            return list(connection.execute(statement).scalars())
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        try:
            return list(connection.execute(statement).scalars())
        finally:
            connection.exec_driver_sql("SET LOCAL enable_seqscan TO DEFAULT")

    def ranked(self, dialect: str, query: Query, ids: list[int] | None = None) -> Select:
        """(id, rank) of the rows matching the query, of `ids` only if given: ranking reads each row's text."""
        if dialect == "sqlite":
            fts = table(self.fts_table, column("rowid"))
            statement = (select(fts.c.rowid, -func.bm25(literal_column(self.fts_table), 4.0, 1.0))
                         .where(literal_column(self.fts_table).op("MATCH")(to_fts5(query))))
            # rowid + 0: a plain rowid IN (…) makes FTS5 run the whole MATCH once per id.
            return statement.where((fts.c.rowid + 0).in_(ids)) if ids is not None else statement
        tsquery = func.to_tsquery("simple", to_tsquery(query))
        vector = literal_column(f"{self.table}.{self.vector_column}")
        id_column = literal_column(f"{self.table}.id")
        statement = (select(id_column, func.ts_rank_cd(vector, tsquery))
                     .select_from(table(self.table)).where(vector.op("@@")(tsquery)))
        # One array parameter, however many ids: ts_rank_cd reads each row's vector, so rank no more rows than asked.
        ids_param = bindparam("ranked_ids", ids, type_=ARRAY(Integer))
        return statement.where(id_column == any_(ids_param)) if ids is not None else statement


_ATTACHED: dict[str, FullTextIndex] = {}


def attached_indexes() -> tuple[FullTextIndex, ...]:
    """Every index of a model's table, e.g. to refill them all after an import or a restore."""
    return tuple(_ATTACHED.values())


_FTS_SHADOW_SUFFIXES = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")


def include_in_migrations(obj, name, type_, reflected, compare_to) -> bool:
    """Autogenerate must not touch what the DDL above makes: FTS5 tables, tsvector columns and indexes."""
    if type_ == "table" and name and name.endswith(_FTS_SHADOW_SUFFIXES):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    if type_ == "index" and name and name.endswith("_search_vector"):
        return False
    return True
