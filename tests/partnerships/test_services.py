"""The rules of partnerships without HTTP: creation, roles, membership flows, the thread, derived facts."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts.privacy import delete_account, export_user_data
from marketplace.extensions import db
from marketplace.mail.models import OutboxMessage
from marketplace.notifications.models import Notification
from marketplace.notifications.services import text_of
from marketplace.partnerships import membership, services, thread
from marketplace.partnerships.models import (ACTIVE, CLOSED, DECLINED, DRAFT, INVITED, LEFT, MEMBER, REQUESTED,
                                             Partnership, PartnershipMessage)

from ..factories import DEFAULT_PASSWORD, make_cluster, make_company, make_user
from .conftest import make_partnership


def _mails_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)))


# --- Creating and running ---------------------------------------------------------------------------

def test_a_new_partnership_is_a_draft_led_by_the_company_which_is_its_first_member(app):
    user = make_user()
    company = make_company("Pellet Works", country="SI", members=[user])
    partnership = make_partnership(user, company, name="Pellets for the Alps")
    assert partnership.status == DRAFT and partnership.slug == "pellets-for-the-alps"
    assert partnership.lead_company_id == company.id and partnership.lead_cluster_id is None
    (lead,) = partnership.members
    assert lead.is_lead and lead.status == MEMBER and lead.company_id == company.id
    assert partnership.countries == ["SI"] and not partnership.is_cross_border


def test_slugs_are_unique_and_stay_when_renamed(app):
    user = make_user()
    company = make_company(members=[user])
    first = make_partnership(user, company, name="Timber")
    second = make_partnership(user, company, name="Timber")
    reserved = make_partnership(user, company, name="New")
    assert (first.slug, second.slug) == ("timber", "timber-2") and reserved.slug != "new"
    services.update_partnership(first, services.PartnershipData("Timber houses", "Goal", "wood"))
    assert first.slug == "timber" and first.name == "Timber houses"


def test_a_cluster_manager_leads_for_the_cluster_but_nobody_leads_for_others(app):
    manager = make_user()
    cluster = make_cluster(country="AT", managers=[manager])
    partnership = make_partnership(manager, cluster)
    assert partnership.lead_cluster_id == cluster.id and partnership.lead_member.cluster_id == cluster.id
    stranger = make_user(company=make_company())
    other_company = make_company()
    with pytest.raises(services.PartnershipError) as error:
        make_partnership(stranger, other_company)
    assert error.value.field == "lead"
    with pytest.raises(services.PartnershipError):
        make_partnership(stranger, cluster)


@pytest.mark.parametrize("data, field", [
    (services.PartnershipData("", "Goal", "wood"), "name"),
    (services.PartnershipData("x" * 161, "Goal", "wood"), "name"),
    (services.PartnershipData("Name", "", "wood"), "goal"),
    (services.PartnershipData("Name", "Goal", "mining"), "sector"),
])
def test_bad_data_is_refused_with_its_field(app, data, field):
    user = make_user()
    company = make_company(members=[user])
    with pytest.raises(services.PartnershipError) as error:
        services.create_partnership(user, data, ("company", company.id))
    assert error.value.field == field


def test_publish_and_close(world):
    draft = make_partnership(world.lead_user, world.lead_company, name="Draft one")
    assert not draft.is_public
    services.publish(draft)
    assert draft.status == ACTIVE and draft.published_at is not None and draft.is_public
    with pytest.raises(services.PartnershipError):
        services.publish(draft)
    services.close(draft)
    assert draft.status == CLOSED and draft.is_public  # closed after publication: the page stays
    with pytest.raises(services.PartnershipError):
        services.close(draft)
    never_published = make_partnership(world.lead_user, world.lead_company, name="Never")
    services.close(never_published)
    assert not never_published.is_public


def test_roles_are_added_checked_and_removed(world):
    partnership = world.partnership
    role = services.add_role(partnership, services.RoleData("logistics", None, "  Pellet delivery by rail  "))
    assert role.capability == "Pellet delivery by rail" and role.country is None
    for data, field in [(services.RoleData("mining", None, "x"), "sector"),
                        (services.RoleData("wood", "US", "x"), "country"),
                        (services.RoleData("wood", None, "x" * 301), "capability"),
                        (services.RoleData("wood", None, "   "), "capability")]:
        with pytest.raises(services.PartnershipError) as error:
            services.add_role(partnership, data)
        assert error.value.field == field
    # Removing a filled role keeps its member, without the role.
    services.remove_role(partnership, world.filled)
    db.session.commit()
    assert world.partner.status == MEMBER and world.partner.role_id is None
    assert world.filled not in partnership.roles


def test_filled_and_open_roles(world):
    partnership = world.partnership
    assert partnership.filled_by(world.filled) == [world.partner]
    assert partnership.open_roles == [world.open_role]  # invited is not filled


# --- Membership flows -------------------------------------------------------------------------------

def test_invitation_tells_the_invitees_in_their_language_and_accepting_makes_a_member(world):
    (mail,) = _mails_to("invitee@example.com")
    assert mail.locale == "cs" and "Celje Pellets" in mail.subject
    (notice,) = db.session.scalars(select(Notification).where(Notification.user_id == world.invitee_user.id))
    assert notice.kind == "partnership_invitation"
    assert notice.url == f"/partnerships/{world.partnership.slug}#membership"
    assert text_of(notice) == "Dřevo Ústí is invited to join the partnership Pellets for the Alps."
    assert world.invitation.status == INVITED and world.invitation.invited_by_id == world.lead_user.id
    membership.answer_invitation(world.invitee_user, world.invitation, True)
    assert world.invitation.status == MEMBER and world.invitation.answered_by_id == world.invitee_user.id
    assert world.partnership.open_roles == []
    assert world.partnership.countries == ["AT", "CZ", "SI"]
    told = {m.to_address for m in db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.subject.contains("Dřevo Ústí")))}
    assert {"lead@example.com", "colleague@example.com"} <= told
    with pytest.raises(services.PartnershipError):
        membership.answer_invitation(world.invitee_user, world.invitation, False)


def test_invitation_rules(world):
    partnership = world.partnership
    with pytest.raises(services.PartnershipError, match="already a member"):
        membership.invite(world.lead_user, partnership, world.partner_company)
    with pytest.raises(services.PartnershipError, match="already invited"):
        membership.invite(world.lead_user, partnership, world.invitee_company)
    with pytest.raises(services.PartnershipError, match="already filled"):
        membership.invite(world.lead_user, partnership, world.outsider_company, world.filled)
    elsewhere = make_partnership(world.outsider, world.outsider_company, name="Elsewhere")
    foreign_role = services.add_role(elsewhere, services.RoleData("wood", None, "Anything"))
    with pytest.raises(services.PartnershipError) as error:
        membership.invite(world.lead_user, partnership, world.outsider_company, foreign_role)
    assert error.value.field == "role"
    hidden = make_company("Hidden", is_published=False)
    with pytest.raises(services.PartnershipError):
        membership.invite(world.lead_user, partnership, hidden)
    services.close(partnership)
    with pytest.raises(services.PartnershipError, match="closed"):
        membership.invite(world.lead_user, partnership, world.cluster)


def test_a_declined_company_can_be_invited_again_on_the_same_row(world):
    membership.answer_invitation(world.invitee_user, world.invitation, False)
    assert world.invitation.status == DECLINED
    again = membership.invite(world.lead_user, world.partnership, world.invitee_company)
    assert again.id == world.invitation.id and again.status == INVITED and again.answered_at is None


def test_request_to_join_and_the_leads_decision(world):
    partnership = world.partnership
    request = membership.request_to_join(world.manager, partnership, ("cluster", world.cluster.id),
                                         world.open_role, "We have 40 sawmills.")
    assert request.status == REQUESTED and request.requested_by_id == world.manager.id
    (mail,) = [m for m in _mails_to("lead@example.com") if "asks to join" in m.subject]
    assert mail.locale == "sl" and "We have 40 sawmills." in mail.body_text
    with pytest.raises(services.PartnershipError):
        membership.request_to_join(world.manager, partnership, ("cluster", world.cluster.id))
    membership.decide_request(world.lead_user, request, True)
    assert request.status == MEMBER and request.answered_by_id == world.lead_user.id
    assert any("now a member" in m.subject for m in _mails_to("manager@example.com"))
    kinds = set(db.session.scalars(select(Notification.kind).where(Notification.user_id == world.manager.id)))
    assert kinds == {"partnership_accepted"}
    assert "partnership_request" in set(db.session.scalars(select(Notification.kind).where(
        Notification.user_id == world.colleague.id)))


def test_requests_need_a_published_partnership_and_a_party_of_ones_own(world):
    with pytest.raises(services.PartnershipError) as error:
        membership.request_to_join(world.outsider, world.partnership, ("cluster", world.cluster.id))
    assert error.value.field == "party"
    with pytest.raises(services.PartnershipError, match="accept the invitation"):
        membership.request_to_join(world.invitee_user, world.partnership, ("company", world.invitee_company.id))
    draft = make_partnership(world.lead_user, world.lead_company, name="Draft")
    with pytest.raises(services.PartnershipError, match="published"):
        membership.request_to_join(world.outsider, draft, ("company", world.outsider_company.id))


def test_withdraw_leave_and_remove(world):
    partnership = world.partnership
    request = membership.request_to_join(world.outsider, partnership, ("company", world.outsider_company.id))
    membership.withdraw_request(request)
    assert all(m.company_id != world.outsider_company.id for m in partnership.members)
    membership.leave(world.partner_user, world.partner)
    assert world.partner.status == LEFT and world.partner.left_at is not None
    with pytest.raises(services.PartnershipError):
        membership.leave(world.lead_user, partnership.lead_member)
    with pytest.raises(services.PartnershipError):
        membership.remove_member(world.lead_user, partnership.lead_member)
    membership.remove_member(world.lead_user, world.invitation)  # cancels the invitation
    assert world.invitation not in partnership.members


# --- Derived facts ------------------------------------------------------------------------------------

def _clusters_partnership(sector: str, clusters, lead_sector: str | None = None):
    lead_manager = make_user()
    lead = make_cluster(country="SI", sectors=(lead_sector or sector,), managers=[lead_manager])
    partnership = make_partnership(lead_manager, lead, sector=sector, name=f"Clusters {sector}")
    for cluster in clusters:
        member = membership.invite(lead_manager, partnership, cluster)
        member.status = MEMBER
    db.session.flush()
    return partnership


def test_clusters_of_one_sector_from_several_countries_make_a_meta_cluster(app):
    partnership = _clusters_partnership("wood", [make_cluster(country="AT", sectors=("wood", "energy-environment")),
                                                  make_cluster(country="CZ", sectors=("wood",))])
    assert partnership.is_meta_cluster and partnership.is_cross_border
    assert partnership.countries == ["AT", "CZ", "SI"]


@pytest.mark.parametrize("case", ["other-sector", "one-country", "one-cluster", "not-yet-active"])
def test_what_is_not_a_meta_cluster(app, case):
    if case == "other-sector":
        partnership = _clusters_partnership("wood", [make_cluster(country="AT", sectors=("food",))])
    elif case == "one-country":
        partnership = _clusters_partnership("wood", [make_cluster(country="SI", sectors=("wood",))])
    elif case == "one-cluster":
        partnership = _clusters_partnership("wood", [])
        partnership_member = membership.invite(partnership.created_by, partnership,
                                               make_company(country="AT", sectors=("wood",)))
        partnership_member.status = MEMBER
    else:
        partnership = _clusters_partnership("wood", [])
        membership.invite(partnership.created_by, partnership, make_cluster(country="AT", sectors=("wood",)))
    assert not partnership.is_meta_cluster
    assert partnership.is_cross_border == (case in ("other-sector", "one-cluster"))


def test_cross_border_counts_active_members_only_lead_included(world):
    partnership = world.partnership
    assert partnership.countries == ["AT", "SI"] and partnership.is_cross_border  # the CZ invitee is not in yet
    membership.leave(world.partner_user, world.partner)
    assert partnership.countries == ["SI"] and not partnership.is_cross_border


# --- The thread ---------------------------------------------------------------------------------------

def test_members_post_once_per_token_and_outsiders_not_at_all(world):
    partnership = world.partnership
    message, created = thread.post_message(world.partner_user, partnership, "  Hello\r\nall  ", "token-1234567890ab")
    again, created_again = thread.post_message(world.partner_user, partnership, "Hello all", "token-1234567890ab")
    assert created and not created_again and again.id == message.id
    assert message.body == "Hello\nall" and message.member_id == world.partner.id
    for user in (world.outsider, world.invitee_user, world.admin):
        with pytest.raises(services.PartnershipError):
            thread.post_message(user, partnership, "Let me in")
    for body in ("   ", "x" * 5001):
        with pytest.raises(services.PartnershipError) as error:
            thread.post_message(world.lead_user, partnership, body)
        assert error.value.field == "body"
    services.close(partnership)
    with pytest.raises(services.PartnershipError):
        thread.post_message(world.lead_user, partnership, "After closing")
    assert [m.body for m in thread.messages(partnership)] == ["Hello\nall"]


def test_a_cluster_manager_writes_for_the_cluster(world):
    request = membership.request_to_join(world.manager, world.partnership, ("cluster", world.cluster.id))
    membership.decide_request(world.lead_user, request, True)
    message, _ = thread.post_message(world.manager, world.partnership, "Greetings from the cluster")
    assert message.member_id == request.id and message.member.name == "Upper Austria Wood Cluster"


def test_export_holds_the_posts_and_erasure_removes_them(world):
    thread.post_message(world.partner_user, world.partnership, "My own words")
    thread.post_message(world.lead_user, world.partnership, "The lead's words")
    db.session.commit()
    exported = export_user_data(world.partner_user)["partnership_messages"]
    assert [(e["partnership"], e["message"]) for e in exported] == [("Pellets for the Alps", "My own words")]
    delete_account(world.partner_user, current_password=DEFAULT_PASSWORD)
    db.session.commit()
    assert list(db.session.scalars(select(PartnershipMessage.body))) == ["The lead's words"]


def test_partnerships_of_a_person(world):
    draft = make_partnership(world.lead_user, world.lead_company, name="Draft")
    assert {p.id for p in services.partnerships_of(world.lead_user)} == {world.partnership.id, draft.id}
    assert [p.id for p in services.partnerships_of(world.invitee_user)] == [world.partnership.id]
    assert services.partnerships_of(world.outsider) == []
    assert db.session.scalar(select(func.count()).select_from(Partnership)) == 2
