"""The cluster dashboard in Chromium: charts drawn under the real CSP, no axe violations, printable."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.cluster_figures.conftest import build_world
from tests.factories import DEFAULT_PASSWORD

from .a11y_tools import AXE, AXE_OPTIONS, require_tool
from .conftest import ARTIFACTS

pytestmark = pytest.mark.e2e


def _signed_in(browser: Browser, server, email: str, **options):
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900}, **options)
    response = context.request.post("/account/sign-in", data={"email": email, "password": DEFAULT_PASSWORD},
                                    max_redirects=0)
    assert response.status == 302
    return context


def test_the_dashboard_draws_accessible_charts_and_prints(live_server, browser: Browser):
    with live_server.app.app_context():
        world = build_world()
        slug, email = world.cluster.slug, world.manager.email
    context = _signed_in(browser, live_server, email)
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"/clusters/{slug}/figures")
    assert page.locator("h1").inner_text() == "Figures of Wood CZ"
    charts = page.locator("main svg[role=img]")
    assert charts.count() == 7
    box = charts.first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    # the stylesheet applies under the CSP: bars are drawn in the brand blue, not the default black
    fill = page.locator(".chart-bar").first.evaluate("bar => getComputedStyle(bar).fill")
    assert fill == "rgb(31, 95, 168)"
    assert refused == []
    page.emulate_media(media="print")
    assert page.locator(".chart-bar").first.evaluate("bar => getComputedStyle(bar).fill") == "rgb(68, 68, 68)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "cluster-dashboard-print.png"), full_page=True)
    context.close()

    require_tool(AXE, "REQUIRE_BROWSER", "axe-core")
    checked = _signed_in(browser, live_server, email, bypass_csp=True)
    for path in (f"/clusters/{slug}/figures", f"/clusters/{slug}/figures/benchmark"):
        page = checked.new_page()
        page.goto(path)
        page.eval_on_selector_all("details.figure-data", "all => all.forEach(details => { details.open = true; })")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("options => axe.run(document, options).then(r => r.violations.map("
                                   "v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))", AXE_OPTIONS)
        assert violations == [], path
    checked.close()
