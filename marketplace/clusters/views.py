"""Clusters: directory, page, membership requests and decisions, administration."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import reference
from ..auth import is_admin, require
from ..companies.filters import parse_directory_filters
from ..extensions import db
from ..query_args import parse_page
from . import permissions, services
from .forms import ClusterForm, JoinRequestForm, ManagerForm
from .models import MEMBERSHIP_ACCEPTED, MEMBERSHIP_DECLINED, MEMBERSHIP_PENDING, Cluster, ClusterMembership

bp = Blueprint("clusters", __name__)
# Administration pages: anonymous visitors are asked to sign in, everyone but admins gets 403.
admin_required = require(lambda user, **_view_args: is_admin(user))


@bp.app_context_processor
def _permissions():
    return permissions.TEMPLATE_PREDICATES


def _load(slug: str) -> Cluster:
    cluster = services.cluster_by_slug(slug)
    if cluster is None:
        abort(404)
    return cluster


def load_managed_cluster(slug: str) -> Cluster:
    """Load (404), then authorise (403): the cluster's managers and admins only."""
    cluster = _load(slug)
    if not permissions.can_manage_cluster(current_user, cluster):
        abort(403)
    return cluster


def _membership_in(cluster: Cluster, membership_id: int) -> ClusterMembership:
    """A membership of THIS cluster: an id from another cluster is not found here."""
    membership = db.session.get(ClusterMembership, membership_id)
    if membership is None or membership.cluster_id != cluster.id:
        abort(404)
    return membership


def _data(form: ClusterForm) -> services.ClusterData:
    return services.ClusterData(name=form.name.data, country=form.country.data, sectors=form.sectors.data,
                                region=form.region.data or "", website=form.website.data or "",
                                description=form.description.data or "")


def _show_error(form, error: services.ClusterError) -> None:
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


# --- Public pages ---------------------------------------------------------------------------------

@bp.get("/clusters")
def directory():
    filters = parse_directory_filters(request.args, with_size=False)
    page = db.paginate(services.directory_query(filters), page=filters.page,
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    counts = services.member_counts([cluster.id for cluster in page.items])
    return render_template("clusters/directory.html", page=page, filters=filters, counts=counts,
                           country_options=reference.country_choices(), sector_options=reference.sector_choices())


def _render_page(cluster: Cluster, join_form: JoinRequestForm | None = None, status: int = 200):
    members = db.paginate(services.member_companies_query(cluster), page=parse_page(request.args),
                          per_page=current_app.config["PAGE_SIZE"], error_out=False)
    own = services.membership_of(cluster, current_user.company_id)
    return render_template("clusters/page.html", cluster=cluster, members=members, own=own,
                           managers=services.managers(cluster), join_form=join_form or JoinRequestForm(),
                           pending=services.pending_counts([cluster.id]).get(cluster.id, 0)
                           if permissions.can_manage_cluster(current_user, cluster) else 0), status


@bp.get("/clusters/<slug>")
def page(slug: str):
    return _render_page(_load(slug))


@bp.post("/clusters/<slug>/join")
@login_required
def request_membership(slug: str):
    cluster = _load(slug)
    if not permissions.can_request_membership(current_user, cluster):
        abort(403)
    form = JoinRequestForm()
    if not form.validate():
        return _render_page(cluster, form, 400)
    try:
        services.request_membership(current_user, cluster, current_user.company, form.message.data or "")
    except services.ClusterError as error:
        flash(str(error.message), "warning")
        return redirect(url_for(".page", slug=cluster.slug))
    db.session.commit()
    flash(_("Your request has been sent to the managers of %(cluster)s.", cluster=cluster.name), "success")
    return redirect(url_for(".page", slug=cluster.slug))


@bp.post("/clusters/<slug>/withdraw")
@login_required
def withdraw_membership(slug: str):
    cluster = _load(slug)
    membership = services.membership_of(cluster, current_user.company_id)
    if membership is None or membership.status == MEMBERSHIP_DECLINED:
        abort(404)
    if not permissions.can_withdraw_membership(current_user, membership):
        abort(403)
    was_member = membership.status == MEMBERSHIP_ACCEPTED
    services.withdraw_membership(membership)
    db.session.commit()
    flash(_("Your company has left %(cluster)s.", cluster=cluster.name) if was_member
          else _("Your request to join %(cluster)s was withdrawn.", cluster=cluster.name), "success")
    return redirect(url_for(".page", slug=cluster.slug))


# --- Managers ------------------------------------------------------------------------------------------

@bp.get("/my/clusters")
@require(permissions.can_see_my_clusters)
def my_clusters():
    clusters = services.clusters_managed_by(current_user)
    ids = [cluster.id for cluster in clusters]
    return render_template("clusters/my_clusters.html", clusters=clusters,
                           pending=services.pending_counts(ids), counts=services.member_counts(ids))


@bp.get("/clusters/<slug>/requests")
@login_required
def requests(slug: str):
    cluster = load_managed_cluster(slug)
    return render_template("clusters/requests.html", cluster=cluster,
                           pending=services.memberships(cluster, MEMBERSHIP_PENDING),
                           accepted=services.memberships(cluster, MEMBERSHIP_ACCEPTED))


def _decide(slug: str, membership_id: int, accept: bool):
    cluster = load_managed_cluster(slug)
    membership = _membership_in(cluster, membership_id)
    try:
        services.decide_membership(current_user, membership, accept)
    except services.ClusterError as error:
        flash(str(error.message), "warning")
        return redirect(url_for(".requests", slug=cluster.slug))
    db.session.commit()
    if accept:
        flash(_("%(company)s is now a member of the cluster.", company=membership.company.name), "success")
    else:
        flash(_("The request of %(company)s was declined.", company=membership.company.name), "success")
    return redirect(url_for(".requests", slug=cluster.slug))


@bp.post("/clusters/<slug>/requests/<int:membership_id>/accept")
@login_required
def accept_membership(slug: str, membership_id: int):
    return _decide(slug, membership_id, accept=True)


@bp.post("/clusters/<slug>/requests/<int:membership_id>/decline")
@login_required
def decline_membership(slug: str, membership_id: int):
    return _decide(slug, membership_id, accept=False)


@bp.post("/clusters/<slug>/members/<int:membership_id>/remove")
@login_required
def remove_member(slug: str, membership_id: int):
    cluster = load_managed_cluster(slug)
    membership = _membership_in(cluster, membership_id)
    try:
        services.remove_member_company(current_user, membership)
    except services.ClusterError as error:
        flash(str(error.message), "warning")
        return redirect(url_for(".requests", slug=cluster.slug))
    db.session.commit()
    flash(_("%(company)s is no longer a member of the cluster.", company=membership.company.name), "success")
    return redirect(url_for(".requests", slug=cluster.slug))


@bp.route("/clusters/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    cluster = load_managed_cluster(slug)
    form = ClusterForm(obj=cluster)
    if form.validate_on_submit():
        try:
            services.update_cluster(cluster, _data(form))
        except services.ClusterError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("The cluster was saved."), "success")
            return redirect(url_for(".page", slug=cluster.slug))
    return render_template("clusters/form.html", form=form, cluster=cluster)


# --- Administration ------------------------------------------------------------------------------------

@bp.get("/admin")
@admin_required
def admin_index():
    clusters = services.all_clusters()
    ids = [cluster.id for cluster in clusters]
    return render_template("clusters/admin_index.html", clusters=clusters,
                           pending=services.pending_counts(ids), counts=services.member_counts(ids))


@bp.route("/admin/clusters/new", methods=["GET", "POST"])
@admin_required
def create():
    form = ClusterForm()
    if form.validate_on_submit():
        try:
            cluster = services.create_cluster(_data(form))
        except services.ClusterError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("The cluster was created. Now appoint its managers."), "success")
            return redirect(url_for(".managers", slug=cluster.slug))
    return render_template("clusters/form.html", form=form, cluster=None)


@bp.route("/admin/clusters/<slug>/managers", methods=["GET", "POST"])
@admin_required
def managers(slug: str):
    cluster = _load(slug)
    form = ManagerForm()
    if form.validate_on_submit():
        try:
            manager = services.appoint_manager(current_user, cluster, form.email.data)
        except services.ClusterError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s now manages %(cluster)s.", name=manager.name, cluster=cluster.name), "success")
            return redirect(url_for(".managers", slug=cluster.slug))
    return render_template("clusters/managers.html", cluster=cluster, form=form,
                           managers=services.managers(cluster))


@bp.post("/admin/clusters/<slug>/managers/<int:user_id>/remove")
@admin_required
def remove_manager(slug: str, user_id: int):
    cluster = _load(slug)
    try:
        services.remove_manager(cluster, user_id)
    except services.ClusterError:
        abort(404)
    db.session.commit()
    flash(_("The manager was removed."), "success")
    return redirect(url_for(".managers", slug=cluster.slug))
