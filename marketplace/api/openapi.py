"""The OpenAPI 3.1 document of the read API, built from the same declarations the views check against.

Component schemas are JSON Schema 2020-12 and closed (`additionalProperties: false`), so a
field that leaks into a response without being described here fails the schema tests.
Response links (list → item → related) let Schemathesis walk the API statefully.
"""
from __future__ import annotations

from typing import Any

from flask import Flask

from .. import reference
from ..listings.choices import DEVELOPMENT_STAGES, PARTNER_TYPES
from ..listings.models import KINDS
from ..listings.search import FACETS as LISTING_FACETS
from ..matching import engine as matching_engine
from . import params

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SERVER = "/api/v1"

DESCRIPTION = """\
Read-only access to the public side of the CLUSTERS-CORD Marketplace: published cooperation
offers and requests, their matches, company profiles and clusters.

* **Public data only.** Drafts, listings waiting for review, rejected and withdrawn listings, and
  everything of unpublished or suspended companies never appear. No contact details: no people,
  no e-mail addresses or phone numbers, no company websites (the site shows those to signed-in
  members only).
* **Expired listings** leave the search and the matches but keep their own address: `GET
  /listings/{listing_id}` answers them with `status: "expired"`, as the site keeps their page.
* **Codes are stable** (sectors, cooperation types, sizes, ISO 3166-1 countries, ISO 639-1
  languages); `GET /codes` lists them with English labels. Answers are always in English;
  `lang` is the listing-language filter of `GET /listings`, never the language of the answer.
* **Parameters.** A declared parameter whose value is outside its schema (a code not in its list,
  a malformed or out-of-range number, a NUL character, a parameter given twice) is refused with
  `400` and a JSON error naming it. Undeclared parameters are ignored.
* **Paging.** Lists answer `{items, page, per_page, total, pages, links}`; a page past the last
  one is empty. Totals and facet counts may be up to a minute old.
* **Limits.** Requests are rate-limited per client address (`429` when exceeded). Successful
  answers may be cached for 60 seconds (`Cache-Control: public, max-age=60`).
"""


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": [name for name in properties if name not in optional]}


def _enum(values) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema:
        return {"type": ["string", "null"], "enum": [*schema["enum"], None]}
    return {**schema, "type": [schema["type"], "null"]}


STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
TIMESTAMP = {"type": "string", "format": "date-time"}
SLUG = {"type": "string", "pattern": params.SLUG_PATTERN, "maxLength": params.SLUG_MAX}
LISTING_ID = {"type": "integer", "minimum": 1, "maximum": params.INT32_MAX}
COUNTRY = _enum(reference.COUNTRY_CODES)
SECTOR = _enum(reference.SECTORS)
SIZE = _enum(reference.SIZE_CLASSES)
LANGUAGE = _enum(reference.CONTENT_LANGUAGES)


def _links(*extra: str) -> dict[str, Any]:
    return _obj({"self": URI, "html": URI, **{name: URI for name in extra}})


def _listing_summary() -> dict[str, Any]:
    return {
        "id": LISTING_ID,
        "kind": _enum(KINDS),
        "status": {**_enum(("published", "expired")),
                   "description": "`expired`: past its expiry date; only `GET /listings/{listing_id}` shows it."},
        "sector": SECTOR,
        "cooperation_types": {"type": "array", "items": _enum(reference.COOPERATION_TYPES)},
        "title": STRING,
        "summary": STRING,
        "language": LANGUAGE,
        "keywords": {"type": "array", "items": STRING},
        "target_countries": {"type": "array", "items": COUNTRY,
                             "description": "Countries the author wants partners from; empty when any country."},
        "targets_any_country": {"type": "boolean"},
        "published_at": _nullable(TIMESTAMP),
        "expires_at": _nullable(TIMESTAMP),
        "company": _ref("CompanyRef"),
        "links": _links(),
    }


def _company_summary() -> dict[str, Any]:
    return {
        "slug": SLUG,
        "name": STRING,
        "country": COUNTRY,
        "region": STRING,
        "city": STRING,
        "size": SIZE,
        "sectors": {"type": "array", "items": SECTOR},
        "founded_year": {"type": ["integer", "null"]},
        "links": _links(),
    }


def _cluster_summary() -> dict[str, Any]:
    return {
        "slug": SLUG,
        "name": STRING,
        "country": COUNTRY,
        "region": STRING,
        "sectors": {"type": "array", "items": SECTOR},
        "member_count": {"type": "integer", "minimum": 0,
                         "description": "Member companies the public can see."},
        "links": _links("members", "listings"),
    }


def _page(item: str, facets: tuple[str, ...] | None) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "items": {"type": "array", "items": _ref(item)},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": params.MAX_PER_PAGE},
        "total": {"type": "integer", "minimum": 0},
        "pages": {"type": "integer", "minimum": 1},
        "links": _ref("PageLinks"),
    }
    if facets is not None:
        properties["facets"] = {**_obj({name: {"type": "array", "items": _ref("FacetCount")} for name in facets}),
                                "description": "For each facet, the counts of each value with every other "
                                               "filter applied."}
    return _obj(properties)


def schemas() -> dict[str, Any]:
    labelled = {"type": "array", "items": _obj({"code": STRING, "label": STRING})}
    return {
        "Error": _obj({"error": STRING, "status": {"type": "integer", "minimum": 400, "maximum": 599},
                       "detail": STRING, "parameter": STRING}, optional=("detail", "parameter")),
        "PageLinks": _obj({"self": URI, "first": URI, "last": URI, "prev": _nullable(URI), "next": _nullable(URI)}),
        "FacetCount": _obj({"value": STRING, "count": {"type": "integer", "minimum": 1}}),
        "CompanyRef": _obj({"slug": SLUG, "name": STRING, "country": COUNTRY, "region": STRING, "size": SIZE}),
        "ListingSummary": _obj(_listing_summary()),
        "Listing": _obj({
            **_listing_summary(),
            "description": {**STRING, "description": "Markdown, as the author wrote it."},
            "advantages": STRING,
            "development_stage": _nullable(_enum(DEVELOPMENT_STAGES)),
            "partner_role": STRING,
            "partner_type": _nullable(_enum(PARTNER_TYPES)),
            "partner_sizes": {"type": "array", "items": SIZE},
            "links": _links("matches", "company"),
        }),
        "ListingPage": _page("ListingSummary", LISTING_FACETS),
        "MatchReason": _obj({
            # Every reason the engine gives is worded through this table, so its keys are all the codes.
            "code": _enum(matching_engine._TEXTS),
            "text": STRING,
            "params": {"type": "object", "additionalProperties": {
                "anyOf": [STRING, {"type": "array", "items": STRING}]}},
        }),
        "Match": _obj({
            "score": {"type": "integer", "minimum": 0, "maximum": 100},
            "band": _enum(code for code, _floor in matching_engine.BANDS),
            "band_label": STRING,
            "cross_border": {"type": "boolean"},
            "reasons": {"type": "array", "items": _ref("MatchReason")},
            "listing": _ref("ListingSummary"),
        }),
        "MatchList": _obj({"listing_id": LISTING_ID,
                           "limit": {"type": "integer", "minimum": 1, "maximum": params.MAX_MATCHES},
                           "items": {"type": "array", "items": _ref("Match")}}),
        "CompanySummary": _obj(_company_summary()),
        "Company": _obj({**_company_summary(), "description": STRING,
                         "languages": {"type": "array", "items": LANGUAGE},
                         "clusters": {"type": "array", "items": _ref("ClusterRef")}}),
        "CompanyPage": _page("CompanySummary", ("country", "sector", "size")),
        "MemberPage": _page("CompanySummary", None),
        "ClusterRef": _obj({"slug": SLUG, "name": STRING, "country": COUNTRY, "links": _links()}),
        "ClusterSummary": _obj(_cluster_summary()),
        "Cluster": _obj({**_cluster_summary(), "description": STRING, "website": _nullable(URI),
                         "created_at": _nullable(TIMESTAMP)}),
        "ClusterPage": _page("ClusterSummary", None),
        "Codes": _obj({name: labelled for name in ("kinds", "sectors", "cooperation_types", "sizes",
                                                   "development_stages", "partner_types", "countries",
                                                   "languages")}),
    }


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


RESPONSES = {
    "BadRequest": _error_response("A declared parameter has a value outside its schema."),
    "NotFound": _error_response("Nothing public has this identifier."),
    "TooManyRequests": _error_response("Too many requests from this address; try again in a minute."),
}


def _ok(schema: str, description: str, links: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "headers": {"Cache-Control": {"required": True, "schema": STRING,
                                      "description": "`public, max-age=60`"}},
        "content": {"application/json": {"schema": _ref(schema)}},
    }
    if links:
        response["links"] = links
    return response


def _link(operation: str, description: str, **parameters: str) -> dict[str, Any]:
    return {"operationId": operation, "description": description, "parameters": parameters}


def _operation(operation_id: str, summary: str, ok: dict[str, Any], query: list[params.Param] | None = None,
               path: dict[str, Any] | None = None, tag: str = "") -> dict[str, Any]:
    parameters = [{"name": name, "in": "path", "required": True, "schema": schema}
                  for name, schema in (path or {}).items()]
    parameters += [param.openapi() for param in query or []]
    responses: dict[str, Any] = {"200": ok}
    if query:
        responses["400"] = {"$ref": "#/components/responses/BadRequest"}
    if path:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    responses["429"] = {"$ref": "#/components/responses/TooManyRequests"}
    operation: dict[str, Any] = {"operationId": operation_id, "summary": summary, "tags": [tag] if tag else [],
                                 "responses": responses}
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


def paths(per_page: int) -> dict[str, Any]:
    listing_links = {
        "GetListing": _link("getListing", "The listing itself.", listing_id="$response.body#/items/0/id"),
        "GetListingCompany": _link("getCompany", "The company that posted it.",
                                   slug="$response.body#/items/0/company/slug"),
    }
    return {
        "/listings": _operation(
            "listListings", "Search published listings (the filters of /listings)",
            _ok("ListingPage", "A page of listings, newest or best match first, with facet counts.", listing_links),
            params.listing_params(per_page), tag="listings"),
        "/listings/{listing_id}": _operation(
            "getListing", "One published or expired listing",
            _ok("Listing", "The listing.", {
                "ListListingMatches": _link("listListingMatches", "Its matches.",
                                            listing_id="$request.path.listing_id"),
                "GetListingCompany": _link("getCompany", "The company that posted it.",
                                           slug="$response.body#/company/slug"),
            }),
            path={"listing_id": LISTING_ID}, tag="listings"),
        "/listings/{listing_id}/matches": _operation(
            "listListingMatches", "The best complementary listings of other companies, with reasons",
            _ok("MatchList", "Matches, best first; reasons speak from the asked listing's point of view "
                             "(\"you\" is its author).", {
                "GetMatchedListing": _link("getListing", "The first matching listing.",
                                           listing_id="$response.body#/items/0/listing/id"),
            }),
            params.match_params(), path={"listing_id": LISTING_ID}, tag="listings"),
        "/companies": _operation(
            "listCompanies", "Search the company directory",
            _ok("CompanyPage", "A page of companies, best match (or by name) first, with facet counts.", {
                "GetCompany": _link("getCompany", "The first company.", slug="$response.body#/items/0/slug"),
            }),
            params.company_params(per_page), tag="companies"),
        "/companies/{slug}": _operation(
            "getCompany", "One published company profile",
            _ok("Company", "The company, without contact details.", {
                "GetCompanyCluster": _link("getCluster", "Its first cluster.",
                                           slug="$response.body#/clusters/0/slug"),
            }),
            path={"slug": SLUG}, tag="companies"),
        "/clusters": _operation(
            "listClusters", "The cluster directory",
            _ok("ClusterPage", "A page of clusters by name.", {
                "GetCluster": _link("getCluster", "The first cluster.", slug="$response.body#/items/0/slug"),
                "ListClusterMembers": _link("listClusterMembers", "Its member companies.",
                                            slug="$response.body#/items/0/slug"),
            }),
            params.cluster_params(per_page), tag="clusters"),
        "/clusters/{slug}": _operation(
            "getCluster", "One cluster",
            _ok("Cluster", "The cluster.", {
                "ListClusterMembers": _link("listClusterMembers", "Its member companies.",
                                            slug="$request.path.slug"),
                "ListClusterListings": _link("listListings", "Its members' listings.",
                                             **{"query.cluster": "$response.body#/slug"}),
            }),
            path={"slug": SLUG}, tag="clusters"),
        "/clusters/{slug}/members": _operation(
            "listClusterMembers", "The published member companies of a cluster",
            _ok("MemberPage", "A page of member companies by name.", {
                "GetCompany": _link("getCompany", "The first member.", slug="$response.body#/items/0/slug"),
            }),
            params.page_params(per_page), path={"slug": SLUG}, tag="clusters"),
        "/codes": _operation("getCodes", "The stable codes and their English labels",
                             _ok("Codes", "Codes of every kind the API speaks."), tag="reference"),
        "/openapi.json": _operation("getOpenapi", "This document",
                                    _ok("OpenApiDocument", "The OpenAPI 3.1 document."), tag="reference"),
    }


def build(per_page: int) -> dict[str, Any]:
    components_schemas = schemas()
    components_schemas["OpenApiDocument"] = {"type": "object", "required": ["openapi", "info", "paths"]}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": DIALECT,
        "info": {"title": "CLUSTERS-CORD Marketplace API", "version": "1.0.0", "description": DESCRIPTION},
        "servers": [{"url": SERVER}],
        "tags": [{"name": "listings"}, {"name": "companies"}, {"name": "clusters"}, {"name": "reference"}],
        "paths": paths(per_page),
        "components": {"schemas": components_schemas, "responses": RESPONSES},
    }


def document(app: Flask) -> dict[str, Any]:
    """Built once per app: it depends on code and configuration only."""
    cached = app.extensions.get("api_openapi")
    if cached is None:
        cached = app.extensions["api_openapi"] = build(params.default_per_page(app.config))
    return cached
