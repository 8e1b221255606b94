"""Outcomes: recorded by participants on a partnership or a registered subject, validated, listed, counted."""
from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from flask import render_template_string
from sqlalchemy import select

from marketplace.accounts.privacy import delete_account, export_user_data
from marketplace.extensions import db
from marketplace.outcomes.models import Outcome
from marketplace.outcomes.services import latest_date, outcomes_for_companies, record_outcome
from marketplace.outcomes.subjects import SUBJECTS, register_subject
from marketplace.partnerships import membership, services

from ..factories import DEFAULT_PASSWORD, make_cluster, make_company, make_user


@pytest.fixture
def world(app):
    lead = make_user("lead@example.com", name="Lea Lead")
    lead_company = make_company("Celje Pellets", country="SI", members=[lead])
    partner = make_user("partner@example.com", name="Paul Partner")
    partner_company = make_company("Alpen Holz", country="AT", members=[partner])
    manager = make_user("manager@example.com", name="Mia Manager")
    cluster = make_cluster("Wood Cluster PL", country="PL", managers=[manager])
    outsider = make_user("outsider@example.com", company=make_company("Outsider"))
    admin = make_user("admin@example.com", is_admin=True)
    with app.test_request_context():
        partnership = services.create_partnership(
            lead, services.PartnershipData("Pellets", "Goal", "wood"), ("company", lead_company.id))
        services.publish(partnership)
        membership.answer_invitation(partner, membership.invite(lead, partnership, partner_company), True)
        membership.answer_invitation(manager, membership.invite(lead, partnership, cluster), True)
    db.session.commit()
    return type("World", (), dict(lead=lead, lead_company=lead_company, partner=partner, manager=manager,
                                  partner_company=partner_company, cluster=cluster, outsider=outsider, admin=admin,
                                  partnership=partnership))


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _record(client, partnership_id, **fields):
    data = {"outcome-kind": "meeting", "outcome-occurred_on": date.today().isoformat(), "outcome-note": ""}
    data.update({f"outcome-{k}": v for k, v in fields.items()})
    return client.post(f"/outcomes/partnership/{partnership_id}", data=data)


def test_a_member_records_an_outcome_which_the_page_lists(client, auth, world):
    auth.sign_in(world.partner)
    response = _record(client, world.partnership.id, kind="agreement", occurred_on="2026-01-15",
                       note="Framework agreement for 2,000 t")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/partnerships/{world.partnership.slug}#outcomes")
    (outcome,) = db.session.scalars(select(Outcome))
    assert (outcome.subject_type, outcome.subject_id) == ("partnership", world.partnership.id)
    assert outcome.kind == "agreement"
    assert outcome.company_id == world.partner_company.id and outcome.recorded_by_id == world.partner.id
    page = _text(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Agreement signed" in page and "recorded by Alpen Holz" in page and "Framework agreement" in page
    auth.sign_out()
    public = _text(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Agreement signed" in public and "Framework agreement" not in public  # notes stay with participants
    assert "Record what came of it" not in public


def test_a_cluster_manager_records_for_the_cluster(client, auth, world):
    auth.sign_in(world.manager)
    assert _record(client, world.partnership.id, kind="joint-project").status_code == 302
    outcome = db.session.scalar(select(Outcome))
    assert outcome.company_id is None and outcome.cluster_id == world.cluster.id
    assert "recorded by Wood Cluster PL" in _text(client.get(f"/partnerships/{world.partnership.slug}"))


@pytest.mark.parametrize("fields, message", [
    ({"occurred_on": (date.today() + timedelta(days=2)).isoformat()}, "The date cannot be in the future."),
    ({"occurred_on": ""}, "Enter the date."),
    ({"occurred_on": "15/01/2026"}, "Enter the date as year-month-day"),
    ({"occurred_on": "1999-12-31"}, "Enter a date from the year 2000 on."),
    ({"kind": "party"}, "Choose what came of it from the list."),
    ({"kind": ""}, "Choose what came of it."),
    ({"note": "n" * 1001}, "Field cannot be longer than 1000 characters."),
])
def test_bad_input_is_refused_and_kept(client, auth, world, fields, message):
    auth.sign_in(world.partner)
    response = _record(client, world.partnership.id, **{"note": "What I typed", **fields})
    page = _text(response)
    assert response.status_code == 400 and message in page
    assert (fields.get("note") or "What I typed") in page
    assert db.session.scalar(select(Outcome)) is None


def test_the_future_is_refused_by_the_service_too(world, app):
    with app.test_request_context(), pytest.raises(Exception) as error:
        record_outcome(world.partner, "partnership", world.partnership.id, "meeting", latest_date() + timedelta(days=1))
    assert error.value.field == "occurred_on"
    assert record_outcome(world.partner, "partnership", world.partnership.id, "meeting", latest_date()).id


@pytest.mark.parametrize("role, expected", [("outsider", 403), ("admin", 403), ("lead", 302), ("partner", 302)])
def test_only_active_members_record(client, auth, world, role, expected):
    auth.sign_in(getattr(world, role))
    assert _record(client, world.partnership.id).status_code == expected


def test_unknown_subjects_are_not_found_and_anonymous_visitors_sign_in(client, auth, world):
    anonymous = _record(client, world.partnership.id)
    assert anonymous.status_code == 302 and "/account/sign-in" in anonymous.headers["Location"]
    auth.sign_in(world.partner)
    assert _record(client, world.partnership.id + 100).status_code == 404
    assert client.post(f"/outcomes/invoice/{world.partnership.id}", data={}).status_code == 404
    assert client.post("/outcomes/999/delete").status_code == 404


def test_removing_an_outcome_is_for_its_recorders(client, auth, world):
    outcome = record_outcome(world.partner, "partnership", world.partnership.id, "contract", date(2026, 2, 1))
    db.session.commit()
    for role in ("lead", "outsider", "manager"):  # fellow members of other companies too
        auth.sign_in(getattr(world, role))
        assert client.post(f"/outcomes/{outcome.id}/delete").status_code == 403
    auth.sign_in(world.partner)
    assert client.post(f"/outcomes/{outcome.id}/delete").status_code == 302
    assert db.session.get(Outcome, outcome.id) is None


def test_counts_for_companies_by_kind(world, app):
    other = make_company("Elsewhere")
    record_outcome(world.partner, "partnership", world.partnership.id, "contract", date(2026, 2, 1))
    record_outcome(world.partner, "partnership", world.partnership.id, "meeting", date(2026, 1, 1))
    record_outcome(world.manager, "partnership", world.partnership.id, "meeting", date(2026, 1, 2))
    db.session.commit()
    # The lead company recorded nothing but takes part in the partnership; each outcome counts once.
    assert outcomes_for_companies([world.lead_company.id]) == {
        "meeting": 2, "agreement": 0, "contract": 1, "joint-project": 0}
    assert outcomes_for_companies([world.lead_company.id, world.partner_company.id])["meeting"] == 2
    assert outcomes_for_companies([other.id]) == dict.fromkeys(("meeting", "agreement", "contract", "joint-project"), 0)
    assert outcomes_for_companies([]) == dict.fromkeys(("meeting", "agreement", "contract", "joint-project"), 0)
    with app.test_request_context():
        membership.leave(world.partner, next(m for m in world.partnership.members
                                             if m.company_id == world.partner_company.id))
    # Recorded by the partner company: it still counts for it after leaving.
    assert outcomes_for_companies([world.partner_company.id])["contract"] == 1


@pytest.fixture
def conversations(world):
    """A subject registered the way the messaging domain does: two companies talk in conversation 7."""
    parties = {7: {world.lead_company.id, world.partner_company.id}}
    previous = SUBJECTS.get("conversation")  # the messaging domain's own registration, put back after
    register_subject("conversation", lambda user, i: user.company_id in parties.get(i, ()),
                     lambda i: f"/conversations/{i}" if i in parties else None)
    yield parties
    if previous is None:
        SUBJECTS.pop("conversation", None)
    else:
        SUBJECTS["conversation"] = previous


def test_a_registered_subject_takes_outcomes_from_its_parties_only(client, auth, app, world, conversations):
    auth.sign_in(world.outsider)
    assert client.post("/outcomes/conversation/7", data={}).status_code == 403
    assert client.post("/outcomes/conversation/8", data={}).status_code == 404
    auth.sign_in(world.lead)
    response = client.post("/outcomes/conversation/7", data={"outcome-kind": "meeting",
                                                             "outcome-occurred_on": "2026-03-01"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/conversations/7#outcomes")
    outcome = db.session.scalar(select(Outcome).where(Outcome.subject_type == "conversation"))
    assert outcome.company_id == world.lead_company.id
    with app.test_request_context():  # as the conversation page includes it
        panel = render_template_string('{% include "outcomes/_panel.html" %}', subject_type="conversation",
                                       subject_id=7, can_record=True)
    assert "Meeting held" in panel and 'action="/outcomes/conversation/7"' in panel


def test_export_and_erasure(world, app):
    record_outcome(world.partner, "partnership", world.partnership.id, "meeting", date(2026, 1, 1), "Met in Graz")
    db.session.commit()
    with app.test_request_context():
        (exported,) = export_user_data(world.partner)["outcomes_recorded"]
    assert exported["kind"] == "meeting" and exported["note"] == "Met in Graz"
    with app.test_request_context():
        delete_account(world.partner, current_password=DEFAULT_PASSWORD)
    db.session.commit()
    outcome = db.session.scalar(select(Outcome))
    assert outcome.recorded_by_id is None and outcome.note == "" and outcome.company_id == world.partner_company.id
