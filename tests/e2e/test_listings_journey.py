"""Browser journey of listings: post, review, publish; a rejected listing is fixed and resubmitted."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from marketplace.extensions import db
from tests.factories import make_cluster, make_company, make_user

from .steps import TIMEOUT, flash, sign_in, sign_out, wait_for_mail

pytestmark = pytest.mark.e2e

AUTHOR_EMAIL = "jana@pellets.example"
MANAGER_EMAIL = "petra@wood-cluster.example"
COMPANY_NAME = "Novák Wood Pellets"
CLUSTER_NAME = "Moravian Wood Cluster"

REQUEST_TITLE = "Distributor sought for wood pellets in Austria and Slovenia"
REQUEST_SUMMARY = ("A Czech producer of ENplus A1 certified pellets seeks importers and wholesalers "
                   "who supply households and heating plants.")
OFFER_TITLE = "Kiln-dried beech firewood from the Ore Mountains"
OFFER_SUMMARY = "Seasoned and kiln-dried beech logs, 25 or 33 cm, on pallets, for retailers and garden centres."
PHONE = "+420 412 345 678"


@pytest.fixture
def world(live_server):
    """A confirmed member of a company that is an accepted member of a cluster, and the cluster's manager."""
    with live_server.app.app_context():
        author = make_user(AUTHOR_EMAIL, name="Jana Nováková")
        manager = make_user(MANAGER_EMAIL, name="Petra Manager")
        company = make_company(COMPANY_NAME, country="CZ", sectors=("wood", "energy-environment"), members=[author],
                               region="Ústí nad Labem Region")
        make_cluster(CLUSTER_NAME, sectors=("wood",), managers=[manager], members=[company])
        db.session.commit()


def _fill_listing(page: Page, *, kind: str, types: list[str], title: str, summary: str, description: str,
                  keywords: str, countries: list[str]) -> None:
    page.get_by_role("group", name="Is this an offer or a request?").get_by_role("radio", name=kind).check()
    cooperation = page.get_by_role("group", name="Cooperation types")
    for name in types:
        cooperation.get_by_role("checkbox", name=name).check()
    page.get_by_label("Main sector").select_option(label="Wood industry")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Summary", exact=True).fill(summary)
    page.get_by_label("Description", exact=True).fill(description)
    page.get_by_label("Keywords", exact=True).fill(keywords)
    page.get_by_label("Target countries").select_option(label=countries)
    page.get_by_label("Language of the listing").select_option(label="English")


def _listing_id(page: Page) -> int:
    match = re.search(r"/listings/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1))


def _status_badge(page: Page, text: str):
    return page.get_by_role("main").get_by_text(text, exact=True).first


def test_listing_is_reviewed_published_and_a_rejected_one_resubmitted(live_server, world, page: Page,
                                                                      browser: Browser, screenshot):
    base = live_server.url
    page.set_default_timeout(TIMEOUT)
    mailbox = live_server.mailbox

    # --- The author posts a request and submits it for review --------------------------------
    sign_in(page, base, AUTHOR_EMAIL)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My listings").click()
    expect(page.get_by_role("heading", level=1, name="My listings")).to_be_visible()
    expect(page.get_by_text("No listings yet.")).to_be_visible()
    page.get_by_role("link", name="Post a listing").first.click()
    expect(page.get_by_role("heading", level=1, name="Post a listing")).to_be_visible()

    _fill_listing(page, kind="Request", types=["Commercial agency & distribution", "Supplier sought or offered"],
                  title=REQUEST_TITLE, summary=REQUEST_SUMMARY,
                  description="We produce 40,000 tonnes of pellets a year from sawmill residues.\n\n"
                              "- bagged in 15 kg bags or in big bags\n- deliveries by truck or rail",
                  keywords="wood pellets, biomass, heating", countries=["Austria", "Slovenia"])
    expect(page.get_by_label("Title", exact=True)).to_have_value(REQUEST_TITLE)
    page.get_by_role("button", name="Submit for review").click()

    expect(flash(page, "The listing was saved and is waiting for review by a cluster manager.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name=REQUEST_TITLE)).to_be_visible()
    expect(_status_badge(page, "Pending review")).to_be_visible()
    expect(page.get_by_text("A cluster manager will publish it or tell you what to change.")).to_be_visible()
    request_url = page.url

    # --- A second listing, an offer with a phone number: the form warns, the author submits anyway --
    page.goto(f"{base}/listings/new")
    _fill_listing(page, kind="Offer", types=["Supplier sought or offered"], title=OFFER_TITLE, summary=OFFER_SUMMARY,
                  description=f"Up to 30 truckloads a season. Call us on {PHONE} for prices.",
                  keywords="firewood, beech", countries=["Germany"])
    page.get_by_role("button", name="Submit for review").click()
    warnings = page.get_by_role("alert").filter(has_text="Before you submit, please check the following.")
    expect(warnings).to_be_visible()
    expect(warnings).to_contain_text("The text seems to contain contact details")
    expect(page.get_by_label("Description", exact=True)).to_have_value(re.compile(re.escape(PHONE)))  # kept
    warnings.get_by_role("button", name="Submit anyway").click()
    expect(flash(page, "The listing was saved and is waiting for review by a cluster manager.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name=OFFER_TITLE)).to_be_visible()
    expect(_status_badge(page, "Pending review")).to_be_visible()
    offer_url = page.url
    offer_id = _listing_id(page)

    # Not public yet: an anonymous visitor finds neither.
    anonymous = browser.new_context(locale="en-GB")
    try:
        visitor = anonymous.new_page()
        visitor.set_default_timeout(TIMEOUT)
        visitor.goto(f"{base}/listings")
        expect(visitor.get_by_role("heading", level=1, name="Cooperation offers and requests")).to_be_visible()
        expect(visitor.get_by_text("0 listings found")).to_be_visible()
        response = visitor.goto(request_url)
        assert response is not None and response.status == 404
        expect(visitor.get_by_role("heading", level=1, name="Page not found")).to_be_visible()

        sign_out(page)

        # --- The manager approves the request and rejects the offer --------------------------------
        sign_in(page, base, MANAGER_EMAIL)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Review queue").click()
        expect(page.get_by_role("heading", level=1, name="Review queue")).to_be_visible()
        expect(page.get_by_text("2 listings wait for review.")).to_be_visible()
        queue = page.get_by_role("table")
        expect(queue.get_by_role("row").filter(has_text=REQUEST_TITLE)).to_contain_text(COMPANY_NAME)
        expect(queue.get_by_role("row").filter(has_text=REQUEST_TITLE)).to_contain_text(CLUSTER_NAME)

        queue.get_by_role("link", name=REQUEST_TITLE).click()
        expect(page.get_by_role("heading", level=1, name=REQUEST_TITLE)).to_be_visible()
        expect(page.get_by_text(re.compile(r"Submitted .* by Jana Nováková\."))).to_be_visible()
        expect(page.get_by_role("table").filter(has_text=REQUEST_SUMMARY)).to_be_visible()
        page.get_by_role("button", name="Approve and publish").click()
        expect(flash(page, f"“{REQUEST_TITLE}” is approved and published.")).to_be_visible()
        expect(page.get_by_text("1 listing waits for review.")).to_be_visible()

        page.get_by_role("table").get_by_role("link", name=OFFER_TITLE).click()
        expect(page.get_by_role("heading", level=1, name=OFFER_TITLE)).to_be_visible()
        expect(page.get_by_role("table").filter(has_text=PHONE)).to_be_visible()
        page.get_by_role("group", name="Reason").get_by_role("radio", name="Contains contact details").check()
        page.get_by_label("Message to the author").fill(
            "Please remove the phone number: partners contact you through the marketplace.")
        page.get_by_role("button", name="Reject", exact=True).click()
        expect(flash(page, f"“{OFFER_TITLE}” was sent back to its author with your reason.")).to_be_visible()
        expect(page.get_by_text("Nothing to review.")).to_be_visible()

        # --- The request is public now ---------------------------------------------------------
        visitor.goto(f"{base}/listings")
        expect(visitor.get_by_text("1 listing found")).to_be_visible()
        card = visitor.get_by_role("article").filter(has=visitor.get_by_role("link", name=REQUEST_TITLE))
        expect(card).to_contain_text("Request")
        expect(card).to_contain_text("Commercial agency & distribution")
        expect(visitor.get_by_role("link", name=OFFER_TITLE)).to_have_count(0)
        card.get_by_role("link", name=REQUEST_TITLE).click()
        expect(visitor.get_by_role("heading", level=1, name=REQUEST_TITLE)).to_be_visible()
        expect(visitor.get_by_text(REQUEST_SUMMARY)).to_be_visible()
        expect(visitor.get_by_role("definition").filter(has_text="Austria")).to_have_text("Austria, Slovenia")
        expect(visitor.get_by_role("link", name=COMPANY_NAME)).to_be_visible()
        expect(visitor.get_by_text("Pending review")).to_have_count(0)
        assert visitor.goto(offer_url).status == 404
    finally:
        anonymous.close()

    approved = wait_for_mail(mailbox, AUTHOR_EMAIL, f"Your listing is published: {REQUEST_TITLE}")
    assert "Hello Jana Nováková," in mailbox.text_of(approved)
    rejected = wait_for_mail(mailbox, AUTHOR_EMAIL, f"Your listing was not published: {OFFER_TITLE}")
    assert "Please remove the phone number" in mailbox.text_of(rejected)

    sign_out(page)

    # --- The author reads the reason, edits the offer and resubmits it ----------------------------
    sign_in(page, base, AUTHOR_EMAIL)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My listings").click()
    attention = page.get_by_role("region", name="Needs your attention")
    expect(attention).to_contain_text(OFFER_TITLE)
    expect(attention).to_contain_text("Contains contact details")
    expect(page.get_by_role("region", name=re.compile(r"^Published")).get_by_role("link", name=REQUEST_TITLE)) \
        .to_be_visible()

    attention.get_by_role("link", name=OFFER_TITLE).click()
    expect(page.get_by_role("heading", level=1, name=OFFER_TITLE)).to_be_visible()
    reason = page.get_by_role("alert").filter(has_text="This listing was not published.")
    expect(reason).to_contain_text("Reason: Contains contact details")
    expect(reason).to_contain_text(
        "Note from the moderator: Please remove the phone number: partners contact you through the marketplace.")

    page.get_by_role("link", name="Edit and resubmit").click()
    expect(page.get_by_role("heading", level=1, name="Edit listing")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="The listing was not published:")) \
        .to_contain_text("Contains contact details")
    description = page.get_by_label("Description", exact=True)
    expect(description).to_have_value(re.compile(re.escape(PHONE)))
    description.fill("Up to 30 truckloads a season, delivered on pallets within five working days.")
    page.get_by_role("button", name="Resubmit for review").click()

    expect(flash(page, "The listing was saved and is waiting for review by a cluster manager.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name=OFFER_TITLE)).to_be_visible()
    expect(_status_badge(page, "Pending review")).to_be_visible()
    expect(page.get_by_text("This listing was not published.")).to_have_count(0)
    expect(page.get_by_text("delivered on pallets within five working days")).to_be_visible()
    assert _listing_id(page) == offer_id  # the same listing, not a copy
    screenshot("resubmitted")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My listings").click()
    expect(page.get_by_role("region", name=re.compile(r"^Pending review")).get_by_role("link", name=OFFER_TITLE)) \
        .to_be_visible()
    expect(page.get_by_role("region", name="Needs your attention")).to_have_count(0)
    screenshot("my-listings")
