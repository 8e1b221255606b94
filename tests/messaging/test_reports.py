"""Reporting a message: the admins read the reported message (and only it) from the report."""
from __future__ import annotations

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.mail.models import OutboxMessage
from marketplace.messaging import services
from marketplace.moderation.models import Report

from ..interests.conftest import count, mails_to, text_of

OFFENSIVE = "Buy cheap watches at spam.example"
PRIVATE = "Our confidential price list"


def _report_url(message_id: int) -> str:
    return f"/reports/new?subject_type=message&subject_id={message_id}"


def _spam(people, conversation):
    services.post_message(people.owner, conversation, PRIVATE, "private-1")
    message, _ = services.post_message(people.owner, conversation, OFFENSIVE, "spam-1")
    db.session.commit()
    return message


def test_the_receiving_company_reports_a_message_and_the_admin_reads_it(people, client_for, conversation):
    message = _spam(people, conversation)
    sender = client_for(people.sender)
    thread = sender.get(f"/inbox/{conversation.id}").get_data(as_text=True)
    assert _report_url(message.id).replace("&", "&amp;") in thread
    form = sender.get(_report_url(message.id))
    assert form.status_code == 200 and "Buy cheap watches" in text_of(form)
    response = sender.post(_report_url(message.id), data={"reason": "spam", "details": "Unsolicited advertising"})
    assert response.status_code == 302 and response.location == f"/messages/{message.id}"
    assert sender.get(response.location).location == f"/inbox/{conversation.id}#message-{message.id}"
    report = db.session.scalar(select(Report))
    assert (report.subject_type, report.subject_id, report.reporter_id) == ("message", message.id, people.sender.id)

    # The admins are told; the cluster manager of the author's company is not (messages go to the admins).
    assert len(mails_to(people.admin.email)) == 1
    assert mails_to(people.manager.email) == []

    admin = client_for(people.admin)
    page = admin.get(f"/moderation/reports/{report.id}")
    assert page.status_code == 200
    text = text_of(page)
    assert OFFENSIVE in text and "Olga Owner" in text and "Pellets Usti" in text
    assert PRIVATE not in text  # the rest of the conversation stays private
    assert "Suspend the company" in text
    single = admin.get(f"/messages/{message.id}")
    assert single.status_code == 200 and OFFENSIVE in text_of(single) and PRIVATE not in text_of(single)
    assert admin.get(f"/inbox/{conversation.id}").status_code == 404
    assert "Buy cheap watches" in text_of(admin.get("/moderation/reports"))

    # The cluster manager does not handle it, and cannot read it.
    manager = client_for(people.manager)
    assert manager.get(f"/moderation/reports/{report.id}").status_code == 403
    assert manager.get(f"/messages/{message.id}").status_code == 404
    assert "Buy cheap watches" not in text_of(manager.get("/moderation/reports"))
    # An unreported message stays unreadable for the admin.
    private = db.session.scalar(select(services.Message).where(services.Message.body == PRIVATE))
    assert admin.get(f"/messages/{private.id}").status_code == 404


def test_own_company_messages_have_no_report_link_and_cannot_be_reported(people, client_for, conversation):
    message = _spam(people, conversation)
    colleague = client_for(people.colleague)
    thread = colleague.get(f"/inbox/{conversation.id}").get_data(as_text=True)
    assert _report_url(message.id).replace("&", "&amp;") not in thread
    assert "Report this message" in thread  # on the other company's messages only
    assert colleague.get(_report_url(message.id)).status_code == 403
    assert count(Report) == 0


def test_outsiders_cannot_report_what_they_cannot_read(people, client_for, conversation):
    message = _spam(people, conversation)
    for person in (people.outsider, people.manager, people.admin, people.loner):
        client = client_for(person)
        assert client.get(_report_url(message.id)).status_code == 404
        assert client.post(_report_url(message.id), data={"reason": "spam"}).status_code == 404
    assert count(Report) == 0
    assert count(OutboxMessage, OutboxMessage.to_address == people.admin.email) == 0


def test_admin_dismisses_a_message_report(people, client_for, conversation):
    message = _spam(people, conversation)
    client_for(people.sender).post(_report_url(message.id), data={"reason": "spam"})
    report = db.session.scalar(select(Report))
    response = client_for(people.admin).post(f"/moderation/reports/{report.id}",
                                             data={"decision": "dismiss", "note": "Just a sales pitch"})
    assert response.status_code == 302
    db.session.expire_all()
    assert report.status == "dismissed"
    # Still readable from the (closed) report for the admins.
    assert client_for(people.admin).get(f"/messages/{message.id}").status_code == 200
