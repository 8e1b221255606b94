"""Only the two companies read a conversation: every endpoint, every role, every swapped id; and CSRF."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.interests import services as interest_services
from marketplace.messaging import services
from marketplace.messaging.models import Message

from ..conftest import Auth
from ..factories import make_listing
from ..interests.conftest import count, hidden, text_of

ROLES = ["anonymous", "outsider", "sender", "sender_colleague", "owner", "colleague", "manager", "admin", "loner"]
PARTICIPANTS = {"sender", "sender_colleague", "owner", "colleague"}
SECRET = "The price is 180 EUR per tonne"


@pytest.fixture
def secret(people, conversation):
    message, _ = services.post_message(people.owner, conversation, SECRET, "secret-1")
    db.session.commit()
    return message


def _client(client_for, people, role):
    return client_for(None if role == "anonymous" else getattr(people, role))


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_per_role(people, client_for, conversation, secret, role):
    client = _client(client_for, people, role)
    reads = [f"/inbox/{conversation.id}", f"/inbox/{conversation.id}/updates?after=0", f"/messages/{secret.id}"]
    before = count(Message)
    responses = [client.get(url) for url in reads]
    posted = client.post(f"/inbox/{conversation.id}", data={"body": "Swapped in", "client_id": str(uuid.uuid4())})
    if role == "anonymous":
        assert all(r.status_code == 302 and "/account/sign-in" in r.location for r in [*responses, posted])
    elif role in PARTICIPANTS:
        assert responses[0].status_code == 200 and SECRET in text_of(responses[0])
        assert SECRET in [m["body"] for m in responses[1].get_json()["messages"]]
        assert responses[2].status_code == 302 and responses[2].location.endswith(f"#message-{secret.id}")
        assert posted.status_code == 302
        assert count(Message) == before + 1
        return
    else:
        # Cluster managers and admins included: messages are private to the two companies.
        assert [r.status_code for r in responses] == [404, 404, 404], role
        assert posted.status_code == 404
        assert all(SECRET not in r.get_data(as_text=True) for r in responses)
    assert count(Message) == before


def test_inbox_updates_only_carry_ones_own_conversations(people, client_for, conversation, secret):
    own = client_for(people.sender).get("/inbox/updates?since=0").get_json()
    assert [c["id"] for c in own["conversations"]] == [conversation.id]
    assert own["conversations"][0]["preview"] == SECRET and own["conversations"][0]["company"] == "Pellets Usti"
    outsider = client_for(people.outsider).get("/inbox/updates?since=0").get_json()
    assert outsider["conversations"] == [] and outsider["inbox"] == 0
    assert client_for(people.loner).get("/inbox/updates").status_code == 403


def test_replying_into_another_conversation_by_swapping_its_id(people, client_for, conversation):
    """The outsider has a conversation of their own with the same listing company, and tries the other one."""
    second = make_listing(people.company, people.owner, title="Second offer")
    db.session.commit()
    interest = interest_services.send_interest(people.outsider, second, "Hello")
    db.session.commit()
    own = interest_services.accept_interest(people.owner, interest, "")
    db.session.commit()
    outsider = client_for(people.outsider)
    page = outsider.get(f"/inbox/{own.id}")
    token = hidden(page, "client_id")
    assert outsider.post(f"/inbox/{conversation.id}", data={"body": "Injected", "client_id": token}).status_code == 404
    assert outsider.get(f"/inbox/{conversation.id}/updates?after=0").status_code == 404
    assert count(Message, Message.body == "Injected") == 0
    # The same client id used in two conversations is two messages, each in its own conversation.
    assert outsider.post(f"/inbox/{own.id}", data={"body": "Mine", "client_id": token}).status_code == 302
    assert [m.conversation_id for m in db.session.scalars(select(Message).where(Message.body == "Mine"))] == [own.id]


def test_unknown_ids_are_404(people, client_for):
    client = client_for(people.sender)
    for url in ("/inbox/999999", "/inbox/999999/updates", "/messages/999999", "/interests/999999"):
        assert client.get(url).status_code == 404, url
    assert client.post("/inbox/999999", data={"body": "x"}).status_code == 404
    assert client.post("/interests/999999/accept").status_code == 404


def test_polling_endpoints(people, client_for, conversation):
    sender = client_for(people.sender)
    first = sender.get("/inbox/updates?since=0").get_json()
    assert first["inbox"] == 1 and first["inbox_label"] == "Inbox (1 unread conversation)"
    [row] = first["conversations"]
    assert row["unread"] == 1 and row["unread_label"] == "1 new" and row["url"] == f"/inbox/{conversation.id}"
    cursor = first["cursor"]
    assert sender.get(f"/inbox/updates?since={cursor}").get_json()["conversations"] == []

    message, _ = services.post_message(people.owner, conversation, "Are you there?", "poll-1")
    db.session.commit()
    changed = sender.get(f"/inbox/updates?since={cursor}").get_json()
    assert [c["unread"] for c in changed["conversations"]] == [2]
    assert changed["cursor"] == message.id

    after = sender.get(f"/inbox/{conversation.id}/updates?after=0").get_json()
    assert [m["body"] for m in after["messages"]][-1] == "Are you there?"
    assert after["after"] == message.id and after["messages"][-1]["own"] is False
    assert after["messages"][-1]["report_url"] == f"/reports/new?subject_type=message&subject_id={message.id}"
    # Reading through the updates endpoint marks as read.
    assert after["inbox"] == 0
    assert sender.get(f"/inbox/{conversation.id}/updates?after={message.id}").get_json()["messages"] == []
    assert sender.get("/inbox/updates?since=abc").status_code == 200


def test_thread_and_inbox_pages_load_the_polling_script(people, client_for, conversation):
    for url in ("/inbox", f"/inbox/{conversation.id}"):
        page = client_for(people.sender).get(url).get_data(as_text=True)
        assert '<script src="/static/js/inbox.js" defer></script>' in page
        assert "data-updates-url=" in page
        assert " on" + "click=" not in page and "style=" not in page


def test_reply_needs_the_csrf_token(csrf_app):
    from ..factories import make_company, make_user

    owner, sender = make_user("o@example.com"), make_user("s@example.com")
    listing = make_listing(make_company(members=[owner]), owner)
    make_company(members=[sender])
    db.session.commit()
    interest = interest_services.send_interest(sender, listing, "Hello")
    db.session.commit()
    conversation = interest_services.accept_interest(owner, interest, "")
    db.session.commit()
    client = csrf_app.test_client()
    sign_in = client.get("/account/sign-in")
    Auth(client).client.post("/account/sign-in", data={"email": sender.email, "password": "correct horse battery staple",
                                                       "csrf_token": hidden(sign_in, "csrf_token")})
    before = count(Message)
    refused = client.post(f"/inbox/{conversation.id}", data={"body": "No token", "client_id": str(uuid.uuid4())})
    assert refused.status_code == 400 and count(Message) == before
    page = client.get(f"/inbox/{conversation.id}")
    sent = client.post(f"/inbox/{conversation.id}", data={"body": "With token", "client_id": hidden(page, "client_id"),
                                                          "csrf_token": hidden(page, "csrf_token")})
    assert sent.status_code == 302 and count(Message) == before + 1
    # Accept and decline are POSTs with CSRF too.
    other = make_listing(listing.company, owner, title="Another")
    db.session.commit()
    second = interest_services.send_interest(sender, other, "Hi again")
    db.session.commit()
    owner_client = csrf_app.test_client()
    sign_in = owner_client.get("/account/sign-in")
    owner_client.post("/account/sign-in", data={"email": owner.email, "password": "correct horse battery staple",
                                                "csrf_token": hidden(sign_in, "csrf_token")})
    assert owner_client.post(f"/interests/{second.id}/accept").status_code == 400
    db.session.expire_all()
    assert second.status == "pending"
