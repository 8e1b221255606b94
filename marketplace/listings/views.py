"""Listings: search, the listing page, post and edit, submit, withdraw, renew, and a company's own listings."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import format_date, gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, lazyload

from ..auth import require, signed_in
from ..companies.models import Company
from ..companies.services import accepted_cluster_links
from ..extensions import db
from ..markup import render_markdown
from ..moderation.models import LISTING
from ..moderation.services import history_for
from . import choices, owner, permissions, services
from .forms import REVIEW_MESSAGES, ListingForm, warnings_for
from .models import PENDING, PUBLISHED, WITHDRAWN, Listing
from .queries import listing_facts
from . import search as listing_search

bp = Blueprint("listings", __name__)

SUBMIT = "submit"


def _label(labels: dict):
    return lambda code: str(labels.get(code, code or ""))


@bp.record_once
def _template_helpers(state) -> None:
    """Globals and filters rather than a context processor, so that imported macros see them too."""
    env = state.app.jinja_env
    env.globals.update(
        can_view_listing=permissions.can_view_listing,
        can_edit_listing=permissions.can_edit_listing,
        can_moderate_listing=permissions.can_moderate_listing,
        can_post_listings=permissions.can_post_listings,
        is_listing_owner=permissions.is_owner,
        can_renew_listing=services.can_renew,
    )
    env.filters.update(
        markdown=render_markdown,
        listing_kind=_label(choices.KIND_LABELS),
        listing_status=_label(choices.STATUS_LABELS),
        listing_status_badge=lambda code: choices.STATUS_BADGES.get(code, "neutral"),
        development_stage=_label(choices.DEVELOPMENT_STAGES),
        partner_type=_label(choices.PARTNER_TYPES),
        rejection_reason=_label(choices.REJECTION_REASONS),
    )


def _cannot_post():
    """A page that says what is missing before this person may post, instead of a bare 403."""
    company = current_user.company
    return make_response(render_template("listings/cannot_post.html", company=company), 403)


# The listing page reads the company in the listing's query; it shows the company's sectors, not its languages.
# The three lists come in one query (listing_facts); owners' checks load them if they need them.
PAGE_OPTIONS = (joinedload(Listing.company).joinedload(Company.sector_rows),
                joinedload(Listing.company).lazyload(Company.language_rows),
                lazyload(Listing.type_rows), lazyload(Listing.keyword_rows), lazyload(Listing.country_rows))


def _load(listing_id: int, options=()) -> Listing:
    listing = db.session.get(Listing, listing_id, options=options)
    if listing is None or not permissions.can_view_listing(current_user, listing):
        abort(404)  # a draft of another company does not exist for outsiders
    return listing


def _load_own(listing_id: int, posting: bool = True) -> Listing:
    listing = _load(listing_id)
    if not permissions.is_owner(current_user, listing):
        abort(403)
    if posting and not permissions.can_post_listings(current_user):
        abort(_cannot_post())
    return listing


def _saved_message(listing: Listing, submitted: bool) -> str:
    if listing.status == PUBLISHED:
        if submitted:
            return _("Your changes were sent for review. The published version stays visible until they are approved.")
        return _("Your changes were saved. Submit them for review when they are ready.")
    if listing.status == PENDING:
        return _("The listing was saved and is waiting for review by a cluster manager.")
    return _("The draft was saved. Submit it for review when it is ready.")


def _process(form: ListingForm, listing: Listing | None):
    """Validate a posted form. Returns (data, submit, warnings); data is None while something needs the author."""
    submit = request.form.get("action") == SUBMIT or (listing is not None and listing.status == PENDING)
    valid = form.validate_on_submit()
    if submit:
        valid = form.validate_for_review() and valid
    if not valid:
        return None, submit, []
    data = form.listing_data()
    warnings = warnings_for(data) if submit else []
    if warnings and not {w.code for w in warnings} <= form.acknowledged_codes():
        form.acknowledged.data = ",".join(w.code for w in warnings)
        return None, submit, warnings
    return data, submit, []


def _show_incomplete(form: ListingForm, error: services.IncompleteListing) -> None:
    for name in error.fields:
        getattr(form, name).errors = [*getattr(form, name).errors, str(REVIEW_MESSAGES[name])]


@bp.get("/listings")
def search():
    filters = listing_search.parse_filters(request.args)
    result = listing_search.search(filters, per_page=current_app.config["PAGE_SIZE"], cards=True)
    return render_template("listings/search.html", page=result, filters=filters, facets=result.facets,
                           cluster_names=listing_search.cluster_names(result.facets["cluster"]))


@bp.route("/listings/new", methods=["GET", "POST"])
@require(signed_in)
def new():
    if not permissions.can_post_listings(current_user):
        return _cannot_post()
    form = ListingForm()
    warnings = []
    if request.method == "POST":
        data, submit, warnings = _process(form, None)
        if data is not None:
            try:
                listing, created = _create_once(data, form.client_token.data, submit)
            except services.IncompleteListing as error:
                db.session.rollback()
                _show_incomplete(form, error)
            else:
                if created:
                    flash(_saved_message(listing, submit), "success")
                else:
                    flash(_("This listing was already saved; here it is."), "info")
                return redirect(url_for(".show", listing_id=listing.id))
    return render_template("listings/form.html", form=form, listing=None, warnings=warnings)


def _create_once(data: services.ListingData, token: str, submit: bool) -> tuple[Listing, bool]:
    """Two simultaneous posts of one form: the unique token lets one insert win; the other finds its listing."""
    try:
        listing, created = services.create_listing(current_user, data, token, submit)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        listing, created = services.create_listing(current_user, data, token, submit)
        db.session.commit()
    return listing, created


@bp.get("/listings/<int:listing_id>")
def show(listing_id: int):
    listing = _load(listing_id, PAGE_OPTIONS)
    is_owner = permissions.is_owner(current_user, listing)
    insider = is_owner or permissions.can_moderate_listing(current_user, listing)
    revision = services.ListingData(**listing.revision) if insider and listing.revision else None
    warnings = warnings_for(services.ListingData.of(listing)) if is_owner and listing.status != WITHDRAWN else []
    return render_template(
        "listings/show.html", listing=listing, facts=listing_facts(listing.id), is_owner=is_owner,
        revision=revision, warnings=warnings, clusters=accepted_cluster_links(listing.company_id), show_history=insider,
        history=history_for(current_user, LISTING, listing.id, listing.company_id) if insider else [])


@bp.route("/listings/<int:listing_id>/edit", methods=["GET", "POST"])
@require(signed_in)
def edit(listing_id: int):
    listing = _load_own(listing_id)
    if not permissions.can_edit_listing(current_user, listing):
        flash(_("A withdrawn listing cannot be edited any more. You can post a new one."), "error")
        return redirect(url_for(".show", listing_id=listing.id))
    form = ListingForm()
    warnings = []
    if request.method == "GET":
        form.fill(services.ListingData(**listing.revision) if listing.revision else services.ListingData.of(listing))
    else:
        data, submit, warnings = _process(form, listing)
        if data is not None:
            try:
                services.update_listing(current_user, listing, data, submit)
            except services.IncompleteListing as error:
                db.session.rollback()
                _show_incomplete(form, error)
            except services.TransitionNotAllowed:
                db.session.rollback()
                flash(_("This listing can no longer be changed."), "error")
                return redirect(url_for(".show", listing_id=listing.id))
            else:
                db.session.commit()
                flash(_saved_message(listing, submit), "success")
                return redirect(url_for(".show", listing_id=listing.id))
    return render_template("listings/form.html", form=form, listing=listing, warnings=warnings)


@bp.post("/listings/<int:listing_id>/submit")
@require(signed_in)
def submit(listing_id: int):
    listing = _load_own(listing_id)
    try:
        services.submit_listing(current_user, listing)
    except services.IncompleteListing as error:
        db.session.rollback()
        missing = " ".join(str(REVIEW_MESSAGES[name]) for name in error.fields)
        flash(_("Please complete the listing before submitting it. %(missing)s", missing=missing), "error")
        return redirect(url_for(".edit", listing_id=listing.id))
    except services.TransitionNotAllowed:
        db.session.rollback()
        flash(_("Only drafts and rejected listings can be submitted for review."), "error")
    else:
        db.session.commit()
        flash(_("Thank you. The listing was sent for review; you will get an e-mail when it is decided."), "success")
    return redirect(url_for(".show", listing_id=listing.id))


@bp.route("/listings/<int:listing_id>/withdraw", methods=["GET", "POST"])
@require(signed_in)
def withdraw(listing_id: int):
    listing = _load_own(listing_id, posting=False)  # taking a listing down is allowed even when suspended
    if listing.status == WITHDRAWN:
        flash(_("This listing is already withdrawn."), "info")
        return redirect(url_for(".show", listing_id=listing.id))
    if request.method == "GET":
        return render_template("listings/withdraw.html", listing=listing)
    services.withdraw(current_user, listing)
    db.session.commit()
    flash(_("The listing was withdrawn. It is no longer shown to others."), "success")
    return redirect(url_for(".mine"))


@bp.post("/listings/<int:listing_id>/renew")
@require(signed_in)
def renew(listing_id: int):
    listing = _load_own(listing_id)
    try:
        services.renew(current_user, listing)
    except services.TransitionNotAllowed:
        db.session.rollback()
        flash(_("A listing can be renewed in the last 30 days of its validity or after it has expired."), "error")
    else:
        db.session.commit()
        flash(_("The listing was renewed and is valid until %(date)s.", date=format_date(listing.expires_at)), "success")
    return redirect(url_for(".show", listing_id=listing.id))


@bp.get("/my/listings")
@require(signed_in)
def mine():
    if current_user.company is None:
        return _cannot_post()
    return render_template("listings/mine.html", company=current_user.company,
                           overview=owner.overview(current_user.company_id))
