"""Partnerships: invitations, requests to join, answers, departures and the members' thread."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..clusters.models import Cluster
from ..companies.models import Company
from ..extensions import db
from ..security import safe_next
from . import membership, permissions, services, thread
from .blueprint import bp
from .forms import InviteForm, JoinForm, MessageForm
from .models import COMPANY, Partnership, PartnershipMember
from .pages import join_parties, load, load_managed, render_manage, render_page, show_error


def _member_of(partnership: Partnership, member_id: int) -> PartnershipMember:
    """A member row of THIS partnership: an id from another partnership is not found here."""
    member = services.member_in(partnership, member_id)
    if member is None:
        abort(404)
    return member


def _party(ref) -> Company | Cluster | None:
    """The company or cluster a form names by id (a candidate's button) or by slug (a pasted address)."""
    kind, value = ref
    model = Company if kind == COMPANY else Cluster
    column = model.id if isinstance(value, int) else model.slug
    party = db.session.scalar(select(model).where(column == value))
    if isinstance(party, Company) and not party.is_published:
        return None  # an unpublished profile does not exist for others
    return party


def _back(partnership: Partnership, anchor: str = "membership"):
    return redirect(url_for(".page", slug=partnership.slug, _anchor=anchor))


# --- The lead invites ----------------------------------------------------------------------------------

@bp.post("/partnerships/<slug>/invitations")
@login_required
def invite(slug: str):
    partnership = load_managed(slug)
    form = InviteForm(partnership.open_roles)
    if form.validate():
        party = _party(form.target_ref())
        if party is None:
            form.target.errors = [*form.target.errors, _("No company or cluster has this address.")]
        else:
            role = services.role_in(partnership, int(form.role.data)) if form.role.data else None
            try:
                membership.invite(current_user, partnership, party, role, form.message.data or "")
            except services.PartnershipError as error:
                show_error(form, error)
            else:
                db.session.commit()
                flash(_("%(party)s was invited; its people have been told.", party=party.name), "success")
                # The candidates page sends its own address, to go on inviting from there.
                return redirect(safe_next(request.form.get("next"),
                                          url_for(".manage", slug=partnership.slug) + "#invitations"))
    return render_manage(partnership, invite_form=form, status=400)


@bp.post("/partnerships/<slug>/members/<int:member_id>/remove")
@login_required
def remove_member(slug: str, member_id: int):
    partnership = load_managed(slug)
    member = _member_of(partnership, member_id)
    if not permissions.can_remove_member(current_user, member):
        abort(403)
    name = member.name
    membership.remove_member(current_user, member)
    db.session.commit()
    flash(_("%(party)s is no longer in the partnership.", party=name), "success")
    return redirect(url_for(".manage", slug=partnership.slug))


def _decide_request(slug: str, member_id: int, accept: bool):
    partnership = load_managed(slug)
    member = _member_of(partnership, member_id)
    if not permissions.can_decide_request(current_user, member):
        abort(403)
    membership.decide_request(current_user, member, accept)
    db.session.commit()
    flash(_("%(party)s is now a member.", party=member.name) if accept
          else _("The request of %(party)s was declined.", party=member.name), "success")
    return redirect(url_for(".manage", slug=partnership.slug))


@bp.post("/partnerships/<slug>/requests/<int:member_id>/accept")
@login_required
def accept_request(slug: str, member_id: int):
    return _decide_request(slug, member_id, True)


@bp.post("/partnerships/<slug>/requests/<int:member_id>/decline")
@login_required
def decline_request(slug: str, member_id: int):
    return _decide_request(slug, member_id, False)


# --- Invitees, applicants and members --------------------------------------------------------------------

def _answer(slug: str, member_id: int, accept: bool):
    partnership = load(slug)
    member = _member_of(partnership, member_id)
    if not permissions.can_answer_invitation(current_user, member):
        abort(403)
    membership.answer_invitation(current_user, member, accept)
    db.session.commit()
    flash(_("Welcome: %(party)s is now a member of the partnership.", party=member.name) if accept
          else _("You declined the invitation."), "success")
    return _back(partnership)


@bp.post("/partnerships/<slug>/invitations/<int:member_id>/accept")
@login_required
def accept_invitation(slug: str, member_id: int):
    return _answer(slug, member_id, True)


@bp.post("/partnerships/<slug>/invitations/<int:member_id>/decline")
@login_required
def decline_invitation(slug: str, member_id: int):
    return _answer(slug, member_id, False)


@bp.post("/partnerships/<slug>/join")
@login_required
def join(slug: str):
    partnership = load(slug)
    if not permissions.can_ask_to_join(current_user, partnership):
        abort(403)
    form = JoinForm(join_parties(partnership), partnership.open_roles)
    if form.validate():
        role = services.role_in(partnership, int(form.role.data)) if form.role.data else None
        try:
            membership.request_to_join(current_user, partnership, services.parse_key(form.party.data), role,
                                       form.message.data or "")
        except services.PartnershipError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your request was sent to the lead of the partnership."), "success")
            return _back(partnership)
    return render_page(partnership, join_form=form, status=400)


@bp.post("/partnerships/<slug>/requests/<int:member_id>/withdraw")
@login_required
def withdraw_request(slug: str, member_id: int):
    partnership = load(slug)
    member = _member_of(partnership, member_id)
    if not permissions.can_withdraw(current_user, member):
        abort(403)
    membership.withdraw_request(member)
    db.session.commit()
    flash(_("Your request was withdrawn."), "success")
    return _back(partnership)


@bp.post("/partnerships/<slug>/members/<int:member_id>/leave")
@login_required
def leave(slug: str, member_id: int):
    partnership = load(slug)
    member = _member_of(partnership, member_id)
    if not permissions.can_leave(current_user, member):
        abort(403)
    membership.leave(current_user, member)
    db.session.commit()
    flash(_("%(party)s has left the partnership.", party=member.name), "success")
    return _back(partnership)


# --- The thread ----------------------------------------------------------------------------------------

@bp.post("/partnerships/<slug>/messages")
@login_required
def post_message(slug: str):
    partnership = load(slug)
    if not permissions.can_post_message(current_user, partnership):
        abort(403)
    form = MessageForm()
    if form.validate():
        try:
            _post_once(partnership, form)
        except services.PartnershipError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            return _back(partnership, "thread")
    return render_page(partnership, message_form=form, status=400)


def _post_once(partnership: Partnership, form: MessageForm) -> None:
    """Two simultaneous posts of one form: the unique token lets one insert win; the other finds it."""
    try:
        thread.post_message(current_user, partnership, form.body.data, form.client_token.data)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        thread.post_message(current_user, partnership, form.body.data, form.client_token.data)
        db.session.commit()
