"""Public JSON shapes of listings, companies, clusters and matches: explicit field lists, nothing else.

Never here: contact details, people (names, e-mails), company websites (the site shows them to
signed-in members only), drafts, pending revisions, moderation notes. A new model field stays
private until someone adds it below, and to the schema in openapi.py.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import url_for

from ..clusters.models import Cluster
from ..companies.models import Company
from ..listings.models import Listing
from ..search.results import ResultPage


def timestamp(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _links(api_endpoint: str, html_endpoint: str, **values: Any) -> dict[str, str]:
    return {"self": url_for(api_endpoint, _external=True, **values),
            "html": url_for(html_endpoint, _external=True, **values)}


def company_ref(company: Company) -> dict[str, Any]:
    """The poster of a listing as a listing shows it: who and where, not how to reach them."""
    return {"slug": company.slug, "name": company.name, "country": company.country, "region": company.region,
            "size": company.size_class}


def listing_summary(listing: Listing, keywords: list[str] | None = None,
                    countries: list[str] | None = None) -> dict[str, Any]:
    """`keywords` and `countries` come batched for list pages; otherwise the listing's loaded rows."""
    return {
        "id": listing.id,
        "kind": listing.kind,
        "status": listing.effective_status,
        "sector": listing.sector,
        "cooperation_types": listing.cooperation_types,
        "title": listing.title,
        "summary": listing.summary,
        "language": listing.language,
        "keywords": listing.keywords if keywords is None else keywords,
        "target_countries": listing.target_countries if countries is None else countries,
        "targets_any_country": listing.targets_any_country,
        "published_at": timestamp(listing.published_at),
        "expires_at": timestamp(listing.expires_at),
        "company": company_ref(listing.company),
        "links": _links("api.get_listing", "listings.show", listing_id=listing.id),
    }


def listing_detail(listing: Listing) -> dict[str, Any]:
    data = listing_summary(listing)
    data.update({
        "description": listing.description,
        "advantages": listing.advantages,
        "development_stage": listing.development_stage or None,
        "partner_role": listing.partner_role,
        "partner_type": listing.partner_type or None,
        "partner_sizes": list(listing.partner_sizes or []),
    })
    data["links"].update(matches=url_for("api.list_listing_matches", listing_id=listing.id, _external=True),
                         company=url_for("api.get_company", slug=listing.company.slug, _external=True))
    return data


def company_summary(company: Company) -> dict[str, Any]:
    return {
        "slug": company.slug,
        "name": company.name,
        "country": company.country,
        "region": company.region,
        "city": company.city,
        "size": company.size_class,
        "sectors": company.sectors,
        "founded_year": company.founded_year,
        "links": _links("api.get_company", "companies.profile", slug=company.slug),
    }


def cluster_ref(cluster: Cluster) -> dict[str, Any]:
    return {"slug": cluster.slug, "name": cluster.name, "country": cluster.country,
            "links": _links("api.get_cluster", "clusters.page", slug=cluster.slug)}


def company_detail(company: Company, clusters: list[Cluster]) -> dict[str, Any]:
    data = company_summary(company)
    data.update({
        "description": company.description,
        "languages": company.languages,
        "clusters": [cluster_ref(cluster) for cluster in clusters],
    })
    return data


def cluster_summary(cluster: Cluster, member_count: int) -> dict[str, Any]:
    links = _links("api.get_cluster", "clusters.page", slug=cluster.slug)
    links.update(members=url_for("api.list_cluster_members", slug=cluster.slug, _external=True),
                 listings=url_for("api.list_listings", cluster=cluster.slug, _external=True))
    return {
        "slug": cluster.slug,
        "name": cluster.name,
        "country": cluster.country,
        "region": cluster.region,
        "sectors": cluster.sectors,
        "member_count": member_count,
        "links": links,
    }


def cluster_detail(cluster: Cluster, member_count: int) -> dict[str, Any]:
    data = cluster_summary(cluster, member_count)
    # A cluster organisation's website is public on its page (unlike a company's).
    data.update({"description": cluster.description, "website": cluster.website or None,
                 "created_at": timestamp(cluster.created_at)})
    return data


def _param(value: Any) -> str | list[str]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(item) for item in value]
    return str(value)


def match(found) -> dict[str, Any]:
    """A matching.services.Match; reasons are worded from the point of view of the listing asked about."""
    return {
        "score": found.score,
        "band": found.band,
        "band_label": found.band_label,
        "cross_border": found.cross_border,
        "reasons": [{"code": reason.code, "text": reason.text,
                     "params": {name: _param(value) for name, value in reason.params.items()}}
                    for reason in found.reasons],
        "listing": listing_summary(found.listing),
    }


def page_envelope(items: list[dict[str, Any]], page: ResultPage, endpoint: str, args: dict[str, str],
                  **view_args: Any) -> dict[str, Any]:
    """The pagination envelope every list shares; links keep the caller's filters."""
    def link(number: int) -> str:
        return url_for(endpoint, _external=True, **view_args, **{**args, "page": number,
                                                                  "per_page": page.per_page})

    return {
        "items": items,
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
        "links": {
            "self": link(page.page),
            "first": link(1),
            "last": link(page.pages),
            "prev": link(min(page.page - 1, page.pages)) if page.page > 1 else None,
            "next": link(page.page + 1) if page.page < page.pages else None,
        },
    }
