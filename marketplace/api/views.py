"""The read API's endpoints: parse and check the query, load what the public may see (404), answer JSON.

Every answer is in English whatever the caller's language: codes are the contract, labels
and match reasons are a convenience, and one answer per URL keeps shared caches correct.
"""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app, jsonify, request
from flask_babel import force_locale
from werkzeug.exceptions import HTTPException

from .. import reference
from ..clusters.services import directory_query
from ..companies import search as company_search
from ..companies.filters import parse_directory_filters
from ..extensions import db, limiter
from ..listings import search as listing_search
from ..listings.choices import DEVELOPMENT_STAGES, KIND_LABELS, PARTNER_TYPES
from ..matching.services import find_matches
from ..search.results import ResultPage
from . import openapi, params, queries, serializers

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# One budget for the whole API per client address, not one per endpoint.
limiter.shared_limit(lambda: current_app.config["API_RATELIMIT"], scope="api")(bp)

CACHE_CONTROL = "public, max-age=60"


def english(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        with force_locale("en"):
            return view(*args, **kwargs)
    return wrapper


def _error(status: int, title: str, detail: str | None = None, parameter: str | None = None):
    body: dict = {"error": title, "status": status}
    if detail:
        body["detail"] = detail
    if parameter:
        body["parameter"] = parameter
    return jsonify(body), status


@bp.errorhandler(params.ParameterError)
def _bad_parameter(error: params.ParameterError):
    return _error(400, "Bad Request", error.message, error.name)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    response, status = _error(error.code or 500, error.name, error.description if error.code == 404 else None)
    # Keep what the error says about itself (Allow on 405, Retry-After on 429), not its HTML type.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response, status


@bp.after_request
def _cache_headers(response):
    # The same public answer for everyone; security.py still marks signed-in responses no-store.
    if response.status_code == 200:
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def _per_page_default() -> int:
    return params.default_per_page(current_app.config)


def _page_values(values: dict) -> tuple[dict[str, str], int]:
    """The filters as strings for the site's parsers, and the page size taken out of them."""
    per_page = int(values.pop("per_page", _per_page_default()))
    return params.as_args(values), per_page


def _filter_args(args: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in args.items() if name != "page"}


def _facets(facets: dict) -> dict:
    return {name: [{"value": str(value), "count": count} for value, count in rows] for name, rows in facets.items()}


# --- Listings -----------------------------------------------------------------------------------

@bp.get("/listings")
@english
def list_listings():
    values = params.parse(params.listing_params(_per_page_default()), request.args)
    args, per_page = _page_values(values)
    filters = listing_search.parse_filters(args)
    if "cluster" in filters.ignored:
        # The site drops an unknown cluster and shows everything; an API answer must not widen silently.
        result = ResultPage(items=[], total=0, page=filters.page, per_page=per_page,
                            facets={name: [] for name in listing_search.FACETS})
    else:
        result = listing_search.search(filters, per_page=per_page)
    keywords, countries = queries.listing_rows([listing.id for listing in result.items])
    items = [serializers.listing_summary(listing, keywords[listing.id], countries[listing.id])
             for listing in result.items]
    body = serializers.page_envelope(items, result, "api.list_listings", _filter_args(args))
    body["facets"] = _facets(result.facets)
    return jsonify(body)


def _load_listing(listing_id: int):
    listing = queries.public_listing(listing_id)
    if listing is None:
        abort(404, "No published listing has this id.")
    return listing


@bp.get("/listings/<int:listing_id>")
@english
def get_listing(listing_id: int):
    return jsonify(serializers.listing_detail(_load_listing(listing_id)))


@bp.get("/listings/<int:listing_id>/matches")
@english
def list_listing_matches(listing_id: int):
    values = params.parse(params.match_params(), request.args)
    listing = _load_listing(listing_id)
    limit = int(values.get("limit", params.DEFAULT_MATCHES))
    matches = find_matches(listing, limit=limit)
    return jsonify({"listing_id": listing.id, "limit": limit,
                    "items": [serializers.match(found) for found in matches]})


# --- Companies and clusters ------------------------------------------------------------------------

@bp.get("/companies")
@english
def list_companies():
    values = params.parse(params.company_params(_per_page_default()), request.args)
    args, per_page = _page_values(values)
    filters = parse_directory_filters(args)
    result = company_search.search(filters, per_page=per_page)
    body = serializers.page_envelope([serializers.company_summary(company) for company in result.items],
                                     result, "api.list_companies", _filter_args(args))
    body["facets"] = _facets(result.facets)
    return jsonify(body)


@bp.get("/companies/<slug>")
@english
def get_company(slug: str):
    company = queries.public_company(slug)
    if company is None:
        abort(404, "No published company has this slug.")
    return jsonify(serializers.company_detail(company, queries.clusters_of(company)))


@bp.get("/clusters")
@english
def list_clusters():
    values = params.parse(params.cluster_params(_per_page_default()), request.args)
    args, per_page = _page_values(values)
    filters = parse_directory_filters(args, with_size=False)
    found = db.paginate(directory_query(filters), page=filters.page, per_page=per_page, error_out=False, count=True)
    result = ResultPage(items=list(found.items), total=found.total or 0, page=filters.page, per_page=per_page)
    counts = queries.member_counts([cluster.id for cluster in result.items])
    items = [serializers.cluster_summary(cluster, counts.get(cluster.id, 0)) for cluster in result.items]
    return jsonify(serializers.page_envelope(items, result, "api.list_clusters", _filter_args(args)))


def _load_cluster(slug: str):
    cluster = queries.public_cluster(slug)
    if cluster is None:
        abort(404, "No cluster has this slug.")
    return cluster


@bp.get("/clusters/<slug>")
@english
def get_cluster(slug: str):
    cluster = _load_cluster(slug)
    count = queries.member_counts([cluster.id]).get(cluster.id, 0)
    return jsonify(serializers.cluster_detail(cluster, count))


@bp.get("/clusters/<slug>/members")
@english
def list_cluster_members(slug: str):
    values = params.parse(params.page_params(_per_page_default()), request.args)
    cluster = _load_cluster(slug)
    _args, per_page = _page_values(values)
    page = int(values.get("page", 1))
    found = db.paginate(queries.members_query(cluster), page=page, per_page=per_page, error_out=False, count=True)
    result = ResultPage(items=list(found.items), total=found.total or 0, page=page, per_page=per_page)
    return jsonify(serializers.page_envelope([serializers.company_summary(company) for company in result.items],
                                             result, "api.list_cluster_members", {}, slug=cluster.slug))


# --- Reference and description ------------------------------------------------------------------------

def _labelled(labels: dict) -> list[dict[str, str]]:
    return [{"code": code, "label": str(label)} for code, label in labels.items()]


@bp.get("/codes")
@english
def get_codes():
    """The stable codes the API speaks, with their English labels."""
    from babel import Locale

    english_locale = Locale("en")
    return jsonify({
        "kinds": _labelled(KIND_LABELS),
        "sectors": _labelled(reference.SECTORS),
        "cooperation_types": _labelled(reference.COOPERATION_TYPES),
        "sizes": _labelled(reference.SIZE_CLASSES),
        "development_stages": _labelled(DEVELOPMENT_STAGES),
        "partner_types": _labelled(PARTNER_TYPES),
        "countries": [{"code": code, "label": reference.country_name(code, english_locale)}
                      for code in reference.COUNTRY_CODES],
        "languages": [{"code": code, "label": reference.language_name(code, english_locale)}
                      for code in reference.CONTENT_LANGUAGES],
    })


@bp.get("/openapi.json")
@english
def get_openapi():
    return jsonify(openapi.document(current_app))
