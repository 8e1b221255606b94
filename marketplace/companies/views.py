"""Company profiles: directory, public page, create and edit, colleagues and invitations."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required

from ..accounts.models import User
from ..core.errors import render_error
from ..database import utcnow
from ..extensions import db
from . import permissions, services
from . import search as company_search
from .filters import parse_directory_filters
from .forms import CompanyForm, InviteForm
from .models import Company, CompanyInvitation

bp = Blueprint("companies", __name__, url_prefix="/companies")


@bp.app_context_processor
def _permissions():
    return permissions.TEMPLATE_PREDICATES


def _load(slug: str) -> Company:
    company = services.company_by_slug(slug)
    if company is None or not permissions.can_view_company(current_user, company):
        abort(404)  # an unpublished profile does not exist for outsiders
    return company


def _load_for_edit(slug: str) -> Company:
    company = _load(slug)
    if not permissions.can_edit_company(current_user, company):
        abort(403)
    return company


def _data(form: CompanyForm) -> services.CompanyData:
    return services.CompanyData(
        name=form.name.data, country=form.country.data, size_class=form.size_class.data,
        sectors=form.sectors.data, region=form.region.data or "", city=form.city.data or "",
        founded_year=form.founded_year.data, website=form.website.data or "",
        description=form.description.data or "", languages=form.languages.data or [],
        is_published=form.is_published.data, is_in_benchmarks=form.is_in_benchmarks.data)


def _show_error(form, error: services.CompanyError) -> None:
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


@bp.get("")
def directory():
    filters = parse_directory_filters(request.args)
    result = company_search.search(filters, per_page=current_app.config["PAGE_SIZE"])
    return render_template("companies/directory.html", page=result, filters=filters, facets=result.facets)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    if current_user.company is not None:
        flash(_("You already belong to a company: here is its profile."), "info")
        return redirect(url_for(".profile", slug=current_user.company.slug))
    if not permissions.can_create_company(current_user):
        return render_error(403, _("Please confirm your e-mail address before you create a company profile."))
    form = CompanyForm()
    if form.validate_on_submit():
        try:
            company = services.create_company(current_user, _data(form))
        except services.CompanyError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your company profile is ready. Invite your colleagues to join it."), "success")
            return redirect(url_for(".profile", slug=company.slug))
    return render_template("companies/form.html", form=form, company=None)


@bp.get("/<slug>")
def profile(slug: str):
    company = _load(slug)
    return render_template("companies/profile.html", company=company,
                           clusters=services.accepted_clusters(company))


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    company = _load_for_edit(slug)
    form = CompanyForm(obj=company)
    if form.validate_on_submit():
        try:
            services.update_company(company, _data(form))
        except services.CompanyError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("The profile was saved."), "success")
            return redirect(url_for(".profile", slug=company.slug))
    return render_template("companies/form.html", form=form, company=company)


@bp.route("/<slug>/members", methods=["GET", "POST"])
@login_required
def members(slug: str):
    company = _load_for_edit(slug)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, _token = services.invite_colleague(
                current_user, company, form.email.data, str(get_locale() or "en"))
        except services.CompanyError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("We sent an invitation to %(email)s. The link is valid for 14 days.", email=invitation.email),
                  "success")
            return redirect(url_for(".members", slug=company.slug))
    return render_template("companies/members.html", company=company, form=form,
                           members=services.active_members(company),
                           invitations=services.pending_invitations(company), now=utcnow())


@bp.post("/<slug>/invitations/<int:invitation_id>/revoke")
@login_required
def revoke_invitation(slug: str, invitation_id: int):
    company = _load_for_edit(slug)
    invitation = db.session.get(CompanyInvitation, invitation_id)
    if invitation is None or invitation.company_id != company.id or invitation.accepted_at is not None:
        abort(404)
    services.revoke_invitation(invitation)
    db.session.commit()
    flash(_("The invitation to %(email)s was withdrawn.", email=invitation.email), "success")
    return redirect(url_for(".members", slug=company.slug))


@bp.post("/<slug>/members/<int:user_id>/remove")
@login_required
def remove_member(slug: str, user_id: int):
    company = _load_for_edit(slug)
    member = db.session.get(User, user_id)
    if member is None or member.company_id != company.id:
        abort(404)
    leaving = member.id == current_user.id
    try:
        services.remove_member(company, member)
    except services.CompanyError as error:
        flash(str(error.message), "error")
        return redirect(url_for(".members", slug=company.slug))
    db.session.commit()
    if leaving:
        flash(_("You have left %(company)s.", company=company.name), "success")
        return redirect(url_for(".directory"))
    flash(_("%(name)s is no longer a member of the company.", name=member.name), "success")
    return redirect(url_for(".members", slug=company.slug))


def _invitation_or_404(token: str) -> CompanyInvitation:
    invitation = services.invitation_by_token(token)
    if invitation is None:
        abort(404)
    return invitation


@bp.get("/invitations/<token>")
def invitation(token: str):
    invitation = _invitation_or_404(token)
    state = services.invitation_state(invitation, current_user)
    return render_template("companies/invitation.html", invitation=invitation, state=state, token=token,
                           next_url=url_for(".invitation", token=token))


@bp.post("/invitations/<token>")
@login_required
def accept_invitation(token: str):
    invitation = _invitation_or_404(token)
    if services.invitation_state(invitation, current_user) != services.INVITATION_OK:
        return redirect(url_for(".invitation", token=token))  # the page explains why
    company = services.accept_invitation(current_user, invitation)
    db.session.commit()
    flash(_("Welcome to %(company)s!", company=company.name), "success")
    return redirect(url_for(".profile", slug=company.slug))
