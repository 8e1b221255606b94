"""E-mail about new messages over real SMTP: batched per conversation and person, opt-out, languages."""
from __future__ import annotations

from datetime import timedelta

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due
from marketplace.messaging import mail, services

from ..interests.conftest import text_of


def post(person, conversation, body, n, now=None):
    message, _ = services.post_message(person, conversation, body, f"m-{n}", now=now)
    db.session.commit()
    return message


def delivered(smtp_server, address):
    deliver_due()
    return smtp_server.to(address)


def test_first_message_mails_at_once_then_batches(people, mail_app, smtp_server, conversation):
    deliver_due()  # the acceptance mail
    smtp_server.messages.clear()
    now = utcnow()
    post(people.sender, conversation, "First question", 1, now)
    # Olga accepted (she has read the opening message); Carl has not read anything yet.
    for person, subject in ((people.owner, "New message"), (people.colleague, "2 new messages")):
        [mail_] = delivered(smtp_server, person.email)
        assert mail_["Subject"] == f"{subject} from Holz Linz GmbH: Wood pellets for Austria"
        body = smtp_server.text_of(mail_)
        assert "First question" in body and f"http://marketplace.test/inbox/{conversation.id}" in body
        assert "http://marketplace.test/notifications" in body  # where to turn them off
    assert delivered(smtp_server, people.sender.email) == []  # the author's side is not mailed

    # Two more within 15 minutes: no mail now, not even from the job.
    post(people.sender, conversation, "Second question", 2, now + timedelta(minutes=2))
    post(people.sender_colleague, conversation, "Third question", 3, now + timedelta(minutes=5))
    assert mail.send_due(now + timedelta(minutes=10)) == 0
    db.session.commit()
    assert len(delivered(smtp_server, people.owner.email)) == 1

    # Once the interval is over, the job sends one e-mail with both.
    assert mail.send_due(now + timedelta(minutes=16)) == 2
    db.session.commit()
    [_, digest] = delivered(smtp_server, people.owner.email)
    assert digest["Subject"] == "2 new messages from Holz Linz GmbH: Wood pellets for Austria"
    text = smtp_server.text_of(digest)
    assert "Second question" in text and "Third question" in text and "First question" not in text
    assert "Stella Sender" in text and "Sven Sender" in text
    # Nothing more to tell: running the job again sends nothing.
    assert mail.send_due(now + timedelta(minutes=40)) == 0


def test_at_most_one_mail_per_15_minutes_per_conversation_and_person(people, mail_app, smtp_server, conversation):
    deliver_due()
    smtp_server.messages.clear()
    start = utcnow()
    for n in range(12):  # one message a minute for 12 minutes, with the job running every minute
        post(people.sender, conversation, f"Message {n}", n, start + timedelta(minutes=n))
        mail.send_due(start + timedelta(minutes=n, seconds=30))
        db.session.commit()
    assert len(delivered(smtp_server, people.owner.email)) == 1
    mail.send_due(start + timedelta(minutes=15, seconds=1))
    db.session.commit()
    assert len(delivered(smtp_server, people.owner.email)) == 2


def test_reading_the_thread_before_the_job_means_no_mail(people, mail_app, smtp_server, client_for, conversation):
    now = utcnow()
    post(people.sender, conversation, "Hello", 1, now)
    post(people.sender, conversation, "Are you there?", 2, now + timedelta(minutes=1))
    client_for(people.owner).get(f"/inbox/{conversation.id}")
    db.session.expire_all()
    assert mail.send_due(now + timedelta(minutes=20)) == 1  # Carl has not read it; Olga has
    db.session.commit()
    deliver_due()
    owner_mails = [m for m in smtp_server.to(people.owner.email) if "message" in m["Subject"]]
    carl_mails = [m for m in smtp_server.to(people.colleague.email) if "message" in m["Subject"]]
    assert len(owner_mails) == 1 and len(carl_mails) == 2


def test_opt_out_per_person(people, mail_app, smtp_server, client_for, conversation):
    client = client_for(people.owner)
    page = client.get("/notifications")
    assert 'name="email_messages"' in page.get_data(as_text=True) and "checked" in page.get_data(as_text=True)
    response = client.post("/notifications/preferences", data={}, follow_redirects=True)
    assert "Your e-mail preferences were saved." in text_of(response)
    assert "checked" not in client.get("/notifications").get_data(as_text=True).split('name="email_messages"')[0][-200:]
    now = utcnow()
    post(people.sender, conversation, "Hello", 1, now)
    post(people.sender, conversation, "Hello again", 2, now + timedelta(minutes=1))
    mail.send_due(now + timedelta(minutes=30))
    db.session.commit()
    deliver_due()
    assert [m for m in smtp_server.to(people.owner.email) if "message" in m["Subject"]] == []
    assert len([m for m in smtp_server.to(people.colleague.email) if "message" in m["Subject"]]) == 2
    # And back on.
    client.post("/notifications/preferences", data={"email_messages": "y"})
    post(people.sender, conversation, "Third", 3, now + timedelta(minutes=40))
    deliver_due()
    assert len([m for m in smtp_server.to(people.owner.email) if "message" in m["Subject"]]) == 1


def test_mail_in_the_recipients_language(people, mail_app, smtp_server, conversation):
    people.owner.locale = "de"
    db.session.commit()
    post(people.sender, conversation, "Hallo", 1)
    [mail_] = [m for m in delivered(smtp_server, people.owner.email) if "Hallo" in smtp_server.text_of(m)]
    assert mail_["Content-Language"] == "de"


def test_notify_command_is_idempotent(people, mail_app, smtp_server, conversation):
    now = utcnow()
    post(people.sender, conversation, "One", 1, now - timedelta(minutes=40))
    post(people.sender, conversation, "Two", 2, now - timedelta(minutes=30))
    # Pretend the first mail went out 20 minutes ago: the second message is due now.
    from marketplace.messaging.models import ConversationState

    db.session.query(ConversationState).filter(ConversationState.last_emailed_at.is_not(None)).update(
        {"last_emailed_at": now - timedelta(minutes=20)})
    db.session.commit()
    runner = mail_app.test_cli_runner()
    first = runner.invoke(args=["messaging", "notify"])
    assert first.exit_code == 0 and "2 e-mail(s)" in first.output
    second = runner.invoke(args=["messaging", "notify"])
    assert second.exit_code == 0 and "0 e-mail(s)" in second.output
