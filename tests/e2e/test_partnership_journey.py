"""Browser journey from a match to a partnership: interest, acceptance, messages, a partner abroad, publication.

Three companies, each signed in in its own browser context: a Czech pellet producer finds an
Austrian distributor among its matches, expresses interest, the distributor accepts and they
write to each other (contact details appear only then); the producer then starts a partnership,
invites a Slovenian boiler installer for a role, the installer accepts, and the published
partnership is on the public directory.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from marketplace.extensions import db
from tests.factories import make_company, make_listing, make_user

from .conftest import ARTIFACTS
from .steps import TIMEOUT, flash, sign_in

pytestmark = pytest.mark.e2e

PRODUCER_EMAIL = "anna@novak-pellets.example"
DISTRIBUTOR_EMAIL = "bernd@alpen-holz.example"
INSTALLER_EMAIL = "cene@biomasa-lj.example"
PRODUCER = "Novák Wood Pellets"
DISTRIBUTOR = "Alpen Holzhandel GmbH"
INSTALLER = "Biomasa Ljubljana d.o.o."

REQUEST_TITLE = "Distributor sought for wood pellets in Austria"
OFFER_TITLE = "Wood pellet distribution to Austrian households"
INTEREST_MESSAGE = "We produce 40,000 t of ENplus A1 pellets a year and look for a distributor in Austria."
ACCEPT_NOTE = "Welcome! We supply 300 retailers in Tyrol and Salzburg."
REPLY_FROM_PRODUCER = "Could we start with two truckloads in March?"
PARTNERSHIP = "Pellet heating for Alpine villages"
ROLE = "Installer of biomass boilers"


@pytest.fixture
def world(live_server):
    """Three companies in three countries, each with one confirmed person; two complementary listings."""
    with live_server.app.app_context():
        anna = make_user(PRODUCER_EMAIL, name="Anna Nováková")
        bernd = make_user(DISTRIBUTOR_EMAIL, name="Bernd Huber")
        cene = make_user(INSTALLER_EMAIL, name="Cene Kovač")
        producer = make_company(PRODUCER, country="CZ", sectors=("wood",), members=[anna])
        distributor = make_company(DISTRIBUTOR, country="AT", sectors=("wood",), members=[bernd])
        make_company(INSTALLER, country="SI", sectors=("energy-environment",), members=[cene])
        request = make_listing(producer, anna, kind="request", title=REQUEST_TITLE, target_countries=["AT"],
                               cooperation_types=["distribution"], keywords=["wood pellets", "distribution"])
        make_listing(distributor, bernd, kind="offer", title=OFFER_TITLE, target_countries=["CZ"],
                     cooperation_types=["distribution"], keywords=["wood pellets", "distribution"],
                     summary="A wholesaler of wood pellets with its own trucks and 300 retailers in Austria.")
        db.session.commit()
        return {"request_id": request.id}


def _person(browser: Browser, base: str, email: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    sign_in(page, base, email)
    return context, page


def _main(page: Page):
    return page.get_by_role("main")


def test_from_a_match_to_a_published_partnership(live_server, world, page: Page, browser: Browser, screenshot,
                                                  request):
    base = live_server.url
    page.set_default_timeout(TIMEOUT)
    contexts: list[BrowserContext] = []
    try:
        # --- The producer finds the distributor among the matches of its request -----------------
        sign_in(page, base, PRODUCER_EMAIL)
        page.goto(f"{base}/listings/{world['request_id']}")
        page.get_by_role("navigation", name="Listing").get_by_role("link", name="Matches").click()
        expect(page.get_by_role("heading", level=1, name="Matches")).to_be_visible()
        match = page.get_by_role("article").filter(has=page.get_by_role("link", name=OFFER_TITLE))
        expect(match).to_be_visible()
        match.get_by_role("link", name=OFFER_TITLE).click()
        expect(page.get_by_role("heading", level=1, name=OFFER_TITLE)).to_be_visible()

        # --- ... and expresses interest: no contact details yet ------------------------------
        page.get_by_label("Your message").fill(INTEREST_MESSAGE)
        page.get_by_role("button", name="Express interest").click()
        expect(flash(page, f"Your expression of interest was sent to {DISTRIBUTOR}.")).to_be_visible()
        expect(page.get_by_role("heading", level=1, name="Expression of interest")).to_be_visible()
        expect(page.get_by_text("Contact details stay hidden on both sides")).to_be_visible()
        expect(page.get_by_text(DISTRIBUTOR_EMAIL)).to_have_count(0)
        screenshot("interest-sent")

        # --- The distributor, in a browser of its own, reads it and accepts ----------------------
        distributor_context, distributor = _person(browser, base, DISTRIBUTOR_EMAIL)
        contexts.append(distributor_context)
        distributor.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Inbox")).click()
        distributor.get_by_role("navigation", name="Inbox").get_by_role("link", name=re.compile("^Interest received")) \
            .click()
        row = distributor.get_by_role("row").filter(has_text=PRODUCER)
        expect(row).to_contain_text("Waiting for an answer")
        row.get_by_role("link", name=OFFER_TITLE).click()
        expect(distributor.get_by_text(f"{PRODUCER} is interested in your listing")).to_be_visible()
        expect(_main(distributor).get_by_text(INTEREST_MESSAGE)).to_be_visible()
        expect(distributor.get_by_text(PRODUCER_EMAIL)).to_have_count(0)  # staged disclosure
        distributor.get_by_label("A note to the sender (optional)").fill(ACCEPT_NOTE)
        distributor.get_by_role("button", name="Accept", exact=True).click()
        # Accepting opens the conversation, with the other side's contact details beside it.
        expect(flash(distributor, "You accepted. You now see each other's contact details")).to_be_visible()
        expect(distributor.get_by_role("heading", level=1, name=OFFER_TITLE)).to_be_visible()
        expect(distributor.get_by_role("complementary").get_by_role("link", name=PRODUCER_EMAIL)).to_be_visible()

        # --- They exchange messages; each sees the other's ----------------------------------------
        messages = distributor.locator("ol.messages")
        expect(messages).to_contain_text(INTEREST_MESSAGE)
        expect(messages).to_contain_text(ACCEPT_NOTE)

        page.reload()
        expect(_main(page).get_by_role("link", name=DISTRIBUTOR_EMAIL)).to_be_visible()
        page.get_by_role("link", name="Open the conversation").click()
        expect(page.locator("ol.messages")).to_contain_text(ACCEPT_NOTE)
        page.get_by_label("Your message").fill(REPLY_FROM_PRODUCER)
        page.get_by_role("button", name="Send").click()
        expect(flash(page, "Your message was sent.")).to_be_visible()
        expect(page.locator("ol.messages")).to_contain_text(REPLY_FROM_PRODUCER)
        expect(page.get_by_role("complementary").get_by_role("link", name=DISTRIBUTOR_EMAIL)).to_be_visible()

        distributor.reload()
        expect(messages).to_contain_text(REPLY_FROM_PRODUCER)
        expect(distributor.get_by_role("complementary").get_by_role("link", name=PRODUCER_EMAIL)).to_be_visible()
        screenshot("conversation")

        # --- The producer starts a partnership and invites a Slovenian installer for a role -------
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").click()
        page.get_by_role("link", name="Start a partnership").click()
        page.get_by_label("Name of the partnership").fill(PARTNERSHIP)
        page.get_by_label("Sector").select_option(label="Energy & environment")
        page.get_by_label("Goal").fill("Pellets from Czech sawmills heat Alpine villages; Slovenian installers "
                                       "fit the boilers.")
        page.get_by_role("button", name="Create the draft").click()
        expect(flash(page, "The partnership was created as a draft.")).to_be_visible()
        expect(page.get_by_role("heading", level=1, name=f"Manage {PARTNERSHIP}")).to_be_visible()

        roles = page.locator("#roles")
        roles.get_by_label("Sector").select_option(label="Energy & environment")
        roles.get_by_label("Country").select_option(label="Slovenia")
        roles.get_by_label("Capability sought").fill(ROLE)
        page.get_by_role("button", name="Add the role").click()
        expect(flash(page, "The role was added.")).to_be_visible()
        page.get_by_role("row").filter(has_text=ROLE).get_by_role("link", name="Candidates").click()
        expect(page.get_by_role("heading", level=1, name=f"Candidates for: {ROLE}")).to_be_visible()
        page.get_by_role("button", name=f"Invite {INSTALLER}").click()
        expect(flash(page, f"{INSTALLER} was invited; its people have been told.")).to_be_visible()

        # --- The installer accepts from its notifications ----------------------------------------
        installer_context, installer = _person(browser, base, INSTALLER_EMAIL)
        contexts.append(installer_context)
        installer.goto(f"{base}/notifications")
        installer.get_by_role("button", name=re.compile(f"invited to join the partnership {PARTNERSHIP}")).click()
        expect(installer.get_by_role("heading", level=1, name=PARTNERSHIP)).to_be_visible()
        installer.get_by_role("button", name="Accept the invitation").click()
        expect(flash(installer, f"Welcome: {INSTALLER} is now a member of the partnership.")).to_be_visible()

        # --- The producer publishes it; anyone finds it in the directory ------------------------
        page.goto(f"{base}/my/partnerships")
        page.get_by_role("link", name=PARTNERSHIP).click()
        expect(page.locator("#members")).to_contain_text(INSTALLER)
        page.get_by_role("button", name="Publish").first.click()
        expect(flash(page, "The partnership is published: its page is now public.")).to_be_visible()

        visitor = browser.new_context(locale="en-GB")
        contexts.append(visitor)
        public = visitor.new_page()
        public.set_default_timeout(TIMEOUT)
        public.goto(f"{base}/partnerships")
        expect(public.get_by_text("1 partnership found")).to_be_visible()
        card = public.get_by_role("article").filter(has=public.get_by_role("link", name=PARTNERSHIP))
        expect(card).to_contain_text("Cross-border")
        expect(card).to_contain_text(f"Led by {PRODUCER}")
        card.get_by_role("link", name=PARTNERSHIP).click()
        members = public.locator("#members")
        expect(members).to_contain_text(PRODUCER)
        expect(members).to_contain_text(INSTALLER)
        expect(members.get_by_role("row").filter(has_text=INSTALLER)).to_contain_text("Slovenia")
        expect(members.get_by_role("row").filter(has_text=PRODUCER)).to_contain_text("Czechia")
        expect(public.get_by_text("Members’ thread")).to_have_count(0)  # private to the members
        screenshot("published")  # the lead's view
        public.screenshot(path=str(ARTIFACTS / f"{request.node.name}-public.png"), full_page=True)
    finally:
        for context in contexts:
            context.close()
