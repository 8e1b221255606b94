"""The page's remembered date and number formats say exactly what Flask-Babel's own filters say."""
from __future__ import annotations

from datetime import date, datetime, timezone

from flask_babel import format_date, format_decimal, force_locale

from marketplace.templating import count, day


def test_dates_and_counts_match_flask_babel_in_every_language(app):
    moments = [datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc), date(2026, 12, 4), None]
    with app.test_request_context("/"):
        for locale in ("en", "de", "pl", "cs", "sk", "sl", "hu", "it"):
            with force_locale(locale):
                assert [day(m) for m in moments] == [format_date(m) for m in moments]
                assert day(moments[1], "long") == format_date(moments[1], "long")
                assert [count(n) for n in (7, 12345, 1234567, 2.5)] == [
                    format_decimal(n) for n in (7, 12345, 1234567, 2.5)]
        with force_locale("de"):
            assert count(1234567) == "1.234.567"


def test_code_labels_follow_the_language_in_force(translated_app):
    from marketplace.templating import cooperation_label, sector_label, size_label

    def labels() -> tuple[str, ...]:
        return sector_label("wood"), cooperation_label("joint-venture"), size_label("micro")

    with translated_app.test_request_context("/"), force_locale("de"):
        german = labels()
        with force_locale("pl"):
            polish = labels()
        again = labels()
    with translated_app.test_request_context("/"):
        english = labels()
    assert german[0] == "Holzwirtschaft"
    assert german == again and len({german, polish, english}) == 3
    assert sector_label("not-a-sector") == "not-a-sector"


def test_links_with_changed_query_say_what_url_for_says(app):
    from flask import request, url_for

    from marketplace.templating import url_with

    addresses = ["/listings", "/listings?q=Łódź+\"wood pellets\"&sector=wood&page=3",
                 "/listings?country=AT&country=DE&q=a%26b%3Dc&lang=de", "/companies?q=M%C3%BCller&size=small",
                 "/listings/7/matches?page=2"]
    changes = [{}, {"sector": None}, {"sector": "energy-environment"}, {"page": 2}, {"country": ["PL", "SK"]},
               {"q": "50% off / *new* (x)?"}, {"q": None, "country": None, "lang": None}]

    def expected(change: dict) -> str:
        """url_for() itself, given the changed arguments (the page resets unless changed)."""
        args = request.args.copy()
        args.poplist("page")
        for key, value in change.items():
            args.poplist(key) if value is None else args.setlist(key, value if isinstance(value, list) else [value])
        return url_for(request.endpoint, **request.view_args, **args.to_dict(flat=False))

    for address in addresses:
        with app.test_request_context(address):
            for change in changes:
                assert url_with(**change) == expected(change), (address, change)


def test_language_links_say_what_url_for_says(app):
    from flask import request, url_for

    from marketplace.templating import alternate_url, language_switch_url

    for address in ["/listings", "/listings?q=Łódź+\"wood pellets\"&sector=wood&page=3&lang=pl",
                    "/companies?q=M%C3%BCller&country=AT&country=DE", "/listings/7/matches?page=2&x=%2F%3F%23"]:
        for lang in ("de", "sl"):
            with app.test_request_context(address):
                args = request.args.to_dict(flat=False) | {"lang": [lang]}
                assert alternate_url(lang) == url_for(request.endpoint, **request.view_args, **args), address
                next_page = request.full_path.rstrip("?")
                assert language_switch_url(lang) == url_for("switch_language", code=lang, next=next_page), address


def test_template_strings_are_escaped_and_follow_the_language_in_force(translated_app):
    render = translated_app.jinja_env.from_string(
        "{{ _('Sign in') }}|{{ _('Published %(date)s', date='<b>') }}|{{ _('Sign in') }}")
    with translated_app.test_request_context("/"):
        with force_locale("de"):
            german = render.render()
        with force_locale("pl"):
            polish = render.render()
        with force_locale("de"):
            again = render.render()
    assert german == again == "Anmelden|Veröffentlicht am &lt;b&gt;|Anmelden", german
    assert polish.split("|")[0] != "Anmelden" and "&lt;b&gt;" in polish
    text = translated_app.jinja_env.from_string("{% autoescape false %}{{ _('Published %(date)s', date='<b>') }}"
                                                "{% endautoescape %}")
    with translated_app.test_request_context("/"), force_locale("de"):
        assert text.render() == "Veröffentlicht am <b>"
