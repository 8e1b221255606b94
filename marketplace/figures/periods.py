"""The months a figure covers: the last N calendar months (UTC) up to and including this one."""
from __future__ import annotations

from datetime import date, datetime, timezone

MONTHS_SHOWN = 24


def last_months(count: int = MONTHS_SHOWN, today: date | None = None) -> list[date]:
    """First days of the last ``count`` months, oldest first, ending with the current month."""
    today = today or datetime.now(timezone.utc).date()
    index = today.year * 12 + today.month - 1
    return [date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(count - 1, -1, -1)]


def month_key(month: date) -> str:
    """The ``YYYY-MM`` key that SQL month grouping returns and CSV files carry."""
    return f"{month.year:04d}-{month.month:02d}"


def first_day(months: list[date]) -> datetime:
    """The start of the oldest month shown, as an aware UTC datetime for WHERE clauses."""
    return datetime(months[0].year, months[0].month, 1, tzinfo=timezone.utc)
