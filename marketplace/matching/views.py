"""The Matches tab of a listing and a company's suggested partners."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from ..auth import require, signed_in
from ..listings.permissions import can_view_listing, is_owner
from . import services

bp = Blueprint("matching", __name__)


@bp.get("/listings/<int:listing_id>/matches")
def listing_matches(listing_id: int):
    """Public for an active listing (matches are other public listings); owners also see them for drafts."""
    listing = services.source_listing(listing_id)
    if listing is None or not can_view_listing(current_user, listing):
        abort(404)
    owner = is_owner(current_user, listing)
    matches = services.cached_matches(listing) if listing.is_active or owner else []
    return render_template("matching/listing_matches.html", listing=listing, matches=matches, is_owner=owner)


@bp.get("/my/partners")
@require(signed_in)
def suggested_partners():
    company = current_user.company
    if company is None:
        abort(404)
    return render_template("matching/suggested_partners.html", company=company,
                           suggestions=services.suggested_partners(company))
