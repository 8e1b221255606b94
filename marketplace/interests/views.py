"""Expressions of interest: send one on a listing, the received and sent lists, the page of one, its answer."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime, gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..auth import require, signed_in
from ..core.errors import render_error
from ..extensions import db
from ..listings.models import Listing
from ..listings.permissions import can_view_listing
from ..messaging.models import Conversation
from ..query_args import parse_page
from . import choices, permissions, privacy, queries, services  # noqa: F401 - privacy registers its hooks
from .forms import AnswerForm, InterestForm
from .models import ACCEPTED, Interest

bp = Blueprint("interests", __name__)


@bp.record_once
def _template_helpers(state) -> None:
    """Globals rather than a context processor, so that included partials and macros see them too."""
    state.app.jinja_env.globals.update(
        **permissions.TEMPLATE_PREDICATES,
        interest_panel=lambda listing: queries.panel_for(current_user, listing),
        new_interest_form=_panel_form,
        company_reply_stats=queries.reply_stats_for,
        interest_status_label=choices.status_label,
        interest_status_badge=choices.status_badge,
        interest_event_label=choices.event_label,
    )


def _panel_form() -> InterestForm:
    form = InterestForm(formdata=None)
    form.from_listing.data = request.args.get("from", "")[:12]
    return form


def _listing(listing_id: int) -> Listing:
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_view_listing(current_user, listing):
        abort(404)
    return listing


def _refusal(listing: Listing):
    """Why this person may not express interest in this listing, as an error page; None if they may."""
    if current_user.company is None:
        return render_error(403, _("Create your company profile first: interest is expressed by a company."))
    if listing.company_id == current_user.company_id:
        return render_error(403, _("This is your own company's listing."))
    if current_user.company.suspended_at is not None:
        return render_error(403, _("Your company is suspended and cannot express interest at the moment."))
    if not current_user.is_confirmed:
        return render_error(403, _("Please confirm your e-mail address before you express interest."))
    if not permissions.listing_takes_interest(listing):
        return render_error(403, _("This listing is no longer active and does not take expressions of interest."))
    return None


def _limit_message(error: services.DailyLimitReached) -> str:
    return _("Your company has reached its limit of %(limit)d expressions of interest in 24 hours. "
             "You can send the next one from %(time)s.",
             limit=error.limit, time=format_datetime(error.next_possible_at, "short"))


def _sender_listing(form: InterestForm) -> Listing | None:
    listing_id = form.from_listing_id()
    listing = db.session.get(Listing, listing_id) if listing_id else None
    return listing if listing is not None and listing.company_id == current_user.company_id else None


@bp.route("/listings/<int:listing_id>/interest", methods=["GET", "POST"])
@require(signed_in)
def send(listing_id: int):
    listing = _listing(listing_id)
    existing = services.open_interest(current_user.company_id, listing.id) if current_user.company_id else None
    if existing is not None and not existing.is_lapsed():
        flash(_("Your company has already expressed interest in this listing."), "info")
        return redirect(url_for(".show", interest_id=existing.id))
    refusal = _refusal(listing)
    if refusal is not None:
        return refusal
    form = InterestForm() if request.method == "POST" else _panel_form()
    status = 200
    if form.validate_on_submit():
        try:
            interest = services.send_interest(current_user, listing, form.message.data,
                                              sender_listing=_sender_listing(form))
            db.session.commit()
        except services.AlreadyExpressed as error:
            db.session.rollback()
            flash(_("Your company has already expressed interest in this listing."), "info")
            return redirect(url_for(".show", interest_id=error.existing.id))
        except IntegrityError:  # a colleague's (or a double click's) interest was stored a moment earlier
            db.session.rollback()
            existing = services.open_interest(current_user.company_id, listing.id)
            flash(_("Your company has already expressed interest in this listing."), "info")
            return redirect(url_for(".show", interest_id=existing.id) if existing else
                            url_for("listings.show", listing_id=listing.id))
        except services.DailyLimitReached as error:
            db.session.rollback()
            form.form_errors.append(_limit_message(error))
            status = 429
        except services.InterestError:
            db.session.rollback()
            return _refusal(listing) or render_error(403)
        else:
            flash(_("Your expression of interest was sent to %(company)s. They have 14 days to answer; "
                    "we will let you know.", company=listing.company.name), "success")
            return redirect(url_for(".show", interest_id=interest.id))
    elif request.method == "POST":
        status = 400
    return render_template("interests/new.html", listing=listing, form=form,
                           remaining=services.remaining_today(current_user.company_id)), status


def _company_required():
    if current_user.company is None:
        return render_error(403, _("Create your company profile first: interest is expressed by a company."))
    return None


@bp.get("/interests")
@require(signed_in)
def index():
    refusal = _company_required()
    if refusal is not None:
        return refusal
    box = queries.SENT if request.args.get("box") == queries.SENT else queries.RECEIVED
    page = db.paginate(queries.interests_query(current_user, box), page=parse_page(request.args),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("interests/index.html", page=page, box=box)


def _load(interest_id: int) -> Interest:
    interest = queries.load_interest(interest_id)
    if interest is None or not permissions.can_view_interest(current_user, interest):
        abort(404)  # another company's interest does not exist for outsiders
    return interest


def _render(interest: Interest, answer_form: AnswerForm | None = None, status: int = 200):
    conversation = None
    sender_contacts = listing_contacts = None
    if interest.status == ACCEPTED and permissions.can_see_contacts(current_user, interest):
        sender_contacts, listing_contacts = queries.contacts(interest)
        conversation = db.session.scalar(select(Conversation).where(Conversation.interest_id == interest.id))
    return render_template("interests/show.html", interest=interest, answer_form=answer_form or AnswerForm(),
                           conversation=conversation, sender_contacts=sender_contacts,
                           listing_contacts=listing_contacts,
                           on_sender_side=permissions.is_sender_side(current_user, interest)), status


@bp.get("/interests/<int:interest_id>")
@require(signed_in)
def show(interest_id: int):
    return _render(_load(interest_id))


def _answer(interest_id: int, accept: bool):
    interest = _load(interest_id)
    if not permissions.is_recipient_side(current_user, interest):
        abort(403)
    form = AnswerForm()
    if not form.validate_on_submit():
        return _render(interest, form, 400)
    try:
        if accept:
            conversation = services.accept_interest(current_user, interest, form.note.data or "")
        else:
            services.decline_interest(current_user, interest, form.note.data or "")
    except services.InterestExpired:
        db.session.rollback()
        flash(_("This expression of interest expired before it was answered; it can no longer be accepted."), "error")
    except services.AlreadyDecided:
        db.session.rollback()
        flash(_("This expression of interest has already been answered, perhaps by a colleague."), "info")
    except services.SenderSuspended:
        db.session.rollback()
        flash(_("Your company is suspended: it cannot start new conversations at the moment."), "error")
    else:
        db.session.commit()
        if accept:
            flash(_("You accepted. You now see each other's contact details, and your conversation is open."),
                  "success")
            return redirect(url_for("messaging.thread", conversation_id=conversation.id))
        flash(_("You declined. %(company)s has been told.", company=interest.sender_company.name), "success")
    return redirect(url_for(".show", interest_id=interest_id))


@bp.post("/interests/<int:interest_id>/accept")
@require(signed_in)
def accept(interest_id: int):
    return _answer(interest_id, accept=True)


@bp.post("/interests/<int:interest_id>/decline")
@require(signed_in)
def decline(interest_id: int):
    return _answer(interest_id, accept=False)
