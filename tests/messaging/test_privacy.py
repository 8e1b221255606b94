"""Export and erasure of what a person wrote and received in interests, conversations and notifications."""
from __future__ import annotations

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.interests.models import Interest, InterestEvent
from marketplace.messaging import services
from marketplace.messaging.models import ConversationState, Message
from marketplace.notifications.models import Notification, NotificationPreference
from marketplace.notifications.services import save_preferences

from ..factories import DEFAULT_PASSWORD
from ..interests.conftest import count, text_of


def test_export_contains_interests_messages_and_notifications(people, client_for, conversation):
    services.post_message(people.sender, conversation, "Let us meet in Linz.", "meet-1")
    save_preferences(people.sender, email_messages=False)
    db.session.commit()
    data = client_for(people.sender).get("/account/privacy/export.json").get_json(force=True)
    [interest] = data["expressions_of_interest"]
    assert interest["message"].startswith("We distribute pellets") and interest["status"] == "accepted"
    assert interest["to_company"] == "Pellets Usti" and interest["sent_by_you"] is True
    assert [m["text"] for m in data["messages_written"]] == ["We distribute pellets in Upper Austria.\nCall us.",
                                                              "Let us meet in Linz."]
    assert data["messages_written"][0]["to_company"] == "Pellets Usti"
    assert data["notifications"]["email_about_messages"] is False
    assert any("accepted your expression of interest" in n["text"] for n in data["notifications"]["items"])
    owner = client_for(people.owner).get("/account/privacy/export.json").get_json(force=True)
    [answered] = owner["expressions_of_interest"]
    assert answered["answered_by_you"] is True and answered["message"] is None


def test_erasure_keeps_the_text_for_the_other_company_without_the_author(people, client_for, conversation):
    services.post_message(people.sender, conversation, "Let us meet in Linz.", "meet-1")
    save_preferences(people.sender, email_messages=False)
    db.session.commit()
    sender_id = people.sender.id
    response = client_for(people.sender).post("/account/privacy/delete",
                                              data={"current_password": DEFAULT_PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    assert count(Message, Message.author_id == sender_id) == 0
    assert count(Message, Message.body == "Let us meet in Linz.") == 1
    assert count(Notification, Notification.user_id == sender_id) == 0
    assert count(NotificationPreference, NotificationPreference.user_id == sender_id) == 0
    assert count(ConversationState, ConversationState.user_id == sender_id) == 0
    assert count(Interest, Interest.sender_id == sender_id) == 0
    assert count(InterestEvent, InterestEvent.actor_id == sender_id) == 0
    page = text_of(client_for(people.owner).get(f"/inbox/{conversation.id}"))
    assert "Let us meet in Linz." in page and "Sven Sender" not in page and "Former member" in page
    # The contact shown is now the sender's remaining colleague.
    interest = db.session.scalar(select(Interest))
    owner_view = text_of(client_for(people.owner).get(f"/interests/{interest.id}"))
    assert "Stella Sender" in owner_view and "sven@holz.example" not in owner_view
