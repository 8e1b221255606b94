"""Partnerships: directory, page, start, edit, publish, close, roles and their candidates."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import reference
from ..auth import require, signed_in
from ..companies.filters import parse_directory_filters
from ..extensions import db
from . import member_views  # noqa: F401 - registers the membership and thread routes on bp
from . import permissions, services
from .blueprint import bp
from .candidates import candidates_for_role
from .forms import ANY_COUNTRY, NewPartnershipForm, PartnershipForm, RoleForm
from .models import Partnership
from .pages import load, load_managed, render_manage, render_page, show_error


def _data(form: PartnershipForm) -> services.PartnershipData:
    return services.PartnershipData(name=form.name.data, goal=form.goal.data or "", sector=form.sector.data)


# --- Public pages ---------------------------------------------------------------------------------

@bp.get("/partnerships")
def directory():
    filters = parse_directory_filters(request.args, with_size=False)
    page = db.paginate(services.directory_query(filters), page=filters.page,
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("partnerships/directory.html", page=page, filters=filters,
                           country_options=reference.country_choices(), sector_options=reference.sector_choices())


@bp.get("/partnerships/<slug>")
def page(slug: str):
    return render_page(load(slug))


@bp.get("/my/partnerships")
@require(signed_in)
def mine():
    return render_template("partnerships/mine.html", partnerships=services.partnerships_of(current_user))


# --- Start and run a partnership ------------------------------------------------------------------------

@bp.route("/partnerships/new", methods=["GET", "POST"])
@require(signed_in)
def new():
    if not permissions.can_start_partnership(current_user):
        abort(403)
    form = NewPartnershipForm(services.parties_of(current_user))
    if form.validate_on_submit():
        try:
            partnership = services.create_partnership(current_user, _data(form), services.parse_key(form.lead.data))
        except services.PartnershipError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The partnership was created as a draft. Add the roles it needs, invite partners, "
                    "then publish it."), "success")
            return redirect(url_for(".manage", slug=partnership.slug))
    return render_template("partnerships/form.html", form=form, partnership=None), 400 if form.errors else 200


@bp.route("/partnerships/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    partnership = load_managed(slug)
    form = PartnershipForm(obj=partnership)
    if form.validate_on_submit():
        try:
            services.update_partnership(partnership, _data(form))
        except services.PartnershipError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The partnership was saved."), "success")
            return redirect(url_for(".page", slug=partnership.slug))
    return render_template("partnerships/form.html", form=form, partnership=partnership), 400 if form.errors else 200


@bp.get("/partnerships/<slug>/manage")
@login_required
def manage(slug: str):
    return render_manage(load_managed(slug))


def _change_status(slug: str, change, done: str):
    partnership = load_managed(slug)
    try:
        change(partnership)
    except services.PartnershipError as error:
        flash(str(error.message), "warning")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for(".page", slug=partnership.slug))


@bp.post("/partnerships/<slug>/publish")
@login_required
def publish(slug: str):
    return _change_status(slug, services.publish, _("The partnership is published: its page is now public."))


@bp.post("/partnerships/<slug>/close")
@login_required
def close(slug: str):
    return _change_status(slug, services.close, _("The partnership is closed."))


@bp.post("/partnerships/<slug>/roles")
@login_required
def add_role(slug: str):
    partnership = load_managed(slug)
    form = RoleForm()
    if form.validate():
        country = None if form.country.data == ANY_COUNTRY else form.country.data
        try:
            services.add_role(partnership, services.RoleData(form.sector.data, country, form.capability.data))
        except services.PartnershipError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The role was added. See the candidates the platform proposes for it."), "success")
            return redirect(url_for(".manage", slug=partnership.slug) + "#roles")
    return render_manage(partnership, role_form=form, status=400)


def _role_of(partnership: Partnership, role_id: int):
    role = services.role_in(partnership, role_id)
    if role is None:
        abort(404)
    return role


@bp.post("/partnerships/<slug>/roles/<int:role_id>/remove")
@login_required
def remove_role(slug: str, role_id: int):
    partnership = load_managed(slug)
    services.remove_role(partnership, _role_of(partnership, role_id))
    db.session.commit()
    flash(_("The role was removed."), "success")
    return redirect(url_for(".manage", slug=partnership.slug) + "#roles")


@bp.get("/partnerships/<slug>/roles/<int:role_id>/candidates")
@login_required
def candidates(slug: str, role_id: int):
    partnership = load_managed(slug)
    role = _role_of(partnership, role_id)
    return render_template("partnerships/candidates.html", partnership=partnership, role=role,
                           found=candidates_for_role(partnership, role),
                           is_open=role in partnership.open_roles)
