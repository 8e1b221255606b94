"""GET /listings/feed.atom: the newest listings of any listing search, with /listings' own query string."""
from __future__ import annotations

import hashlib
from datetime import datetime, time, timezone

from flask import Blueprint, g, make_response, request, url_for
from flask_babel import get_locale, gettext as _

from .. import reference
from ..alerts import queries
from ..database import utcnow
from ..listings.choices import KIND_LABELS
from ..listings.models import Listing
from . import atom

bp = Blueprint("feeds", __name__)

FEED_SIZE = 50
MAX_AGE = 300  # seconds a reader or proxy may keep the feed; new listings wait for review anyway
SITE_NAME = "CLUSTERS-CORD Marketplace"


def _entry(listing: Listing) -> atom.Entry:
    link = url_for("listings.show", listing_id=listing.id, _external=True)
    published = listing.published_at or listing.created_at
    categories = [(listing.kind, str(KIND_LABELS.get(listing.kind, listing.kind))),
                  (listing.sector, str(reference.SECTORS.get(listing.sector, listing.sector))),
                  (listing.company.country, reference.country_name(listing.company.country))]
    categories += [(code, str(reference.COOPERATION_TYPES.get(code, code))) for code in listing.cooperation_types]
    # Only what the listing page shows everyone: no company name or contact (staged disclosure).
    return atom.Entry(id=link, title=listing.title, link=link, published=published,
                      updated=max(published, listing.updated_at or published), summary=listing.summary,
                      language=listing.language, categories=categories)


def _start_of_today() -> datetime:
    return datetime.combine(utcnow().date(), time.min, tzinfo=timezone.utc)


@bp.get("/listings/feed.atom")
def listings():
    # Here `lang` is only the listing-language filter: a feed reader switches no interface language,
    # and a cacheable response must not set the language cookie.
    g.pop("chosen_language", None)
    filters = queries.filters_from(request.query_string.decode("utf-8", "replace"))
    args = queries.query_args(filters)
    items = queries.newest(filters, FEED_SIZE)
    entries = [_entry(listing) for listing in items]
    title = _("Cooperation offers and requests")
    if filters.active:
        title = _("%(title)s: %(search)s", title=title, search=queries.describe(filters))
    feed = atom.Feed(
        id=url_for("feeds.listings", **args, _external=True),
        title=title,
        subtitle=_("The newest published offers and requests that fit this search."),
        self_link=url_for("feeds.listings", **args, _external=True),
        alternate_link=url_for("listings.search", sort="newest", **args, _external=True),
        # An empty feed changes when a day starts, not on each request, so it stays cacheable.
        updated=max((entry.updated for entry in entries), default=_start_of_today()),
        author=SITE_NAME, author_uri=url_for("core.home", _external=True),
        language=str(get_locale() or "en"), entries=entries)
    body = atom.render(feed)
    response = make_response(body)
    response.content_type = "application/atom+xml; charset=utf-8"
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.last_modified = feed.updated
    response.vary.update(("Accept-Language", "Cookie"))  # labels are in the reader's language
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    return response.make_conditional(request)
