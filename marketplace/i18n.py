"""Interface languages, the locale selector and `flask translate`."""
from __future__ import annotations

import os
import subprocess
import sys
from weakref import WeakKeyDictionary

import click
from babel import Locale
from flask import Flask, g, redirect, request
from flask.cli import AppGroup
from flask.globals import _cv_app
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

# Each language named in itself, as the switcher shows it.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "cs": "Čeština",
    "de": "Deutsch",
    "hu": "Magyar",
    "it": "Italiano",
    "pl": "Polski",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
}
DEFAULT_LANGUAGE = "en"
COOKIE_NAME = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


def select_locale() -> str:
    chosen = g.get("chosen_language")
    if chosen:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    cookie = request.cookies.get(COOKIE_NAME)
    if cookie in LANGUAGES:
        return cookie
    return request.accept_languages.best_match(LANGUAGES.keys()) or DEFAULT_LANGUAGE


def current_locale() -> Locale | None:
    """get_locale() once it has been chosen, read without its three context-proxy lookups.

    A page asks a few hundred times (each string, date, count and label). Flask-Babel keeps the
    choice in g._flask_babel, where force_locale() also puts its own, so the answer is the same.
    """
    context = _cv_app.get(None)
    if context is not None:
        locale = getattr(context.g.__dict__.get("_flask_babel"), "babel_locale", None)
        if locale is not None:
            return locale
    return get_locale()


def request_translations():
    """The catalog of the request's language, looked up once per language rather than once per string.

    Keyed by the locale object itself, so force_locale() and refresh() still switch catalogs.
    """
    locale = current_locale()
    remembered = g.get("_marketplace_translations")
    if remembered is not None and remembered[0] is locale:
        return remembered[1]
    translations = get_translations()
    if locale is not None:
        g._marketplace_translations = (locale, translations)
    return translations


def catalog_memo(store: WeakKeyDictionary) -> dict:
    """`store`'s dict for the request's catalog: for what is worded once per catalog and value.

    Weak keys: a catalog that goes (tests, refresh()) takes its entries with it.
    """
    translations = request_translations()
    memo = store.get(translations)
    if memo is None:
        memo = store[translations] = {}
    return memo


# A template's strings without placeholders, as escaped Markup: the same few dozen on every page.
_TEMPLATE_STRINGS: WeakKeyDictionary = WeakKeyDictionary()


@pass_context
def _template_gettext(context, string: str, **variables) -> str:
    """Jinja's newstyle gettext (escaped, always %-formatted), remembering strings without placeholders."""
    if not context.eval_ctx.autoescape:
        return request_translations().ugettext(string) % variables
    if variables:
        return Markup(request_translations().ugettext(string)) % variables  # noqa: S704  # nosec B704 # our catalogs' text, as Jinja's own gettext marks it; variables are escaped by %
    strings = catalog_memo(_TEMPLATE_STRINGS)
    found = strings.get(string)
    if found is None:
        found = strings[string] = Markup(request_translations().ugettext(string)) % {}  # noqa: S704  # nosec B704 # our catalogs' text
    return found


def init_app(app: Flask) -> None:
    # Templates ask for two or three dozen strings per page; Flask-Babel's own callables look the
    # catalog up again for each one.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
    )
    # `_` straight to it: the i18n extension's alias would resolve `gettext` again for every string.
    app.jinja_env.globals.update(gettext=_template_gettext, _=_template_gettext)

    @app.before_request
    def _take_language_from_query() -> None:
        if request.path.startswith("/api/"):
            return  # there `lang` is the listing-language filter, and the API neither answers in it nor stores it
        lang = request.args.get("lang")
        if lang in LANGUAGES:
            g.chosen_language = lang
            _store_preference(lang)

    @app.get("/language/<code>", endpoint="switch_language")
    def switch_language(code: str):
        """The switcher's target: `?lang=` is also the listing-language filter on /listings."""
        from .security import safe_next

        if code in LANGUAGES:
            g.chosen_language = code
            _store_preference(code)
        return redirect(safe_next(request.args.get("next"), "/"))

    @app.after_request
    def _remember_language(response):
        chosen = g.get("chosen_language")
        if chosen and request.cookies.get(COOKIE_NAME) != chosen:
            response.set_cookie(COOKIE_NAME, chosen, max_age=COOKIE_MAX_AGE, samesite="Lax",
                                secure=app.config["SESSION_COOKIE_SECURE"], httponly=True)
        return response


def _store_preference(lang: str) -> None:
    """A signed-in person's choice follows them to other devices and into their e-mails."""
    if current_user.is_authenticated and current_user.locale != lang:
        from .extensions import db

        current_user.locale = lang
        db.session.commit()


translate_cli = AppGroup("translate", help="Extract, update and compile the translation catalogs.")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG_DIR = os.path.join(ROOT, "translations")
TEMPLATE_FILE = os.path.join(CATALOG_DIR, "messages.pot")


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    if subprocess.run(command, cwd=ROOT, check=False).returncode:
        raise click.ClickException("pybabel " + " ".join(args[:1]) + " failed")


@translate_cli.command("extract")
def extract() -> None:
    """Collect every translatable string of Python code and templates into messages.pot."""
    # --ignore-dirs: pybabel skips folders starting with "_" by default, and templates/_macros holds strings too.
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_ngettext:1,2", "--ignore-dirs", ".*",
             "--sort-by-file", "--no-wrap", "--project", "clusters-cord-marketplace",
             "-o", TEMPLATE_FILE, ".")


@translate_cli.command("update")
def update() -> None:
    """Extract, then merge the new strings into every language's catalog."""
    extract.callback()
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        target = os.path.join(CATALOG_DIR, lang, "LC_MESSAGES", "messages.po")
        verb = "update" if os.path.exists(target) else "init"
        extra = ["--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching"] if verb == "update" else ["--no-wrap"]
        _pybabel(verb, "-i", TEMPLATE_FILE, "-d", CATALOG_DIR, "-l", lang, *extra)


@translate_cli.command("compile")
def compile_catalogs() -> None:
    """Compile every catalog to the .mo files the site reads."""
    if any(os.path.isdir(os.path.join(CATALOG_DIR, lang)) for lang in LANGUAGES):
        _pybabel("compile", "-d", CATALOG_DIR, "--statistics")
