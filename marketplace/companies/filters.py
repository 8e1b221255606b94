"""Directory filters read from the query string: known codes kept, unknown ones dropped and reported."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import reference
from ..query_args import known_value, parse_page

SEARCH_MAX = 100


@dataclass
class DirectoryFilters:
    """Filters read from the query string; unknown values are dropped and reported, never fatal."""

    q: str = ""
    country: str | None = None
    sector: str | None = None
    size: str | None = None
    page: int = 1
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.q or self.country or self.sector or self.size)


def parse_directory_filters(args, with_size: bool = True) -> DirectoryFilters:
    ignored: list[str] = []
    return DirectoryFilters(
        q=(args.get("q") or "").strip()[:SEARCH_MAX],
        country=known_value(args, "country", reference.COUNTRY_CODES, ignored),
        sector=known_value(args, "sector", reference.SECTORS, ignored),
        size=known_value(args, "size", reference.SIZE_CLASSES, ignored) if with_size else None,
        page=parse_page(args),
        ignored=ignored,
    )
