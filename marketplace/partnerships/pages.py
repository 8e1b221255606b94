"""What both view modules of partnerships share: loading with access checks, and the two pages with forms."""
from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from . import permissions, services, thread
from .forms import InviteForm, JoinForm, MessageForm, RoleForm
from .models import INVITED, REQUESTED, Partnership


def load(slug: str) -> Partnership:
    """The partnership, if this person may see it: a draft does not exist for outsiders (404)."""
    partnership = services.partnership_by_slug(slug)
    if partnership is None or not permissions.can_view_partnership(current_user, partnership):
        abort(404)
    return partnership


def load_managed(slug: str) -> Partnership:
    partnership = load(slug)
    if not permissions.can_manage_partnership(current_user, partnership):
        abort(403)
    return partnership


def show_error(form, error: services.PartnershipError) -> None:
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, str(error.message)]
    else:
        form.form_errors.append(str(error.message))


def join_parties(partnership: Partnership) -> list[services.Party]:
    allowed = set(permissions.join_parties(current_user, partnership))
    return [p for p in services.parties_of(current_user) if (p.kind, p.id) in allowed]


def render_page(partnership: Partnership, join_form: JoinForm | None = None,
                message_form: MessageForm | None = None, status: int = 200):
    can_join = permissions.can_ask_to_join(current_user, partnership)
    if can_join and join_form is None:
        join_form = JoinForm(join_parties(partnership), partnership.open_roles)
    can_read = permissions.can_read_thread(current_user, partnership)
    return render_template(
        "partnerships/page.html", partnership=partnership, can_join=can_join, join_form=join_form,
        mine=permissions.represented_members(current_user, partnership),
        messages=thread.messages(partnership) if can_read else [],
        message_form=message_form or (MessageForm() if can_read else None)), status


def render_manage(partnership: Partnership, role_form: RoleForm | None = None,
                  invite_form: InviteForm | None = None, status: int = 200):
    members = partnership.members
    return render_template(
        "partnerships/manage.html", partnership=partnership, role_form=role_form or RoleForm(),
        invite_form=invite_form or InviteForm(partnership.open_roles),
        requests=[m for m in members if m.status == REQUESTED],
        invitations=[m for m in members if m.status == INVITED]), status
