"""The inbox, threads and replies: unread counts, exactly-once messages, escaping, bad input."""
from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests import services as interest_services
from marketplace.messaging import services
from marketplace.messaging.models import Conversation, Message

from ..factories import make_company, make_listing, make_user
from ..interests.conftest import count, errors_of, hidden, text_of


def reply(client, conversation_id, body, client_id=None):
    client_id = client_id or str(uuid.uuid4())
    return client.post(f"/inbox/{conversation_id}", data={"body": body, "client_id": client_id})


def nav_inbox(response) -> str:
    match = re.search(r'<a class="nav-inbox"[^>]*aria-label="([^"]*)"', response.get_data(as_text=True))
    return match.group(1) if match else ""


def messages_in(conversation) -> list[Message]:
    db.session.expire_all()
    return list(db.session.scalars(select(Message).where(Message.conversation_id == conversation.id)
                                   .order_by(Message.id)))


def test_thread_shows_messages_in_order_and_the_reply_form(people, client_for, conversation):
    page = client_for(people.sender).get(f"/inbox/{conversation.id}")
    text = text_of(page)
    assert text.index("We distribute pellets") < text.index("Glad to hear from you.")
    assert "Conversation with Pellets Usti" in text
    assert re.fullmatch(r"[0-9a-f-]{36}", hidden(page, "client_id"))
    # A new id each time the form is shown.
    assert hidden(page, "client_id") != hidden(client_for(people.sender).get(f"/inbox/{conversation.id}"), "client_id")


def test_reply_is_stored_escaped_with_line_breaks(people, client_for, conversation):
    client = client_for(people.sender)
    body = "<script>alert(1)</script>\nSecond line\n\nNew paragraph"
    response = reply(client, conversation.id, body)
    message = messages_in(conversation)[-1]
    assert response.status_code == 302
    assert response.location == f"/inbox/{conversation.id}#message-{message.id}"
    assert (message.body, message.author_id, message.company_id) == (body, people.sender.id, people.sender_company.id)
    page = client_for(people.owner).get(f"/inbox/{conversation.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line</p>" in page
    assert "<p>New paragraph</p>" in page


@pytest.mark.parametrize("body, error", [("", "Write a message"), ("  \n ", "Write a message"),
                                         ("z" * 5001, "at most 5000 characters (it has 5001)")])
def test_bad_reply_is_refused_and_kept(people, client_for, conversation, body, error):
    before = len(messages_in(conversation))
    response = reply(client_for(people.sender), conversation.id, body)
    assert response.status_code == 400 and error in errors_of(response)
    if body.strip():
        assert body in response.get_data(as_text=True)
    assert len(messages_in(conversation)) == before


def test_a_reply_of_5000_characters_is_fine(people, client_for, conversation):
    assert reply(client_for(people.sender), conversation.id, "q" * 5000).status_code == 302


def test_resubmitted_form_does_not_duplicate(people, client_for, conversation):
    client = client_for(people.sender)
    client_id = str(uuid.uuid4())
    first = reply(client, conversation.id, "Only once please", client_id)
    second = reply(client, conversation.id, "Only once please", client_id)
    assert first.location == second.location
    assert [m.body for m in messages_in(conversation)].count("Only once please") == 1
    # A colleague's form with the same id (improbable, but) is the same message too.
    reply(client_for(people.sender_colleague), conversation.id, "Only once please", client_id)
    assert count(Message, Message.client_id == client_id) == 1


def test_a_tampered_client_id_gets_a_fresh_one(people, client_for, conversation):
    client = client_for(people.sender)
    assert client.post(f"/inbox/{conversation.id}", data={"body": "No id"}).status_code == 302
    assert client.post(f"/inbox/{conversation.id}", data={"body": "Bad id", "client_id": "<x>"}).status_code == 302
    bodies = [m.body for m in messages_in(conversation)]
    assert "No id" in bodies and "Bad id" in bodies
    assert all(re.fullmatch(r"[0-9a-f-]{36}|interest-\d+(-answer)?", m.client_id) for m in messages_in(conversation))


def test_suspended_company_reads_but_cannot_write(people, client_for, conversation):
    people.sender_company.suspended_at = utcnow()
    db.session.commit()
    client = client_for(people.sender)
    assert "cannot send messages" in text_of(client.get(f"/inbox/{conversation.id}"))
    assert reply(client, conversation.id, "Still here").status_code == 403
    assert "Still here" not in [m.body for m in messages_in(conversation)]


# --- the inbox and unread counts --------------------------------------------------------------

def test_inbox_unread_counts_per_person_and_in_the_navigation(people, client_for, conversation):
    sender, stella = client_for(people.sender), client_for(people.sender_colleague)
    # Olga's answer is new to both people at the sender's company; it is their colleague's read state.
    page = sender.get("/inbox")
    assert "Wood pellets for Austria" in text_of(page) and "1 new" in text_of(page)
    assert nav_inbox(page) == "Inbox (1 unread conversation)"
    sender.get(f"/inbox/{conversation.id}")
    assert "1 new" not in text_of(sender.get("/inbox"))
    assert nav_inbox(sender.get("/inbox")) == "Inbox"
    assert nav_inbox(stella.get("/inbox")) == "Inbox (1 unread conversation)"
    # Three more from the other side.
    for n in range(3):
        services.post_message(people.owner, conversation, f"News {n}", f"news-{n}")
    db.session.commit()
    assert "3 new" in text_of(sender.get("/inbox")) and "4 new" in text_of(stella.get("/inbox"))
    # What one's own company writes is never "new" to it: Carl has only Sven's first message to read,
    # and Olga, who accepted, nothing.
    assert "1 new" in text_of(client_for(people.colleague).get("/inbox"))
    assert nav_inbox(client_for(people.owner).get("/inbox")) == "Inbox"


def test_inbox_counts_interests_waiting_for_an_answer(people, client_for, pending_interest):
    page = client_for(people.owner).get("/inbox")
    assert nav_inbox(page) == "Inbox (1 interest to answer)"
    assert "Waiting for your answer" in text_of(page)
    assert "Holz Linz GmbH is interested in “Wood pellets for Austria”" in text_of(page)


def test_an_expired_interest_no_longer_waits_in_the_navigation(people, client_for, pending_interest):
    # The navigation's query is built once and given the time per request: an expiry must still count.
    pending_interest.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert nav_inbox(client_for(people.owner).get("/inbox")) == "Inbox"


def test_inbox_newest_first_and_only_own_conversations(people, client_for, conversation):
    second_listing = make_listing(people.company, people.owner, title="Sawdust briquettes")
    db.session.commit()
    other = interest_services.send_interest(people.outsider, second_listing, "Hello from Hungary")
    db.session.commit()
    other_conversation = interest_services.accept_interest(people.owner, other, "")
    db.session.commit()
    owner_inbox = text_of(client_for(people.owner).get("/inbox"))
    assert owner_inbox.index("Sawdust briquettes") < owner_inbox.index("Wood pellets for Austria")
    services.post_message(people.sender, conversation, "Bump", "bump-1")
    db.session.commit()
    owner_inbox = text_of(client_for(people.owner).get("/inbox"))
    assert owner_inbox.index("Wood pellets for Austria") < owner_inbox.index("Sawdust briquettes")
    assert "Sawdust briquettes" not in text_of(client_for(people.sender).get("/inbox"))
    assert "Wood pellets for Austria" not in text_of(client_for(people.outsider).get("/inbox"))
    assert other_conversation.id != conversation.id


def test_inbox_without_company_and_empty_inbox(people, client_for):
    assert client_for(people.loner).get("/inbox").status_code == 403
    assert "No conversations yet." in text_of(client_for(people.outsider).get("/inbox"))


def test_inbox_and_navigation_queries_do_not_grow_with_conversations(people, client_for, count_queries):
    client = client_for(people.owner)

    def conversations(start, n):
        for i in range(start, start + n):
            company = make_company(members=[make_user()])
            listing = make_listing(people.company, people.owner, title=f"Offer {i}")
            db.session.commit()
            interest = interest_services.send_interest(company.members[0], listing, "Hi")
            db.session.commit()
            interest_services.accept_interest(people.owner, interest, "Welcome")
            db.session.commit()

    conversations(0, 2)
    with count_queries() as few:
        client.get("/inbox")
    conversations(2, 8)
    with count_queries() as many:
        assert "Offer 9" in text_of(client.get("/inbox"))
    assert len(many.statements) <= len(few.statements)


def test_navigation_counts_in_one_query(people, client_for, conversation, count_queries):
    client = client_for(people.sender)
    with count_queries() as counted:
        page = client.get("/companies")
    assert nav_inbox(page) == "Inbox (1 unread conversation)"
    nav_queries = [s for s in counted.statements if "notifications" in s and "conversation" in s]
    assert len(nav_queries) == 1


def test_earlier_messages_page(people, client_for, conversation):
    for n in range(services.THREAD_PAGE + 5):
        services.post_message(people.sender, conversation, f"Message number {n}", f"m-{n}")
    db.session.commit()
    client = client_for(people.owner)
    latest = client.get(f"/inbox/{conversation.id}")
    text = text_of(latest)
    assert "Message number 104" in text and "We distribute pellets" not in text
    link = re.search(r'href="(/inbox/\d+\?before=\d+)"', latest.get_data(as_text=True)).group(1)
    earlier = text_of(client.get(link))
    assert "We distribute pellets" in earlier and "Message number 104" not in earlier


def test_conversation_is_listed_when_the_listing_is_withdrawn(people, client_for, conversation):
    people.listing.status = "withdrawn"
    db.session.commit()
    assert "Wood pellets for Austria" in text_of(client_for(people.sender).get(f"/inbox/{conversation.id}"))
    assert db.session.get(Conversation, conversation.id).listing_id == people.listing.id


def test_the_two_companies_record_outcomes_on_their_conversation(people, client_for, conversation):
    from marketplace.outcomes.services import outcomes_for_companies

    data = {"outcome-kind": "meeting", "outcome-occurred_on": utcnow().date().isoformat(), "outcome-note": "Met in Graz"}
    assert client_for(people.outsider).post(f"/outcomes/conversation/{conversation.id}", data=data).status_code == 403
    response = client_for(people.sender).post(f"/outcomes/conversation/{conversation.id}", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/inbox/{conversation.id}#outcomes")
    assert "Met in Graz" in text_of(client_for(people.owner).get(f"/inbox/{conversation.id}"))
    assert outcomes_for_companies([people.company.id])["meeting"] == 1  # the other side takes part too
