"""Demo interests, conversations and outcomes: every state, consistent with each other, dated in the past."""
from __future__ import annotations

from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.database import utcnow
from marketplace.demo.data_conversations import SCRIPTS
from marketplace.demo.generator import DEMO_PASSWORD, load_demo
from marketplace.extensions import db
from marketplace.interests.models import ACCEPTED, ANSWER_WITHIN, DECLINED, EXPIRED, PENDING, Interest
from marketplace.mail.models import OutboxMessage
from marketplace.messaging import services as messaging
from marketplace.messaging.models import Conversation, Message
from marketplace.notifications.models import Notification
from marketplace.outcomes.models import Outcome
from marketplace.outcomes.services import outcomes_for_companies


@pytest.fixture
def demo(app):
    """A demo world dated now (pending interests are still open by the clock)."""
    before = utcnow()
    summary = load_demo(db.session, companies=120, clusters=12, listings=500)
    db.session.commit()
    summary.loaded_from = before
    return summary


def _all(model):
    return list(db.session.scalars(select(model).order_by(model.id)))


def _check_interests_in_every_state_match_the_summary(demo):
    interests = _all(Interest)
    by_status = {status: [i for i in interests if i.status == status] for status in (ACCEPTED, PENDING, DECLINED,
                                                                                      EXPIRED)}
    assert all(by_status.values()), {s: len(v) for s, v in by_status.items()}
    assert {s: len(v) for s, v in by_status.items()} == dict(demo.conversations.interests)
    assert all(i.sender_company.country != i.recipient_company.country for i in interests)  # cross-border
    for interest in interests:
        events = [e.action for e in interest.events]
        assert events[0] == "sent" and interest.events[0].actor_id == interest.sender_id
        assert events[1:] == ([] if interest.status == PENDING else [interest.status])
    for interest in by_status[PENDING]:
        assert interest.expires_at > demo.loaded_from and interest.is_open
    for interest in by_status[EXPIRED]:
        assert interest.decided_at is None and interest.expired_at >= interest.expires_at
        assert interest.created_at + ANSWER_WITHIN == interest.expires_at
    for interest in by_status[ACCEPTED] + by_status[DECLINED]:
        assert interest.created_at < interest.decided_at < interest.expires_at
        assert interest.decided_by.company_id == interest.recipient_company_id


def _check_accepted_interests_and_only_they_have_a_conversation_between_their_companies(demo):
    conversations = {c.interest_id: c for c in _all(Conversation)}
    accepted = [i for i in _all(Interest) if i.status == ACCEPTED]
    assert set(conversations) == {i.id for i in accepted} and len(conversations) == demo.conversations.conversations
    for interest in accepted:
        conversation = conversations[interest.id]
        assert (conversation.company_a_id, conversation.company_b_id) == (interest.recipient_company_id,
                                                                         interest.sender_company_id)
        thread = messaging.thread(conversation)
        assert thread[0].body == interest.message and thread[0].created_at == interest.created_at
        assert [m.created_at for m in thread] == sorted(m.created_at for m in thread)
        assert all(m.company_id in (interest.sender_company_id, interest.recipient_company_id) for m in thread)
        assert conversation.last_message_id == thread[-1].id
    assert db.session.scalar(select(func.count(Message.id))) >= demo.conversations.messages > len(accepted)


def _check_conversations_speak_several_languages(demo):
    bodies = {body: language for language, script in SCRIPTS.items() for body in script.thread}
    spoken = {bodies[m.body] for m in _all(Message) if m.body in bodies}
    assert len(spoken) >= 3 and "en" in spoken, spoken
    assert sum(demo.conversations.languages.values()) == demo.conversations.conversations


def _check_everything_is_dated_in_the_past_and_spread_out(demo):
    loaded = demo.loaded_from
    interests = _all(Interest)
    assert max(i.created_at for i in interests) < loaded
    assert max(i.created_at for i in interests) - min(i.created_at for i in interests) > timedelta(days=120)
    assert all(m.created_at < loaded for m in _all(Message))
    # The services stamp notifications with the clock; the loader dates them at their step.
    notifications = _all(Notification)
    assert notifications and all(n.created_at < loaded for n in notifications)
    assert any(n.read_at is None for n in notifications) and any(n.read_at is not None for n in notifications)
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0  # nobody is mailed about a demo


def _check_outcomes_on_conversations_and_partnerships_spread_over_months(demo):
    outcomes = _all(Outcome)
    assert len(outcomes) == demo.conversations.outcomes
    assert {o.subject_type for o in outcomes} == {"conversation", "partnership"}
    assert len({o.kind for o in outcomes}) >= 3
    assert len({(o.occurred_on.year, o.occurred_on.month) for o in outcomes}) >= 4
    assert all(o.occurred_on <= utcnow().date() and o.created_at < demo.loaded_from for o in outcomes)
    for outcome in (o for o in outcomes if o.subject_type == "conversation"):
        conversation = db.session.get(Conversation, outcome.subject_id)
        assert outcome.company_id in (conversation.company_a_id, conversation.company_b_id)
        assert outcome.occurred_on >= conversation.created_at.date()
    companies = {o.company_id for o in outcomes if o.company_id}
    assert sum(outcomes_for_companies(companies).values()) >= len([o for o in outcomes if o.company_id])


def test_interests_conversations_and_outcomes_of_the_demo(demo):
    """One world, several checks: loading it is the slow part."""
    _check_interests_in_every_state_match_the_summary(demo)
    _check_accepted_interests_and_only_they_have_a_conversation_between_their_companies(demo)
    _check_conversations_speak_several_languages(demo)
    _check_everything_is_dated_in_the_past_and_spread_out(demo)
    _check_outcomes_on_conversations_and_partnerships_spread_over_months(demo)


def test_a_demo_company_account_signs_in_to_a_living_inbox(demo, client):
    account = next(a for a in demo.accounts if a.role == "company member")
    person = db.session.scalar(select(User).where(User.email == account.email))
    response = client.post("/account/sign-in", data={"email": person.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302

    mine = [i for i in _all(Interest) if person.company_id in (i.sender_company_id, i.recipient_company_id)]
    assert {ACCEPTED, PENDING} <= {i.status for i in mine}
    assert messaging.unread_conversations(person) >= 1  # the other side's newest message waits

    inbox = client.get("/inbox").get_data(as_text=True)
    conversation = db.session.scalar(select(Conversation).where(
        Conversation.interest_id.in_([i.id for i in mine if i.status == ACCEPTED])))
    assert conversation.other_company(person.company_id).name in inbox
    page = client.get(f"/inbox/{conversation.id}").get_data(as_text=True)
    assert messaging.thread(conversation)[-1].body in page
    listed = client.get("/interests").get_data(as_text=True) + client.get("/interests?box=sent").get_data(as_text=True)
    assert all(str(escape(i.listing.title)) in listed for i in mine)
    _check_contact_details_only_for_accepted_interests(demo, client)


def _check_contact_details_only_for_accepted_interests(demo, client):
    account = next(a for a in demo.accounts if a.role == "company member")
    person = db.session.scalar(select(User).where(User.email == account.email))
    client.post("/account/sign-in", data={"email": person.email, "password": DEMO_PASSWORD})
    mine = [i for i in _all(Interest) if person.company_id in (i.sender_company_id, i.recipient_company_id)]
    for interest in mine:
        other = interest.recipient_company if interest.sender_company_id == person.company_id \
            else interest.sender_company
        emails = [member.email for member in other.members]
        page = client.get(f"/interests/{interest.id}").get_data(as_text=True)
        assert str(escape(interest.listing.title)) in page
        shown = any(email in page for email in emails)
        assert shown == (interest.status == ACCEPTED), (interest.status, interest.id)
