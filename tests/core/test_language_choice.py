"""The language comes from ?lang, then the switcher's cookie, then Accept-Language, else English."""
import re

import pytest


def html_lang(response) -> str:
    return re.search(r'<html lang="([a-z]+)"', response.get_data(as_text=True)).group(1)


def test_english_by_default(client):
    assert html_lang(client.get("/")) == "en"


def test_accept_language_is_honoured(client):
    assert html_lang(client.get("/", headers={"Accept-Language": "hu-HU,hu;q=0.9,en;q=0.5"})) == "hu"


def test_unknown_languages_fall_back_to_english(client):
    assert html_lang(client.get("/?lang=xx", headers={"Accept-Language": "ja"})) == "en"


def test_lang_parameter_switches_and_is_remembered(client):
    response = client.get("/?lang=sl", headers={"Accept-Language": "de"})
    assert html_lang(response) == "sl"
    assert "lang=sl" in response.headers["Set-Cookie"]
    # The cookie now outranks the browser's preference.
    assert html_lang(client.get("/", headers={"Accept-Language": "de"})) == "sl"


@pytest.mark.parametrize("lang", ["cs", "de", "hu", "it", "pl", "sk", "sl"])
def test_pages_carry_hreflang_alternates_and_switcher(client, lang):
    page = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert f'hreflang="{lang}"' in page
    for native in ("Čeština", "Deutsch", "Magyar", "Italiano", "Polski", "Slovenčina", "Slovenščina"):
        assert native in page


def test_switcher_returns_to_the_same_page_without_adding_a_filter(client):
    page = client.get("/companies?country=AT").get_data(as_text=True)
    assert "/language/de?next=/companies?country%3DAT" in page
    response = client.get("/language/de?next=/companies?country%3DAT")
    assert response.status_code == 302 and response.headers["Location"] == "/companies?country=AT"
    assert html_lang(client.get("/companies?country=AT")) == "de"


def test_each_address_keeps_its_own_language_links(client):
    # Each address gets its own links: another query string, path or page must not share them.
    for address, switch, alternate in (
            ("/companies?country=AT", "/language/de?next=/companies?country%3DAT", "/companies?country=AT&amp;lang=de"),
            ("/companies?country=SK", "/language/de?next=/companies?country%3DSK", "/companies?country=SK&amp;lang=de"),
            ("/companies?country=AT", "/language/de?next=/companies?country%3DAT", "/companies?country=AT&amp;lang=de"),
            ("/clusters", "/language/de?next=/clusters", "/clusters?lang=de"),
            ("/no-such-page", "/language/de?next=/", "/?lang=de")):
        page = client.get(address).get_data(as_text=True)
        assert f'href="{switch}"' in page, address
        assert f'hreflang="de" href="{alternate}"' in page or address == "/no-such-page", address


@pytest.mark.parametrize("target", ["//evil.example", "%2F%2Fevil.example", "/%5Cevil.example", "https://evil.example",
                                    "/%09/evil.example", "%5C%5Cevil.example", "/%0d%0a/evil.example"])
def test_switcher_never_redirects_off_site(client, target):
    response = client.get("/language/de?next=" + target)
    assert response.headers["Location"] == "/"
