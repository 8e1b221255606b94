"""The moderation history where people meet it: the company profile, the listing page, the review page."""
from __future__ import annotations

import pytest

from marketplace.extensions import db
from marketplace.moderation import services
from marketplace.moderation.models import Report

from .conftest import text_of


def test_company_profile_offers_report_link_to_outsiders_only(people, client_for):
    url = f"/companies/{people.company.slug}"
    outsider = client_for(people.reporter).get(url).get_data(as_text=True)
    assert "Report this company" in outsider
    assert f"subject_type=company&amp;subject_id={people.company.id}" in outsider
    assert "Report this company" not in client_for(people.owner).get(url).get_data(as_text=True)
    assert "Report this company" not in client_for().get(url).get_data(as_text=True)


def test_company_profile_shows_history_to_members_and_moderators(people, client_for):
    services.suspend_company(people.manager, people.company, "spam", "Too many copies.")
    db.session.commit()
    url = f"/companies/{people.company.slug}"
    for user in (people.owner, people.manager, people.admin):
        page = text_of(client_for(user).get(url))
        assert "Moderation history" in page and "Company suspended" in page and "Mia Manager" in page
        assert "Too many copies." in page
    for user in (None, people.reporter, people.other_manager):
        assert "Moderation history" not in text_of(client_for(user).get(url))
    assert "Moderate this company" in text_of(client_for(people.manager).get(url))
    assert "Moderate this company" not in text_of(client_for(people.owner).get(url))


def test_owners_do_not_see_report_handling_in_history(people):
    entry = Report(subject_type="company", subject_id=people.company.id, reporter_id=people.reporter.id,
                   reason="spam")
    db.session.add(entry)
    db.session.flush()
    services.close_report(people.manager, entry, resolved=False, note="Nothing wrong.")
    db.session.commit()
    owner_view = services.history_for(people.owner, "company", people.company.id, people.company.id)
    moderator_view = services.history_for(people.manager, "company", people.company.id, people.company.id)
    assert [e.action for e in owner_view] == []
    assert [e.action for e in moderator_view] == ["dismiss-report"]


def test_closing_a_report_twice_is_refused(people):
    entry = Report(subject_type="company", subject_id=people.company.id, reporter_id=people.reporter.id,
                   reason="spam")
    db.session.add(entry)
    db.session.commit()
    services.close_report(people.manager, entry, resolved=True, note="")
    with pytest.raises(services.ModerationError):
        services.close_report(people.admin, entry, resolved=False, note="")
