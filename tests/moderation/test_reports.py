"""Reports end to end: filing, the responsible moderators' list and mail, and every decision on them."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.companies.models import Company
from marketplace.extensions import db
from marketplace.listings.models import PUBLISHED, REJECTED, Listing
from marketplace.mail.models import OutboxMessage
from marketplace.moderation.models import ModerationAction, Report

from ..conftest import Auth
from ..factories import make_cluster, make_company, make_user
from .conftest import errors_of, make_listing, text_of


def report_url(kind: str, subject_id: int) -> str:
    return f"/reports/new?subject_type={kind}&subject_id={subject_id}"


def mails_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)))


def open_reports() -> list[Report]:
    db.session.expire_all()
    return list(db.session.scalars(select(Report).where(Report.status == "open")))


@pytest.fixture
def published(people):
    listing = make_listing(people.company, people.owner, title="Pellets from Usti")
    db.session.commit()
    return listing


def file(client, kind, subject_id, reason="spam", details="Copied from another site."):
    return client.post(report_url(kind, subject_id), data={"reason": reason, "details": details},
                       follow_redirects=True)


def test_listing_page_links_to_report_form_for_others(people, client_for, published):
    page = client_for(people.reporter).get(f"/listings/{published.id}").get_data(as_text=True)
    assert f"subject_type=listing&amp;subject_id={published.id}" in page and "Report this listing" in page
    assert "Report this listing" not in client_for(people.owner).get(f"/listings/{published.id}").get_data(as_text=True)


def test_report_a_listing_reaches_the_cluster_manager(people, client_for, published):
    reporter = client_for(people.reporter)
    form = reporter.get(report_url("listing", published.id))
    assert form.status_code == 200
    assert "Pellets from Usti" in text_of(form) and "Misleading or fraudulent" in text_of(form)

    response = file(reporter, "listing", published.id)
    assert "Thank you. The moderators will look into your report." in text_of(response)
    assert response.request.path == f"/listings/{published.id}"
    [report] = open_reports()
    assert (report.subject_type, report.subject_id, report.reason, report.reporter_id) == (
        "listing", published.id, "spam", people.reporter.id)
    [mail] = mails_to("manager@example.com")
    assert "Pellets from Usti" in mail.subject and f"/moderation/reports/{report.id}" in mail.body_text
    assert mails_to("admin@example.com") == [] and mails_to("bob@example.com") == []


def test_report_about_company_in_no_cluster_goes_to_admins(people, client_for):
    listing = make_listing(people.lone_company)
    people.manager.locale = "de"
    db.session.commit()
    file(client_for(people.reporter), "listing", listing.id)
    assert len(mails_to("admin@example.com")) == 1 and mails_to("manager@example.com") == []


def test_report_mail_is_in_the_moderators_language(people, client_for, published):
    people.manager.locale = "de"
    db.session.commit()
    file(client_for(people.reporter), "listing", published.id)
    [mail] = mails_to("manager@example.com")
    assert mail.locale == "de"


def test_report_a_company(people, client_for):
    response = file(client_for(people.reporter), "company", people.other_company.id, reason="misleading")
    assert "Thank you" in text_of(response)
    [report] = open_reports()
    assert (report.subject_type, report.subject_id) == ("company", people.other_company.id)
    assert len(mails_to("bob@example.com")) == 1


def test_the_same_person_cannot_report_twice_while_open(people, client_for, published):
    reporter = client_for(people.reporter)
    file(reporter, "listing", published.id)
    again = reporter.get(report_url("listing", published.id), follow_redirects=True)
    assert "You have already reported this" in text_of(again)
    file(reporter, "listing", published.id)
    assert len(open_reports()) == 1
    # someone else still can
    file(client_for(people.other), "listing", published.id)
    assert len(open_reports()) == 2


@pytest.mark.parametrize("query", ["subject_type=listing&subject_id=999999", "subject_type=nonsense&subject_id=1",
                                   "subject_type=message&subject_id=1", "subject_type=listing&subject_id=abc",
                                   "subject_type=company&subject_id=999999", ""])
def test_unknown_subjects_are_404(people, client_for, query):
    assert client_for(people.reporter).get(f"/reports/new?{query}").status_code == 404


def test_subjects_the_reporter_cannot_see_are_404(people, client_for):
    draft = make_listing(people.company, status="draft")
    hidden = make_company("Hidden Ltd", is_published=False)
    db.session.commit()
    reporter = client_for(people.reporter)
    assert reporter.get(report_url("listing", draft.id)).status_code == 404
    assert reporter.post(report_url("listing", draft.id), data={"reason": "spam"}).status_code == 404
    assert reporter.get(report_url("company", hidden.id)).status_code == 404
    assert open_reports() == []


def test_own_company_cannot_be_reported(people, client_for, published):
    owner = client_for(people.owner)
    assert owner.get(report_url("listing", published.id)).status_code == 403
    assert owner.get(report_url("company", people.company.id)).status_code == 403


def test_anonymous_is_sent_to_sign_in(people, client_for, published):
    response = client_for().get(report_url("listing", published.id))
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]


@pytest.mark.parametrize("data, message", [
    ({"reason": "made-up"}, "Choose a reason from the list."),
    ({"reason": ""}, "Choose what is wrong."),
    ({"reason": "other", "details": ""}, "Please describe the problem"),
    ({"reason": "spam", "details": "x" * 2001}, "2000"),
])
def test_bad_report_input_is_a_field_error(people, client_for, published, data, message):
    response = client_for(people.reporter).post(report_url("listing", published.id), data=data)
    assert response.status_code == 400 and message in errors_of(response)
    assert open_reports() == []


# --- Moderators handle reports ------------------------------------------------------------------------

@pytest.fixture
def reported(people, client_for, published):
    file(client_for(people.reporter), "listing", published.id, details="Their phone number is in the text.")
    [report] = open_reports()
    return report


def test_reports_page_lists_reports_for_responsible_moderators(people, client_for, reported, published):
    page = client_for(people.manager).get("/moderation/reports")
    text = text_of(page)
    assert "Pellets from Usti" in text and "Spam or fake" in text and "Rita Reporter" in text
    assert f'href="/listings/{published.id}"' in page.get_data(as_text=True)
    assert "Pellets from Usti" in text_of(client_for(people.admin).get("/moderation/reports"))
    assert "No open reports." in text_of(client_for(people.other_manager).get("/moderation/reports"))
    assert "1 open report waits for you." in text_of(client_for(people.manager).get("/moderation"))


def test_reports_page_query_count_does_not_grow_with_reports(people, client_for, count_queries):
    reporter, admin = client_for(people.reporter), client_for(people.admin)
    company_id, other_company_id = people.company.id, people.other_company.id

    def report_listings(n):
        for _ in range(n):
            file(reporter, "listing", make_listing(db.session.get(Company, company_id)).id)
        db.session.remove()  # the next request starts with an empty session, as in production

    file(reporter, "company", other_company_id)
    report_listings(1)
    db.session.remove()
    with count_queries() as few:
        assert admin.get("/moderation/reports").status_code == 200
    report_listings(6)
    with count_queries() as many:
        assert admin.get("/moderation/reports").status_code == 200
    assert len(many.statements) == len(few.statements), many.statements


def test_dismiss(people, client_for, reported, published):
    manager = client_for(people.manager)
    detail = text_of(manager.get(f"/moderation/reports/{reported.id}"))
    assert "Their phone number is in the text." in detail and "Unpublish the listing" in detail
    response = manager.post(f"/moderation/reports/{reported.id}", data={"decision": "dismiss",
                                                                        "note": "Nothing wrong."},
                            follow_redirects=True)
    assert "The report was dismissed." in text_of(response)
    db.session.refresh(reported)
    assert reported.status == "dismissed" and reported.resolved_by_id == people.manager.id
    assert db.session.get(Listing, published.id).status == PUBLISHED
    handled = text_of(manager.get("/moderation/reports?status=closed"))
    assert "Dismissed" in handled and "Mia Manager" in handled
    # deciding again is refused politely
    again = manager.post(f"/moderation/reports/{reported.id}", data={"decision": "resolve"}, follow_redirects=True)
    assert "already handled this report" in text_of(again)


def test_unpublish_after_report(people, client_for, reported, published):
    manager = client_for(people.manager)
    refused = manager.post(f"/moderation/reports/{reported.id}", data={"decision": "unpublish", "note": ""})
    assert refused.status_code == 400 and "Explain your decision" in errors_of(refused)

    response = manager.post(f"/moderation/reports/{reported.id}",
                            data={"decision": "unpublish", "note": "Remove the phone number, then resubmit."},
                            follow_redirects=True)
    assert "The listing was unpublished" in text_of(response)
    db.session.expire_all()
    listing = db.session.get(Listing, published.id)
    assert (listing.status, listing.rejection_reason) == (REJECTED, "reported")
    assert db.session.get(Report, reported.id).status == "resolved"
    actions = db.session.scalars(select(ModerationAction.action).where(
        ModerationAction.subject_type == "listing", ModerationAction.subject_id == listing.id)).all()
    assert "unpublish" in actions and "resolve-report" in actions
    assert client_for().get(f"/listings/{listing.id}").status_code == 404
    assert "Pellets from Usti" not in text_of(client_for().get("/listings"))
    owner_page = text_of(client_for(people.owner).get(f"/listings/{listing.id}"))
    assert "Unpublished after a report" in owner_page and "Remove the phone number, then resubmit." in owner_page
    assert any("Pellets from Usti" in m.body_text for m in mails_to("owner@example.com"))


def test_tampered_decision_is_refused(people, client_for, reported):
    response = client_for(people.manager).post(f"/moderation/reports/{reported.id}", data={"decision": "delete-all"})
    assert response.status_code == 400 and "Choose a decision from the list." in text_of(response)
    db.session.refresh(reported)
    assert reported.status == "open"


def test_suspend_and_reinstate_after_report(people, client_for, reported, published):
    manager = client_for(people.manager)
    assert "Pellets from Usti" in text_of(client_for().get("/listings"))
    response = manager.post(f"/moderation/reports/{reported.id}",
                            data={"decision": "suspend", "note": "Repeated spam."}, follow_redirects=True)
    assert "The company is suspended" in text_of(response)
    db.session.expire_all()
    assert db.session.get(Company, people.company.id).suspended_at is not None

    # its listings vanish for the public, its members cannot post
    assert "Pellets from Usti" not in text_of(client_for().get("/listings"))
    assert client_for().get(f"/listings/{published.id}").status_code == 404
    assert client_for(people.owner).get("/listings/new").status_code == 403

    suspended = text_of(manager.get("/moderation/companies/suspended"))
    assert "Pellets Usti" in suspended
    history = text_of(manager.get(f"/moderation/companies/{people.company.id}"))
    assert "Company suspended" in history and "Mia Manager" in history and "Repeated spam." in history
    assert "Spam or fake" in history  # the report's reason carried over

    response = manager.post(f"/moderation/companies/{people.company.id}/reinstate",
                            data={"note": "They promised to behave.", "back": "suspended"}, follow_redirects=True)
    assert "is reinstated" in text_of(response) and "No suspended companies." in text_of(response)
    db.session.expire_all()
    assert db.session.get(Company, people.company.id).suspended_at is None
    assert client_for().get(f"/listings/{published.id}").status_code == 200
    history = text_of(manager.get(f"/moderation/companies/{people.company.id}"))
    assert "Company reinstated" in history and "They promised to behave." in history


def test_suspend_directly_from_company_page_needs_reason_and_note(people, client_for):
    admin = client_for(people.admin)
    refused = admin.post(f"/moderation/companies/{people.lone_company.id}/suspend", data={"reason": "bogus"})
    assert refused.status_code == 400
    assert "Choose a reason from the list." in errors_of(refused) and "Explain why" in errors_of(refused)
    ok = admin.post(f"/moderation/companies/{people.lone_company.id}/suspend",
                    data={"reason": "misleading", "note": "Fake company."}, follow_redirects=True)
    assert "is suspended" in text_of(ok)
    # suspended twice: a polite notice, no second log entry
    admin.post(f"/moderation/companies/{people.lone_company.id}/suspend", data={"reason": "spam", "note": "again"})
    assert len(db.session.scalars(select(ModerationAction).where(ModerationAction.action == "suspend")).all()) == 1


def test_report_mail_is_delivered_over_smtp(mail_app, smtp_server):
    from marketplace.mail.delivery import deliver_due

    owner = make_user("owner@example.com")
    company = make_company("Pellets Usti", members=[owner])
    manager = make_user("manager@example.com", name="Mia Manager")
    make_cluster(managers=[manager], members=[company])
    listing = make_listing(company, title="Pellets from Usti")
    reporter = make_user("reporter@example.com", name="Rita Reporter")
    db.session.commit()
    client = mail_app.test_client()
    Auth(client).sign_in(reporter)
    file(client, "listing", listing.id, details="Fake offer.")
    deliver_due()
    [mail] = smtp_server.to("manager@example.com")
    body = smtp_server.text_of(mail)
    assert "Pellets from Usti" in mail["Subject"]
    assert "Rita Reporter" in body and "Fake offer." in body
    assert any("/moderation/reports/" in link for link in smtp_server.links_in(mail))
