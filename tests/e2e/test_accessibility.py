"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any main page, in English and in German."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as Tab

from tests.conftest import ROOT
from tests.factories import DEFAULT_PASSWORD

from .a11y_tools import AXE, axe_violations, require_tool
from .a11y_world import ANONYMOUS, LANGUAGES, Page, account, build_world, main_pages
from .conftest import LiveServer
from .steps import TIMEOUT

pytestmark = pytest.mark.e2e

BROWSER_LOCALES = {"en": "en-GB", "de": "de-DE"}


@pytest.fixture
def translated_server(make_app):
    """The app on a free port, reading the real translation catalogs (the suite's default leaves them off)."""
    # Static files cached for the run, as in production: no revalidation round trip on every page.
    app = make_app(SERVER_NAME=None, BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
                   SEND_FILE_MAX_AGE_DEFAULT=3600)
    server = LiveServer(app).start()
    yield server
    server.stop()


def _tab(browser: Browser, base_url: str, language: str, viewer: str | None) -> Tab:
    # bypass_csp: axe-core is injected as an inline script, which our CSP (rightly) refuses.
    context = browser.new_context(base_url=base_url, locale=BROWSER_LOCALES[language], bypass_csp=True,
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT)
    if viewer is not ANONYMOUS:
        response = context.request.post("/account/sign-in", max_redirects=0,
                                        data={"email": account(viewer, language), "password": DEFAULT_PASSWORD})
        assert response.status == 302, f"{viewer} ({language}) could not sign in: {response.status}"
    return context.new_page()


def _open(tab: Tab, spec: Page, language: str) -> None:
    response = tab.goto(spec.path)
    assert response is not None and response.status == spec.status, (spec.name, response and response.status)
    if spec.form:
        # Send the form back as a person would, past the browser's own checks, to see the server's errors.
        fields = {name: value for name, value in spec.form.items() if name != "action"}
        form = tab.locator("main form[method=post]").filter(has=tab.locator(f"[name={next(iter(fields))}]"))
        for name, value in fields.items():
            form.locator(f"[name={name}]").fill(value)
        form.evaluate("f => f.noValidate = true")
        form.locator(f"button[name=action][value={spec.form['action']}]").click()
        expect(tab.locator(".error").first).to_be_visible()
    assert tab.locator("html").get_attribute("lang") == language, (spec.name, language)


def test_main_pages_have_no_axe_violations_in_english_and_german(translated_server, browser: Browser):
    require_tool(AXE, "REQUIRE_BROWSER", "axe-core")
    with translated_server.app.app_context():
        pages = main_pages(build_world(translated_server.app))
    found: list[str] = []
    for viewer in dict.fromkeys(p.viewer for p in pages):
        for language in LANGUAGES:
            tab = _tab(browser, translated_server.url, language, viewer)
            try:
                for spec in (p for p in pages if p.viewer == viewer):
                    _open(tab, spec, language)
                    found += [f"{language} {spec.name}: {line}" for line in axe_violations(tab)]
            finally:
                tab.context.close()
    assert not found, f"{len(found)} axe-core violations:\n" + "\n".join(found)
