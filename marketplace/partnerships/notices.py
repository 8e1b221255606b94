"""Telling people about partnership events: an e-mail and an in-app notification, each in their language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import User
from ..clusters.models import ClusterManager
from ..extensions import db
from ..mail.services import queue_mail
from ..notifications.services import notify, register_kind

INVITATION = "partnership_invitation"
REQUEST = "partnership_request"
DECISION_ACCEPTED = "partnership_accepted"
DECISION_DECLINED = "partnership_declined"

KIND_TEXTS = {
    INVITATION: _l("%(party)s is invited to join the partnership %(partnership)s."),
    REQUEST: _l("%(party)s asks to join the partnership %(partnership)s."),
    DECISION_ACCEPTED: _l("%(party)s is now a member of the partnership %(partnership)s."),
    DECISION_DECLINED: _l("%(party)s will not join the partnership %(partnership)s."),
}
for _kind, _text in KIND_TEXTS.items():
    register_kind(_kind, _text)


def people_of(company_id: int | None = None, cluster_id: int | None = None) -> list[User]:
    """Who speaks for a party: the colleagues of a company, the managers of a cluster (active accounts)."""
    if company_id is not None:
        query = select(User).where(User.company_id == company_id)
    else:
        query = select(User).join(ClusterManager, ClusterManager.user_id == User.id).where(
            ClusterManager.cluster_id == cluster_id)
    return list(db.session.scalars(query.where(User.deleted_at.is_(None)).order_by(User.id)))


def lead_people(partnership) -> list[User]:
    return people_of(partnership.lead_company_id, partnership.lead_cluster_id)


def member_people(member) -> list[User]:
    return people_of(member.company_id, member.cluster_id)


def tell(recipients: list[User], template: str, kind: str, url: str, mail_url: str, *, partnership, party: str,
         skip: User | None = None, **context) -> None:
    """Mail `template` and notify `kind` to each recipient but `skip` (who caused the event)."""
    for person in recipients:
        if skip is not None and person.id == skip.id:
            continue
        queue_mail(person.email, template, person.locale, recipient=person, partnership=partnership, party=party,
                   url=mail_url, **context)
        notify(person, kind, url, partnership=partnership.name, party=party)
