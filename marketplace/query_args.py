"""Values read from the query string: a known code or nothing, a page number in range; never an error."""
from __future__ import annotations

MAX_PAGE = 10_000


def known_value(args, name: str, allowed, ignored: list[str]) -> str | None:
    """The parameter if it is one of `allowed`; an unknown value is noted in `ignored`, never fatal."""
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if value in allowed:
        return value
    ignored.append(name)
    return None


def parse_page(args) -> int:
    try:
        return max(1, min(int(args.get("page", 1)), MAX_PAGE))
    except (TypeError, ValueError):
        return 1
