"""Company services without HTTP: slugs, creation rules, invitations, colleagues, the directory query."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.auth import hash_token
from marketplace.companies import search as company_search
from marketplace.companies import services
from marketplace.companies.filters import DirectoryFilters, parse_directory_filters
from marketplace.fields import normalise_website
from marketplace.companies.models import CompanyInvitation
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.mail.models import OutboxMessage

from ..factories import make_company, make_user


def data(**changes) -> services.CompanyData:
    values = dict(name="Dřevo Ústí s.r.o.", country="CZ", size_class="small", sectors=["wood", "production"],
                  region="Ústí Region", city="Ústí nad Labem", founded_year=1994, website="https://drevo.example",
                  description="Pellets.", languages=["cs", "de"])
    values.update(changes)
    return services.CompanyData(**values)


def test_create_company_makes_the_creator_a_member(app):
    user = make_user()
    company = services.create_company(user, data())
    assert company.slug == "drevo-usti-s-r-o"
    assert user.company is company
    assert sorted(company.sectors) == ["production", "wood"]
    assert company.languages == ["cs", "de"]


def test_slugs_are_unique_and_avoid_reserved_words(app):
    first = services.create_company(make_user(), data(name="Alpha"))
    second = services.create_company(make_user(), data(name="Alpha"))
    third = services.create_company(make_user(), data(name="ALPHA!"))
    reserved = services.create_company(make_user(), data(name="New"))
    assert [first.slug, second.slug, third.slug] == ["alpha", "alpha-2", "alpha-3"]
    assert reserved.slug == "new-2"


def test_one_company_per_person_and_only_when_confirmed(app):
    member = make_user(company=make_company())
    with pytest.raises(services.CompanyError):
        services.create_company(member, data())
    with pytest.raises(services.CompanyError):
        services.create_company(make_user(confirmed=False), data())


@pytest.mark.parametrize("change, field", [
    ({"country": "ZZ"}, "country"),
    ({"size_class": "huge"}, "size_class"),
    ({"sectors": ["wood", "nope"]}, "sectors"),
    ({"sectors": []}, "sectors"),
    ({"languages": ["xx"]}, "languages"),
])
def test_unknown_codes_are_refused(app, change, field):
    with pytest.raises(services.CompanyError) as caught:
        services.create_company(make_user(), data(**change))
    assert caught.value.field == field


def test_update_keeps_the_slug(app):
    company = services.create_company(make_user(), data(name="Alpha"))
    services.update_company(company, data(name="Beta", sectors=["ict"]))
    assert (company.slug, company.name, company.sectors) == ("alpha", "Beta", ["ict"])


@pytest.mark.parametrize("raw, expected", [
    ("example.com", "https://example.com"),
    ("HTTP://Example.COM/Path?q=1", "http://example.com/Path?q=1"),
    ("https://www.dřevo.cz", "https://www." + "dřevo".encode("idna").decode() + ".cz"),
    ("", ""),
])
def test_websites_are_normalised(raw, expected):
    assert normalise_website(raw) == expected


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "ftp://example.com", "https://", "http://localhost",
                                 "https://user:pw@example.com", "exa mple.com", "data:text/html,x", "//example.com"])
def test_bad_websites_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_website(raw)


def test_invitation_stores_only_the_token_hash_and_queues_mail(app):
    inviter = make_user(name="Jana")
    company = make_company(members=[inviter])
    invitation, token = services.invite_colleague(inviter, company, " Petr@Example.com ", "cs")
    assert invitation.email == "petr@example.com"
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    assert invitation.expires_at - utcnow() > timedelta(days=13, hours=23)
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.to_address == "petr@example.com" and mail.locale == "cs"
    assert "/companies/invitations/" + token in mail.body_text


def test_invitation_uses_the_invitees_language_when_they_have_an_account(app):
    inviter = make_user(locale="en")
    company = make_company(members=[inviter])
    make_user("anna@example.com", locale="de")
    services.invite_colleague(inviter, company, "anna@example.com", "en")
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.locale == "de" and company.name in mail.subject


def test_inviting_again_renews_the_same_invitation(app):
    inviter = make_user()
    company = make_company(members=[inviter])
    first, old_token = services.invite_colleague(inviter, company, "a@example.com", "en")
    second, new_token = services.invite_colleague(inviter, company, "A@example.com", "en")
    assert first.id == second.id and old_token != new_token
    assert services.invitation_by_token(old_token) is None
    assert services.invitation_by_token(new_token) is second


def test_inviting_a_member_is_refused(app):
    inviter = make_user()
    colleague = make_user("colleague@example.com")
    company = make_company(members=[inviter, colleague])
    with pytest.raises(services.CompanyError) as caught:
        services.invite_colleague(inviter, company, "COLLEAGUE@example.com", "en")
    assert caught.value.field == "email"


def _invitation(company, email="new@example.com", **fields) -> CompanyInvitation:
    invitation = CompanyInvitation(company=company, email=email, token_hash=hash_token(email),
                                   expires_at=utcnow() + timedelta(days=1), **fields)
    db.session.add(invitation)
    db.session.flush()
    return invitation


def test_invitation_states(app):
    from marketplace.auth import AnonymousUser

    company = make_company()
    invitation = _invitation(company)
    assert services.invitation_state(invitation, AnonymousUser()) == services.INVITATION_SIGN_IN
    assert services.invitation_state(invitation, make_user("other@example.com")) == services.INVITATION_WRONG_ACCOUNT
    invitee = make_user("NEW@example.com")
    assert services.invitation_state(invitation, invitee) == services.INVITATION_OK
    invitee.company = make_company()
    db.session.flush()
    assert services.invitation_state(invitation, invitee) == services.INVITATION_OTHER_COMPANY
    invitee.company = company
    db.session.flush()
    assert services.invitation_state(invitation, invitee) == services.INVITATION_ALREADY_MEMBER
    invitation.expires_at = utcnow() - timedelta(seconds=1)
    assert services.invitation_state(invitation, invitee) == services.INVITATION_EXPIRED
    invitation.accepted_at = utcnow()
    assert services.invitation_state(invitation, invitee) == services.INVITATION_USED


def test_accepting_joins_the_company_once(app):
    company = make_company()
    invitation = _invitation(company)
    invitee = make_user("new@example.com", confirmed=False)
    services.accept_invitation(invitee, invitation)
    assert invitee.company is company and invitation.accepted_at is not None
    assert invitee.is_confirmed  # the link reached that mailbox
    with pytest.raises(services.CompanyError):
        services.accept_invitation(invitee, invitation)


def test_the_last_member_cannot_leave(app):
    alone = make_user()
    company = make_company(members=[alone])
    with pytest.raises(services.CompanyError):
        services.remove_member(company, alone)
    colleague = make_user()
    colleague.company = company
    services.remove_member(company, alone)
    assert alone.company is None
    with pytest.raises(services.CompanyError):
        services.remove_member(company, make_user())


def _names(filters: DirectoryFilters) -> list[str]:
    return [c.name for c in company_search.search(filters, per_page=50).items]


def test_directory_query_filters(app):
    make_company("Alpha Wood", country="CZ", sectors=["wood"], size_class="micro")
    make_company("Beta Code", country="PL", sectors=["ict", "wood"], size_class="small")
    make_company("Gamma 100% Food", country="SI", sectors=["food"], size_class="medium")
    make_company("Hidden", country="CZ", sectors=["wood"], is_published=False)
    assert _names(DirectoryFilters()) == ["Alpha Wood", "Beta Code", "Gamma 100% Food"]
    assert _names(DirectoryFilters(country="CZ")) == ["Alpha Wood"]
    assert _names(DirectoryFilters(sector="wood")) == ["Alpha Wood", "Beta Code"]
    assert _names(DirectoryFilters(sector="wood", size="small")) == ["Beta Code"]
    assert _names(DirectoryFilters(q="code")) == ["Beta Code"]
    assert _names(DirectoryFilters(q="100")) == ["Gamma 100% Food"]
    assert _names(DirectoryFilters(q="%")) == ["Alpha Wood", "Beta Code", "Gamma 100% Food"]  # no words: no filter
    assert _names(DirectoryFilters(q="gam")) == ["Gamma 100% Food"]  # prefix as you type


def test_filter_parsing_drops_unknown_values():
    filters = parse_directory_filters({"country": "ZZ", "sector": "wood", "size": "<b>", "page": "x", "q": " a "})
    assert (filters.country, filters.sector, filters.size, filters.page, filters.q) == (None, "wood", None, 1, "a")
    assert sorted(filters.ignored) == ["country", "size"]
    assert parse_directory_filters({"page": "-3"}).page == 1
    assert parse_directory_filters({"page": "99999999999999999999"}).page == 10_000
