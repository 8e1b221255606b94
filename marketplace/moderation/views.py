"""Moderation: the review queue, deciding listings, reports of abuse, suspending and reinstating companies."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth import require
from ..companies.models import Company
from ..core.errors import render_error
from ..extensions import db
from ..listings import services as listing_services
from ..listings.choices import STATUS_LABELS
from ..listings.models import Listing
from ..listings.permissions import can_moderate_listing
from ..query_args import parse_page
from . import choices, permissions, services
from . import queue as review_queue
from . import reports as reporting
from .forms import ApproveForm, ReinstateForm, RejectForm, ReportDecisionForm, ReportForm, SuspendForm
from .models import COMPANY, LISTING, REPORT_OPEN, ModerationAction, Report
from .permissions import is_moderator, signed_in
from .review import field_rows

bp = Blueprint("moderation", __name__)


@bp.app_context_processor
def _template_helpers():
    return {
        **permissions.TEMPLATE_PREDICATES,
        "moderation_action_label": choices.action_label,
        "moderation_reason_label": choices.reason_label,
        "report_reason_label": choices.report_reason_label,
        "report_subject_label": choices.subject_label,
        "report_status_label": choices.report_status_label,
        "moderation_history": services.history_for,
        "moderation_listing_status": lambda code: str(STATUS_LABELS.get(code, code)),
    }


def _page_size() -> int:
    return current_app.config["PAGE_SIZE"]


# --- The review queue and the review page -----------------------------------------------------------

@bp.get("/moderation")
@require(is_moderator)
def queue():
    chosen = review_queue.parse_filter(request.args, current_user)
    page = db.paginate(review_queue.queue_query(current_user, chosen), page=chosen.page, per_page=_page_size(),
                       error_out=False)
    return render_template("moderation/queue.html", page=page, chosen=chosen,
                           clusters=review_queue.filter_clusters(current_user), NO_CLUSTER=review_queue.NO_CLUSTER,
                           open_reports=reporting.open_report_count(current_user),
                           accepted_clusters=review_queue.accepted_clusters, waiting_since=review_queue.waiting_since_of)


def _listing_to_moderate(listing_id: int) -> Listing:
    listing = db.session.get(Listing, listing_id)
    if listing is None:
        abort(404)
    if not can_moderate_listing(current_user, listing):
        abort(403)
    return listing


def _render_review(listing: Listing, approve_form=None, reject_form=None, status: int = 200):
    version = review_queue.review_version(listing)
    approve_form = approve_form or ApproveForm(version=version)
    reject_form = reject_form or RejectForm(version=version)
    company = review_queue.company_with_clusters(listing.company_id)
    return render_template(
        "moderation/review.html", listing=listing, company=company, rows=field_rows(listing),
        awaiting=review_queue.is_awaiting_review(listing), approve_form=approve_form, reject_form=reject_form,
        clusters=review_queue.accepted_clusters(company), listing_counts=review_queue.listing_counts(company.id),
        entries=services.history(LISTING, listing.id),
        open_reports=reporting.open_reports_about(LISTING, listing.id),
        company_reports=reporting.open_reports_about(COMPANY, company.id)), status


@bp.get("/moderation/listings/<int:listing_id>")
@require(signed_in)
def review(listing_id: int):
    return _render_review(_listing_to_moderate(listing_id))


def _stale(listing: Listing, version: str | None):
    """A redirect with the reason if the decision no longer applies to what the moderator saw, else None."""
    if not review_queue.is_awaiting_review(listing):
        flash(_("Someone else has already decided on this listing, or it is no longer waiting for review. "
                "Here is its current state."), "warning")
    elif version != review_queue.review_version(listing):
        flash(_("The author changed the listing while you were reviewing it. Please review it again."), "warning")
    else:
        return None
    return redirect(url_for(".review", listing_id=listing.id))


def _already_decided(listing_id: int):
    db.session.rollback()
    flash(_("Someone else has already decided on this listing, or it is no longer waiting for review. "
            "Here is its current state."), "warning")
    return redirect(url_for(".review", listing_id=listing_id))


@bp.post("/moderation/listings/<int:listing_id>/approve")
@require(signed_in)
def approve(listing_id: int):
    listing = _listing_to_moderate(listing_id)
    form = ApproveForm()  # CSRFProtect has checked the token before the view runs
    stale = _stale(listing, form.version.data)
    if stale is not None:
        return stale
    was_revision = listing.status != "pending"
    try:
        listing_services.approve(current_user, listing)
    except listing_services.AlreadyDecided:
        return _already_decided(listing_id)
    db.session.commit()
    if was_revision:
        flash(_("The changes to “%(title)s” are approved and published.", title=listing.title), "success")
    else:
        flash(_("“%(title)s” is approved and published.", title=listing.title), "success")
    return redirect(url_for(".queue"))


@bp.post("/moderation/listings/<int:listing_id>/reject")
@require(signed_in)
def reject(listing_id: int):
    listing = _listing_to_moderate(listing_id)
    form = RejectForm()
    stale = _stale(listing, form.version.data)
    if stale is not None:
        return stale
    if not form.validate_on_submit():
        return _render_review(listing, reject_form=form, status=400)
    try:
        listing_services.reject(current_user, listing, form.reason.data, form.note.data or "")
    except listing_services.AlreadyDecided:
        return _already_decided(listing_id)
    db.session.commit()
    flash(_("“%(title)s” was sent back to its author with your reason.", title=listing.title), "success")
    return redirect(url_for(".queue"))


# --- Reports -----------------------------------------------------------------------------------------

def _subject_from_args():
    subject_type = request.args.get("subject_type", "")
    subject_id = request.args.get("subject_id", "")
    if subject_type not in reporting.SUBJECT_TYPES or not subject_id.isdigit() or len(subject_id) > 12:
        abort(404)
    subject = reporting.load_subject(subject_type, int(subject_id))
    if subject is None or not reporting.can_see_subject(current_user, subject):
        abort(404)  # what the reporter cannot see does not exist for them
    return subject


@bp.route("/reports/new", methods=["GET", "POST"])
@require(signed_in)
def new_report():
    subject = _subject_from_args()
    company_id = subject.company.id if subject.company else None
    if not permissions.can_report_subject(current_user, subject.type, company_id):
        return render_error(403, _("This belongs to your own company: you can change it yourself."))
    if reporting.open_report_by(current_user, subject.type, subject.id) is not None:
        flash(_("You have already reported this. The moderators are looking into it; thank you for your patience."),
              "info")
        return redirect(subject.url)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            reporting.file_report(current_user, subject, form.reason.data, form.details.data or "")
        except reporting.DuplicateReport:  # a double click: the first one counted
            db.session.rollback()
        else:
            db.session.commit()
        flash(_("Thank you. The moderators will look into your report."), "success")
        return redirect(subject.url)
    return render_template("moderation/report_form.html", form=form, subject=subject), 400 if form.errors else 200


def _report_status(args) -> str:
    return "closed" if args.get("status") == "closed" else REPORT_OPEN


@bp.get("/moderation/reports")
@require(is_moderator)
def reports():
    status = _report_status(request.args)
    page = db.paginate(reporting.reports_query(current_user, status), page=parse_page(request.args),
                       per_page=_page_size(), error_out=False)
    return render_template("moderation/reports.html", page=page, status=status,
                           subjects=reporting.load_subjects(page.items))


def _report_to_handle(report_id: int):
    entry = db.session.get(Report, report_id)
    if entry is None:
        abort(404)
    subject = reporting.load_subject(entry.subject_type, entry.subject_id)
    if not permissions.can_handle_report(current_user, subject):
        abort(403)
    return entry, subject


def _render_report(entry: Report, subject, form=None, status: int = 200):
    others = [r for r in reporting.open_reports_about(entry.subject_type, entry.subject_id) if r.id != entry.id]
    company = subject.company if subject else None
    return render_template(
        "moderation/report.html", report=entry, subject=subject, form=form or ReportDecisionForm(),
        decisions=reporting.available_decisions(subject), others=others,
        entries=services.history(entry.subject_type, entry.subject_id),
        company_entries=services.history(COMPANY, company.id) if company and entry.subject_type != COMPANY else [],
    ), status


@bp.get("/moderation/reports/<int:report_id>")
@require(signed_in)
def report_detail(report_id: int):
    entry, subject = _report_to_handle(report_id)
    return _render_report(entry, subject)


@bp.post("/moderation/reports/<int:report_id>")
@require(signed_in)
def decide_report(report_id: int):
    entry, subject = _report_to_handle(report_id)
    form = ReportDecisionForm()
    if entry.status != REPORT_OPEN:
        flash(_("Someone else has already handled this report. Here is what was decided."), "warning")
        return redirect(url_for(".report_detail", report_id=entry.id))
    if not form.validate_on_submit():
        return _render_report(entry, subject, form, status=400)
    decision = form.decision.data
    try:
        reporting.decide_report(current_user, entry, subject, decision, form.note.data or "")
    except (services.ModerationError, listing_services.ListingError):
        db.session.rollback()
        flash(_("Someone else acted on this report or its subject in the meantime. Here is the current state."),
              "warning")
        return redirect(url_for(".report_detail", report_id=report_id))
    db.session.commit()
    flash({
        reporting.DISMISS: _("The report was dismissed."),
        reporting.RESOLVE: _("The report was marked as resolved."),
        reporting.UNPUBLISH: _("The listing was unpublished and the report resolved. The company was told why."),
        reporting.SUSPEND: _("The company is suspended and the report resolved."),
    }[decision], "success")
    return redirect(url_for(".reports"))


# --- Companies: history, suspension, reinstatement ----------------------------------------------------

def _company_to_moderate(company_id: int) -> Company:
    company = review_queue.company_with_clusters(company_id)
    if company is None:
        abort(404)
    if not permissions.can_moderate_company(current_user, company):
        abort(403)
    return company


def _render_company(company: Company, suspend_form=None, reinstate_form=None, status: int = 200):
    last_suspension = None
    if company.suspended_at is not None:
        last_suspension = db.session.scalar(
            select(ModerationAction).where(ModerationAction.subject_type == COMPANY,
                                           ModerationAction.subject_id == company.id,
                                           ModerationAction.action == "suspend")
            .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc()).limit(1))
    return render_template(
        "moderation/company.html", company=company, clusters=review_queue.accepted_clusters(company),
        listing_counts=review_queue.listing_counts(company.id), entries=services.history(COMPANY, company.id),
        open_reports=reporting.open_reports_about(COMPANY, company.id), last_suspension=last_suspension,
        suspend_form=suspend_form or SuspendForm(), reinstate_form=reinstate_form or ReinstateForm()), status


@bp.get("/moderation/companies/<int:company_id>")
@require(signed_in)
def company_history(company_id: int):
    return _render_company(_company_to_moderate(company_id))


@bp.post("/moderation/companies/<int:company_id>/suspend")
@require(signed_in)
def suspend_company(company_id: int):
    company = _company_to_moderate(company_id)
    form = SuspendForm()
    if company.suspended_at is not None:
        flash(_("%(company)s is already suspended.", company=company.name), "info")
        return redirect(url_for(".company_history", company_id=company.id))
    if not form.validate_on_submit():
        return _render_company(company, suspend_form=form, status=400)
    services.suspend_company(current_user, company, form.reason.data, form.note.data)
    db.session.commit()
    flash(_("%(company)s is suspended: its listings are hidden and its members cannot post.", company=company.name),
          "success")
    return redirect(url_for(".company_history", company_id=company.id))


@bp.post("/moderation/companies/<int:company_id>/reinstate")
@require(signed_in)
def reinstate_company(company_id: int):
    company = _company_to_moderate(company_id)
    form = ReinstateForm()
    if company.suspended_at is None:
        flash(_("%(company)s is not suspended.", company=company.name), "info")
        return redirect(url_for(".company_history", company_id=company.id))
    if not form.validate_on_submit():
        return _render_company(company, reinstate_form=form, status=400)
    services.reinstate_company(current_user, company, form.note.data or "")
    db.session.commit()
    flash(_("%(company)s is reinstated: its published listings are visible again.", company=company.name), "success")
    if request.form.get("back") == "suspended":
        return redirect(url_for(".suspended"))
    return redirect(url_for(".company_history", company_id=company.id))


@bp.get("/moderation/companies/suspended")
@require(is_moderator)
def suspended():
    page = db.paginate(review_queue.suspended_companies_query(current_user), page=parse_page(request.args),
                       per_page=_page_size(), error_out=False)
    return render_template("moderation/suspended.html", page=page, form=ReinstateForm())
