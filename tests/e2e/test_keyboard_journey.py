"""Without a mouse: sign in, search, narrow by a facet, open a listing, express interest — keys only.

Every action goes through page.keyboard (Tab, Shift+Tab, Enter, Space, typing); the DOM is only
read, to know where the focus is and that it can be seen.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from marketplace.extensions import db
from marketplace.interests.models import Interest

from .a11y_world import MEMBER, build_world
from .steps import TIMEOUT, flash

pytestmark = pytest.mark.e2e

MAX_TABS = 60  # more stops than this before a target would itself be a usability problem
AUSTRIAN_REQUEST = "Supplier of wood pellets sought for Austria"
MESSAGE = "We press ENplus A1 pellets in Děčín and deliver to Austria weekly."

# What a sighted keyboard user relies on: a focus ring around the focused element. Our CSS draws it
# as an outline (box-shadows there mean other things, e.g. the current page), so only that counts.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    element: `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 50)}”`,
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
  };
}"""


def _is_focused(target: Locator) -> bool:
    return target.evaluate("el => el === document.activeElement")


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus; every stop on the way must show it."""
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE)
        assert state["shown"] and state["ring"], f"no visible focus on {state['element']} (after {passed[-3:]})"
        passed.append(state["element"])
        if _is_focused(target):
            return
    raise AssertionError(f"{key} never reached {target}; focus went through {passed}")


def test_a_member_finds_a_partner_and_expresses_interest_by_keyboard(live_server, page: Page):
    page.set_default_timeout(TIMEOUT)
    with live_server.app.app_context():
        build_world(live_server.app)
    page.goto(f"{live_server.url}/")

    # The first Tab shows the skip link; Enter moves the focus past the header into the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert _is_focused(skip)
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "the next stop is not in the content"

    # Back up into the header to reach "Sign in".
    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in"), backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    tab_to(page, page.get_by_label("E-mail address"))
    page.keyboard.type(MEMBER)
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type("correct horse battery staple")
    remember = page.get_by_role("checkbox")
    tab_to(page, remember)
    page.keyboard.press("Space")
    expect(remember).to_be_checked()
    page.keyboard.press("Enter")  # submits the form the checkbox is in
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # Listings: type the words, then narrow the results to companies in Austria.
    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Listings", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Cooperation offers and requests")).to_be_visible()
    tab_to(page, page.get_by_role("searchbox", name="Search words"))
    page.keyboard.type("pellets")
    page.keyboard.press("Enter")
    expect(page.get_by_text("3 listings found")).to_be_visible()
    country_facet = page.get_by_role("region", name="Company's country")
    tab_to(page, country_facet.get_by_role("link", name="Austria"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 listing found")).to_be_visible()
    assert "country=AT" in page.url and "q=pellets" in page.url

    # Open the listing and express interest from its page.
    tab_to(page, page.get_by_role("link", name=AUSTRIAN_REQUEST))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=AUSTRIAN_REQUEST)).to_be_visible()
    panel = page.get_by_role("region", name="Interested?")
    tab_to(page, panel.get_by_role("textbox"))
    page.keyboard.type(MESSAGE)
    send = panel.get_by_role("button", name="Express interest")
    tab_to(page, send)
    page.keyboard.press("Space")
    expect(flash(page, "Your expression of interest was sent to Holz Linz GmbH.")).to_be_visible()

    with live_server.app.app_context():
        sent = db.session.query(Interest).filter_by(message=MESSAGE).one()
        assert sent.listing.title == AUSTRIAN_REQUEST
