"""SQL expressions that figures group by, the same on SQLite and PostgreSQL: calendar month, days between."""
from __future__ import annotations

from sqlalchemy import Date, DateTime, Float, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class month_of(FunctionElement):  # noqa: N801 - used like a SQL function
    """The ``YYYY-MM`` of a UTC datetime or a date column (figures.periods.month_key's format)."""

    type = String()
    name = "month_of"
    inherit_cache = True


class days_between(FunctionElement):  # noqa: N801
    """Days (with fractions) from the first datetime to the second."""

    type = Float()
    name = "days_between"
    inherit_cache = True


@compiles(month_of, "sqlite")
def _month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_of, "postgresql")
def _month_postgresql(element, compiler, **kw):
    (column,) = element.clauses
    value = compiler.process(element.clauses, **kw)
    if isinstance(column.type, Date) and not isinstance(column.type, DateTime):
        return f"to_char({value}, 'YYYY-MM')"
    # Stored as timestamptz: the month in UTC, whatever the session's time zone.
    return f"to_char(({value}) AT TIME ZONE 'UTC', 'YYYY-MM')"


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(julianday({end}) - julianday({start}))"


@compiles(days_between, "postgresql")
def _days_postgresql(element, compiler, **kw):
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"
