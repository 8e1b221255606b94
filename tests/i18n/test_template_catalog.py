"""Templates look the catalog up once per language in a request, and still follow force_locale()."""
from __future__ import annotations

from flask import g, render_template_string
from flask_babel import force_locale, refresh


def test_templates_follow_the_request_language_and_force_locale(translated_app):
    sign_in = "{{ _('Sign in') }}"
    with translated_app.test_request_context("/?lang=de"):
        translated_app.preprocess_request()
        assert render_template_string(sign_in) == "Anmelden"
        with force_locale("pl"):  # an e-mail to someone who reads Polish, sent from a German page
            assert render_template_string(sign_in) == "Zaloguj się"
        assert render_template_string(sign_in) == "Anmelden"


def test_templates_follow_a_refreshed_locale(translated_app):
    sign_in = "{{ _('Sign in') }}"
    with translated_app.test_request_context("/?lang=de"):
        translated_app.preprocess_request()
        assert render_template_string(sign_in) == "Anmelden"
        g.chosen_language = "pl"
        refresh()
        assert render_template_string(sign_in) == "Zaloguj się"
