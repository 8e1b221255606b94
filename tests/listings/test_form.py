"""Posting a listing: every field checked on the server, input kept, drafts, idempotent double submission."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.listings.models import DRAFT, PENDING, Listing

from ..factories import make_company, make_user
from .conftest import VALID, errors_of, hidden, page_text


def count_listings() -> int:
    return db.session.scalar(select(func.count()).select_from(Listing))


def post_new(client, action="submit", **changes):
    data = {**VALID, **changes, "action": action}
    return client.post("/listings/new", data={k: v for k, v in data.items() if v is not None})


@pytest.fixture
def owner(people, auth):
    auth.sign_in(people.owner)
    return people.owner


def test_the_form_shows_counters_limits_and_the_markdown_help(client, owner):
    html = page_text(client.get("/listings/new"))
    assert 'maxlength="200"' in html and 'maxlength="500"' in html and 'maxlength="4000"' in html
    assert "data-counter" in html and 'data-counter-label="%(count)s of %(max)s characters"' in html
    assert "simple formatting" in html
    assert "Save draft" in html and "Submit for review" in html
    assert len(hidden(client.get("/listings/new"), "client_token")) >= 16


def test_a_complete_listing_is_submitted_for_review(client, owner, people):
    response = post_new(client)
    assert response.status_code == 302
    listing = db.session.scalar(select(Listing))
    assert response.location.endswith(f"/listings/{listing.id}")
    assert listing.status == PENDING and listing.company_id == people.company.id and listing.author_id == owner.id
    assert listing.cooperation_types == ["commercial-agency", "supplier"]
    assert listing.keywords == ["wood pellets", "biomass", "heating"]
    assert listing.target_countries == ["AT", "SI"] and listing.targets_any_country is False
    assert listing.partner_sizes == ["small", "medium"]
    page = page_text(client.get(response.location))
    assert "waiting for review" in page and "Pending review" in page


@pytest.mark.parametrize("field, limit", [("title", 200), ("summary", 500), ("description", 4000),
                                          ("advantages", 2000), ("partner_role", 1000)])
def test_over_long_text_is_refused_with_its_limit_and_kept(client, owner, field, limit):
    # A tampered POST ignores the browser's maxlength; the server still refuses.
    too_long = "x" * limit + "y"
    response = post_new(client, **{field: too_long})
    assert response.status_code == 200 and count_listings() == 0
    assert f"at most {limit} characters (it has {limit + 1})" in errors_of(response)
    assert too_long in page_text(response)  # nothing the person typed is lost


@pytest.mark.parametrize("field, value, message", [
    ("kind", "barter", "Choose offer or request."),
    ("sector", "mining", "Choose a sector from the list."),
    ("cooperation_types", ["commercial-agency", "espionage"], "Choose cooperation types from the list."),
    ("target_countries", ["AT", "US"], "Choose countries from the list."),
    ("language", "tlh", "Choose a language from the list."),
    ("development_stage", "dreaming", "Choose a stage from the list."),
    ("partner_type", "alien", "Choose a type of partner from the list."),
    ("partner_sizes", ["huge"], "Choose sizes from the list."),
])
def test_unknown_codes_are_refused_per_field(client, owner, field, value, message):
    response = post_new(client, **{field: value})
    assert response.status_code == 200 and count_listings() == 0
    assert message in errors_of(response)
    assert VALID["title"] in page_text(response)


def test_at_most_three_cooperation_types(client, owner):
    response = post_new(client, cooperation_types=["commercial-agency", "supplier", "technical", "research"])
    assert "Choose at most 3 cooperation types." in errors_of(response) and count_listings() == 0
    assert post_new(client, cooperation_types=["commercial-agency", "supplier", "technical"]).status_code == 302


def test_at_most_ten_keywords_of_forty_characters(client, owner):
    eleven = ", ".join(f"word{n}" for n in range(11))
    response = post_new(client, keywords=eleven)
    assert "at most 10 keywords (you entered 11)" in errors_of(response) and count_listings() == 0
    assert eleven in page_text(response)
    response = post_new(client, keywords="fine, " + "k" * 41)
    assert "at most 40 characters" in errors_of(response) and count_listings() == 0


def test_keywords_are_trimmed_and_deduplicated_regardless_of_case(client, owner):
    post_new(client, keywords="  Wood  Pellets , wood pellets,BIOMASS, biomass ,, heating  ")
    assert db.session.scalar(select(Listing)).keywords == ["Wood Pellets", "BIOMASS", "heating"]


def test_no_target_country_means_any_country(client, owner):
    response = post_new(client, target_countries=None)
    listing = db.session.scalar(select(Listing))
    assert listing.targets_any_country is True and listing.target_countries == []
    assert "Any country" in page_text(client.get(response.location))


def test_language_defaults_to_the_interface_language(client, owner):
    owner.locale = "de"
    db.session.commit()
    assert '<option selected value="de">' in page_text(client.get("/listings/new"))


def test_a_draft_may_be_incomplete_but_review_needs_the_essentials(client, owner):
    response = post_new(client, action="draft", sector="", summary="", description="", cooperation_types=None)
    assert response.status_code == 302
    listing = db.session.scalar(select(Listing))
    assert listing.status == DRAFT and listing.sector == "" and listing.cooperation_types == []
    assert "The draft was saved" in page_text(client.get(response.location))

    response = post_new(client, sector="", summary="", description="", cooperation_types=None)
    errors = errors_of(response)
    for message in ("Choose the main sector.", "Write a short summary.", "Describe what you offer or seek.",
                    "Choose at least one cooperation type."):
        assert message in errors
    assert count_listings() == 1


def test_even_a_draft_needs_a_title(client, owner):
    response = post_new(client, action="draft", title="   ")
    assert "Give the listing a title." in errors_of(response) and count_listings() == 0


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_every_text_field_is_stored_as_text_and_never_reaches_a_page(client, owner):
    fields = ("title", "summary", "description", "advantages", "partner_role")
    response = post_new(client, action="draft", keywords=HOSTILE[:30], **{f: f"{f} {HOSTILE}" for f in fields})
    assert response.status_code == 302
    listing = db.session.scalar(select(Listing))
    for name in fields:
        assert getattr(listing, name) == f"{name} {HOSTILE}"  # stored exactly as typed
    for url in (response.location, f"/listings/{listing.id}/edit", "/my/listings"):
        html = page_text(client.get(url))
        # The page's own <script src=…> is the only script element.
        assert "<script>" not in html and "<script" not in html.replace('<script src="/static/', ""), url
        assert "<img src=x" not in html, url
    assert "&lt;script&gt;" in page_text(client.get(response.location))


def test_markdown_links_cannot_carry_javascript(client, owner):
    response = post_new(client, action="draft", description="[click](javascript:alert(1)) and [ok](https://example.com)")
    html = page_text(client.get(response.location))
    assert 'href="javascript' not in html
    assert 'href="https://example.com"' in html


def test_double_submission_creates_one_listing(client, owner):
    token = hidden(client.get("/listings/new"), "client_token")
    first = post_new(client, client_token=token)
    second = post_new(client, client_token=token)
    assert count_listings() == 1
    assert first.location == second.location
    assert "already saved" in page_text(client.get(second.location))


def test_the_token_survives_a_failed_validation(client, owner):
    token = hidden(client.get("/listings/new"), "client_token")
    failed = post_new(client, client_token=token, title="")
    assert hidden(failed, "client_token") == token


@pytest.mark.parametrize("token", ["short", "<script>", "x" * 500, "a b c d e f g h i j k l m n o p"])
def test_a_tampered_token_is_replaced_never_an_error(client, owner, token):
    response = post_new(client, client_token=token)
    assert response.status_code == 302 and count_listings() == 1
    assert db.session.scalar(select(Listing)).client_token != token


def test_the_same_token_from_another_company_is_a_new_listing(client, owner, auth):
    token = hidden(client.get("/listings/new"), "client_token")
    post_new(client, client_token=token)
    stranger = make_user("stranger@example.com")
    make_company("Stranger Ltd", members=[stranger])
    db.session.commit()
    auth.sign_out()
    auth.sign_in(stranger)
    post_new(client, client_token=token)
    assert count_listings() == 2


def test_quality_warnings_ask_before_submitting_and_submit_anyway_goes_ahead(client, owner):
    shouting = "WE SEEK DISTRIBUTORS FOR OUR PELLETS IN AUSTRIA"
    response = post_new(client, title=shouting, summary=shouting + ".", description="Call +420 123 456 789.",
                        keywords="")
    assert response.status_code == 200 and count_listings() == 0
    html = page_text(response)
    assert "capital letters" in html and "contact details" in html and "Add a few keywords" in html
    assert "Submit anyway" in html
    assert errors_of(response) == ""  # warnings, not errors
    acknowledged = hidden(response, "acknowledged")
    assert set(acknowledged.split(",")) == {"summary-repeats-title", "capitals", "no-keywords", "contact-details"}

    response = post_new(client, title=shouting, summary=shouting + ".", description="Call +420 123 456 789.",
                        keywords="", acknowledged=acknowledged, client_token=hidden(response, "client_token"))
    assert response.status_code == 302
    assert db.session.scalar(select(Listing)).status == PENDING


def test_a_new_warning_is_shown_even_after_others_were_acknowledged(client, owner):
    response = post_new(client, keywords="", acknowledged="no-keywords", description="Mail us: sales@pellets.example")
    assert response.status_code == 200 and "contact details" in page_text(response)
    assert count_listings() == 0


def test_drafts_save_without_the_quality_check(client, owner):
    response = post_new(client, action="draft", keywords="", title="ALL CAPS TITLE FOR A DRAFT LISTING")
    assert response.status_code == 302 and db.session.scalar(select(Listing)).status == DRAFT
    # …and the owner sees the warnings on the listing's page.
    assert "capital letters" in page_text(client.get(response.location))


def test_a_post_without_csrf_token_is_refused(csrf_app, people):
    client = csrf_app.test_client()
    page = client.get("/account/sign-in")
    token = hidden(page, "csrf_token")
    client.post("/account/sign-in", data={"email": people.owner.email, "password": "correct horse battery staple",
                                          "csrf_token": token})
    response = client.post("/listings/new", data={**VALID, "action": "submit"})
    assert response.status_code == 400 and count_listings() == 0
