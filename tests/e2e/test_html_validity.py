"""The Nu HTML Checker (vnu.jar) finds no error in the HTML of any main page, in English and in German.

It checks the bytes the server sent (what a browser receives), not the DOM after our scripts ran.
No browser is needed, so this runs wherever Java and vnu.jar are.
"""
from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT
from tests.factories import DEFAULT_PASSWORD

from .a11y_tools import VNU, require_tool, vnu_errors
from .a11y_world import ANONYMOUS, LANGUAGES, account, build_world, main_pages


def _client_for(app, viewer: str | None, language: str):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    if viewer is not ANONYMOUS:
        response = client.post("/account/sign-in", data={"email": account(viewer, language),
                                                          "password": DEFAULT_PASSWORD})
        assert response.status_code == 302, f"{viewer} could not sign in"
    return client


def test_main_pages_are_valid_html(make_app, tmp_path):
    require_tool(VNU, "REQUIRE_VNU", "the Nu HTML Checker (vnu.jar)")
    app = make_app(BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"))
    files = []
    with app.app_context():
        pages = main_pages(build_world(app))
        for language in LANGUAGES:
            for viewer in dict.fromkeys(p.viewer for p in pages):
                client = _client_for(app, viewer, language)
                for page in (p for p in pages if p.viewer == viewer):
                    if page.form:
                        response = client.post(page.path, data=page.form)
                    else:
                        response = client.get(page.path)
                    assert response.status_code == page.status, (page.name, response.status_code)
                    body = response.get_data()
                    assert f'<html lang="{language}"'.encode() in body, (page.name, language)
                    path = tmp_path / f"{language}-{page.name}.html"
                    path.write_bytes(body)
                    files.append(path)
    lines = [f"{Path(e.get('url', '?')).name}:{e.get('lastLine', '?')}: {e['message']} :: "
             f"{' '.join(e.get('extract', '').split())}" for e in vnu_errors(files)]
    assert not lines, f"{len(lines)} HTML errors:\n" + "\n".join(lines)
