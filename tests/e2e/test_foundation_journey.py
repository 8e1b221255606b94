"""Browser journey of the foundation: a new SME signs up, confirms, creates its company and joins a cluster."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from marketplace.extensions import db
from tests.factories import make_cluster, make_user

from .steps import TIMEOUT, flash, link_in, sign_in, sign_out, wait_for_mail

pytestmark = pytest.mark.e2e

NEW_EMAIL = "jana.novakova@pellets.example"
NEW_PASSWORD = "pine needles under winter snow"
MANAGER_EMAIL = "manager@wood-cluster.example"
CLUSTER_NAME = "Moravian Wood Cluster"
COMPANY_NAME = "Novák Wood Pellets"


@pytest.fixture
def world(live_server):
    """A cluster with a confirmed manager, made through the app's own models."""
    with live_server.app.app_context():
        manager = make_user(MANAGER_EMAIL, name="Petra Manager")
        cluster = make_cluster(CLUSTER_NAME, sectors=("wood", "energy-environment"), managers=[manager])
        cluster.region = "South Moravian Region"
        db.session.commit()
        return {"cluster_url": f"{live_server.url}/clusters/{cluster.slug}"}


def test_new_company_signs_up_and_joins_a_cluster(live_server, world, page: Page, screenshot):
    base = live_server.url
    page.set_default_timeout(TIMEOUT)

    # --- Sign up -----------------------------------------------------------------------------
    page.goto(f"{base}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Join the marketplace").click()
    expect(page.get_by_role("heading", level=1, name="Join the marketplace")).to_be_visible()
    page.get_by_label("Your name").fill("Jana Nováková")
    page.get_by_label("E-mail address").fill(NEW_EMAIL)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_label("Preferred language").select_option(label="English")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1, name="Check your inbox")).to_be_visible()
    expect(page.get_by_text(f"We sent a message to {NEW_EMAIL}.")).to_be_visible()

    # --- Confirm the address from the mail -----------------------------------------------------
    mail = wait_for_mail(live_server.mailbox, NEW_EMAIL, "Confirm your e-mail address")
    assert "Hello Jana Nováková," in live_server.mailbox.text_of(mail)
    page.goto(link_in(live_server.mailbox, mail, r"/account/confirm/"))
    expect(page.get_by_role("heading", level=1, name="Confirm your e-mail address")).to_be_visible()
    page.get_by_role("button", name="Confirm my e-mail address").click()
    expect(flash(page, "Thank you, your e-mail address is confirmed.")).to_be_visible()

    # --- Sign in (the confirmation leads to the sign-in page) ------------------------------------
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    sign_in(page, base, NEW_EMAIL, NEW_PASSWORD)
    expect(page.get_by_text("Please confirm your e-mail address")).to_have_count(0)

    # --- Create the company ----------------------------------------------------------------------
    page.goto(f"{base}/companies/new")
    expect(page.get_by_role("heading", level=1, name="Create your company profile")).to_be_visible()
    page.get_by_label("Company name").fill(COMPANY_NAME)
    page.get_by_label("Country").select_option(label="Czechia")
    page.get_by_label("Region").fill("Ústí nad Labem Region")
    page.get_by_label("City").fill("Děčín")
    sectors = page.get_by_role("group", name="Sectors")
    sectors.get_by_role("checkbox", name="Wood industry").check()
    sectors.get_by_role("checkbox", name="Energy & environment").check()
    page.get_by_role("group", name="Size").get_by_role("radio", name="Small (10–49 employees)").check()
    page.get_by_label("Founded in").fill("1998")
    page.get_by_label("Website").fill("pellets.example")
    page.get_by_label("About the company").fill(
        "We make certified wood pellets from sawmill residues and seek distributors in Austria and Slovenia.")
    page.get_by_label("Languages spoken").select_option(label=["Czech", "English", "German"])
    page.get_by_role("button", name="Create profile").click()

    expect(flash(page, "Your company profile is ready. Invite your colleagues to join it.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name=COMPANY_NAME)).to_be_visible()
    facts = page.get_by_role("main")
    expect(facts.get_by_text("Děčín, Ústí nad Labem Region")).to_be_visible()
    languages = facts.get_by_role("definition").filter(has_text="German")
    for language in ("Czech", "English", "German"):
        expect(languages).to_contain_text(language)
    expect(facts.get_by_role("link", name="https://pellets.example")).to_be_visible()
    expect(facts.get_by_text(f"{COMPANY_NAME} is not a member of a cluster on the marketplace yet.")).to_be_visible()
    screenshot("company-profile")

    # --- Ask to join the cluster -----------------------------------------------------------------
    page.goto(world["cluster_url"])
    expect(page.get_by_role("heading", level=1, name=CLUSTER_NAME)).to_be_visible()
    expect(page.get_by_role("heading", name=f"Membership of {COMPANY_NAME}")).to_be_visible()
    page.get_by_label("Message to the cluster managers (optional)").fill(
        "We process 40,000 tonnes of sawmill residues a year and want to work with the cluster's members.")
    page.get_by_role("button", name="Ask to join").click()
    expect(flash(page, f"Your request has been sent to the managers of {CLUSTER_NAME}.")).to_be_visible()
    expect(page.get_by_text("Request pending")).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw the request")).to_be_visible()

    notice = wait_for_mail(live_server.mailbox, MANAGER_EMAIL, f"{COMPANY_NAME} asks to join {CLUSTER_NAME}")
    assert "Hello Petra Manager," in live_server.mailbox.text_of(notice)

    sign_out(page)

    # --- The manager accepts ---------------------------------------------------------------------
    sign_in(page, base, MANAGER_EMAIL)
    page.goto(world["cluster_url"])
    expect(page.get_by_role("heading", name="Member companies")).to_contain_text("(0)")
    page.get_by_role("link", name="Membership requests (1)").click()
    expect(page.get_by_role("heading", level=1, name=f"Membership requests: {CLUSTER_NAME}")).to_be_visible()
    request_card = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=COMPANY_NAME))
    expect(request_card.get_by_text("We process 40,000 tonnes of sawmill residues")).to_be_visible()
    expect(request_card.get_by_text("Jana Nováková")).to_be_visible()
    request_card.get_by_role("button", name="Accept").click()

    expect(flash(page, f"{COMPANY_NAME} is now a member of the cluster.")).to_be_visible()
    expect(page.get_by_text("No requests are waiting.")).to_be_visible()
    expect(page.get_by_role("table").get_by_role("link", name=COMPANY_NAME)).to_be_visible()

    # --- The cluster page lists the new member -------------------------------------------------
    page.get_by_role("link", name="Back to the cluster").click()
    expect(page.get_by_role("heading", level=1, name=CLUSTER_NAME)).to_be_visible()
    expect(page.get_by_role("heading", name="Member companies")).to_contain_text("(1)")
    member_card = page.get_by_role("article").filter(has=page.get_by_role("link", name=COMPANY_NAME))
    expect(member_card).to_be_visible()
    expect(member_card.get_by_text("Wood industry")).to_be_visible()
    decided = wait_for_mail(live_server.mailbox, NEW_EMAIL, f"{COMPANY_NAME} is now a member of {CLUSTER_NAME}")
    assert "Hello Jana Nováková," in live_server.mailbox.text_of(decided)
    screenshot("cluster-with-new-member")
