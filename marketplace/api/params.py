"""Query parameters of the API: one declaration gives both the OpenAPI parameter and the strict check.

Declared parameters are checked against their schema and a value outside it is refused with
400, so what the document promises and what the server does cannot drift apart. Parameters
that no operation declares are ignored (clients may send tracking or cache-busting extras).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from .. import reference
from ..listings.models import KINDS
from ..listings.search import POSTED_WITHIN, SORTS
from ..query_args import MAX_PAGE

# No person types a NUL and PostgreSQL refuses it in text: the whole site answers 400 to it.
NO_NUL = r"^[^\x00]*$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 100
MAX_PER_PAGE = 100
MAX_MATCHES = 50
DEFAULT_MATCHES = 20
INT32_MAX = 2**31 - 1
_INTEGER = re.compile(r"-?[0-9]{1,30}")


class ParameterError(ValueError):
    """A declared parameter with a value its schema does not allow."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    schema: dict[str, Any] = field(default_factory=dict)

    def check(self, raw: str) -> str | int:
        schema = self.schema
        if schema["type"] == "integer":
            if not _INTEGER.fullmatch(raw):
                raise ParameterError(self.name, f"`{self.name}` must be a whole number.")
            value: str | int = int(raw)
            if value < schema.get("minimum", value) or value > schema.get("maximum", value):
                raise ParameterError(self.name, f"`{self.name}` must be between {schema['minimum']} "
                                                f"and {schema['maximum']}.")
        else:
            value = raw
            if "\x00" in raw:
                raise ParameterError(self.name, f"`{self.name}` must not contain NUL characters.")
            if len(raw) > schema.get("maxLength", len(raw)):
                raise ParameterError(self.name, f"`{self.name}` must be at most {schema['maxLength']} characters.")
        if "enum" in schema and value not in schema["enum"]:
            raise ParameterError(self.name, f"`{self.name}` must be one of: "
                                            + ", ".join(str(v) for v in schema["enum"]) + ".")
        return value

    def openapi(self) -> dict[str, Any]:
        return {"name": self.name, "in": "query", "required": False, "description": self.description,
                "schema": self.schema}


def text(name: str, description: str, max_length: int | None = None) -> Param:
    schema: dict[str, Any] = {"type": "string", "pattern": NO_NUL}
    if max_length is not None:
        schema["maxLength"] = max_length
    return Param(name, description, schema)


def code(name: str, description: str, values, default: str | None = None) -> Param:
    schema: dict[str, Any] = {"type": "string", "enum": list(values)}
    if default is not None:
        schema["default"] = default
    return Param(name, description, schema)


def integer(name: str, description: str, minimum: int, maximum: int, default: int | None = None,
            values=None) -> Param:
    schema: dict[str, Any] = {"type": "integer", "minimum": minimum, "maximum": maximum}
    if values is not None:
        schema["enum"] = list(values)
    if default is not None:
        schema["default"] = default
    return Param(name, description, schema)


def default_per_page(config: Mapping[str, Any]) -> int:
    return max(1, min(int(config["PAGE_SIZE"]), MAX_PER_PAGE))


def page_params(per_page_default: int) -> list[Param]:
    return [
        integer("page", "Page number, from 1. A page past the last one is empty.", 1, MAX_PAGE, 1),
        integer("per_page", "Items per page.", 1, MAX_PER_PAGE, per_page_default),
    ]


def listing_params(per_page_default: int) -> list[Param]:
    """The filters of the /listings page, under the same names (PRODUCT.md), plus paging."""
    return [
        text("q", "Full-text search in title, summary, description and keywords. Quotes, OR and a leading "
                  "minus work as in the site's search; longer texts are cut to 200 characters."),
        code("kind", "Offers or requests.", KINDS),
        code("sector", "Sector code.", reference.SECTORS),
        code("country", "The posting company's country (ISO 3166-1 alpha-2).", reference.COUNTRY_CODES),
        code("type", "Cooperation type code.", reference.COOPERATION_TYPES),
        code("size", "The posting company's size class (EU definition).", reference.SIZE_CLASSES),
        text("cluster", "Slug of a cluster: listings of its member companies. An unknown slug finds nothing.",
             SLUG_MAX),
        code("lang", "The language the listing is written in (ISO 639-1). Unlike on the site's pages, "
                     "it never changes the language of the answer.", reference.CONTENT_LANGUAGES),
        integer("posted", "Published within this many days.", min(POSTED_WITHIN), max(POSTED_WITHIN),
                values=POSTED_WITHIN),
        code("sort", "`relevance` (best text match first, then newest; without `q` the same as `newest`) "
                     "or `newest`.", SORTS, "relevance"),
        *page_params(per_page_default),
    ]


def company_params(per_page_default: int) -> list[Param]:
    return [
        text("q", "Full-text search in name, description and place; longer texts are cut to 100 characters."),
        code("country", "Country code (ISO 3166-1 alpha-2).", reference.COUNTRY_CODES),
        code("sector", "Sector code: companies active in it.", reference.SECTORS),
        code("size", "Size class (EU definition).", reference.SIZE_CLASSES),
        *page_params(per_page_default),
    ]


def cluster_params(per_page_default: int) -> list[Param]:
    return [
        text("q", "Part of the cluster's name; longer texts are cut to 100 characters."),
        code("country", "Country code (ISO 3166-1 alpha-2).", reference.COUNTRY_CODES),
        code("sector", "Sector code: clusters active in it.", reference.SECTORS),
        *page_params(per_page_default),
    ]


def match_params() -> list[Param]:
    return [integer("limit", "How many matches at most, best first.", 1, MAX_MATCHES, DEFAULT_MATCHES)]


def parse(params: list[Param], args) -> dict[str, str | int]:
    """The declared parameters present in `args`, checked; raises ParameterError on the first bad one."""
    values: dict[str, str | int] = {}
    for param in params:
        given = args.getlist(param.name) if hasattr(args, "getlist") else (
            [args[param.name]] if param.name in args else [])
        if not given:
            continue
        if len(given) > 1:
            raise ParameterError(param.name, f"`{param.name}` may be given only once.")
        values[param.name] = param.check(given[0])
    return values


def as_args(values: Mapping[str, str | int]) -> dict[str, str]:
    """Checked values in the string form the site's filter parsers read."""
    return {name: str(value) for name, value in values.items()}
