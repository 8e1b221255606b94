"""On a phone the navigation folds into a Menu button, and the language switcher changes the language."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .steps import TIMEOUT

pytestmark = [pytest.mark.e2e,
              pytest.mark.browser_context_args(viewport={"width": 390, "height": 844}, is_mobile=True,
                                               has_touch=True, device_scale_factor=2)]


def test_phone_menu_opens_and_language_switches_to_german(live_server, page: Page, screenshot):
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    nav = page.get_by_role("navigation", name="Main")
    listings = nav.get_by_role("link", name="Listings")
    # A <details> menu: its <summary> has no ARIA role, and on a phone its word "Menu" is only for
    # screen readers (the button shows three bars), so the one tag selector here finds the summary.
    menu = page.get_by_role("banner").locator("summary", has_text="Menu")
    # Folded: the button shows, the links do not.
    expect(menu).to_be_visible()
    expect(listings).to_be_hidden()

    menu.click()
    for name in ("Listings", "Companies", "Clusters", "Sign in", "Join the marketplace"):
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    screenshot("menu-open")

    # Escape folds it again (app.js), as people expect of a menu.
    page.keyboard.press("Escape")
    expect(listings).to_be_hidden()

    page.get_by_role("banner").get_by_label("Language: English").click()
    page.get_by_role("link", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    # Named in German once the catalogue is there; the language itself is always named in itself.
    switcher = page.get_by_role("banner").get_by_label(re.compile(r": Deutsch$"))
    expect(switcher).to_be_visible()
    expect(switcher).to_have_text("DE")
    screenshot("german")

    # The choice is remembered: the next page is German without asking again.
    page.goto(f"{live_server.url}/clusters")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    switcher.click()
    expect(page.get_by_role("link", name="Deutsch")).to_have_attribute("aria-current", "true")
