"""Every catalog complete and well-formed; no translation call wraps a formatted string."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from flask_babel import force_locale

from marketplace.i18n import DEFAULT_LANGUAGE, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = {lang: ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
            for lang in LANGUAGES if lang != DEFAULT_LANGUAGE}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
TRANSLATION_CALLS = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext", "pgettext"}


def _catalog(lang: str):
    with CATALOGS[lang].open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_catalog_is_complete_and_not_fuzzy(lang):
    catalog = _catalog(lang)
    assert len(catalog) > 100, "the catalog looks empty"
    missing = [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_placeholders_match(lang):
    wrong = []
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            found = set(PLACEHOLDER.findall(string))
            # A singular form may leave out %(num)d ("one company"), never add an unknown one.
            if not found <= expected or (not isinstance(message.id, tuple) and found != expected):
                wrong.append((message.id, string))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_plural_forms_follow_the_language(lang):
    catalog = _catalog(lang)
    expected = get_plural(lang).num_plurals
    assert catalog.num_plurals == expected
    for message in catalog:
        if isinstance(message.id, tuple):
            assert len(message.string) == expected, message.id


def _python_files():
    return sorted((ROOT / "marketplace").rglob("*.py"))


def test_no_translation_call_wraps_a_formatted_string():
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in TRANSLATION_CALLS:
                for arg in node.args[:2]:
                    formatted = isinstance(arg, ast.JoinedStr) or (
                        isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod)) or (
                        isinstance(arg, ast.Call) and getattr(arg.func, "attr", None) == "format")
                    if formatted:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_templates_do_not_format_inside_translation_calls():
    # A literal joined or formatted *inside* the call: _('Hello ' ~ name), _('%s' % x), _('..'|format(x)).
    pattern = re.compile(r"""\b_\(\s*(['"])[^'"]*\1\s*(%|~|\|\s*format)""")
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "templates").rglob("*.*")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders


def test_every_template_string_is_in_the_catalogs():
    """Catches strings added without `flask translate update`, and folders the extractor skipped."""
    from jinja2.ext import babel_extract

    catalog = _catalog("de")
    known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    missing = []
    for path in sorted((ROOT / "templates").rglob("*.*")):
        with path.open("rb") as handle:
            for line, function, message, _comments in babel_extract(
                    handle, ("_", "gettext", "ngettext", "pgettext"), [],
                    {"trim_blocks": "true", "lstrip_blocks": "true"}):
                # pgettext gives (context, message); ngettext (singular, plural, count).
                key = tuple(message[:2]) if function == "pgettext" else (
                    None, message if isinstance(message, str) else message[0])
                if key[1] and key not in known:
                    missing.append(f"{path.relative_to(ROOT)}:{line} {key!r}")
    assert not missing, missing[:10]


def test_a_word_with_two_senses_is_translated_in_each(translated_app):
    """"Open" (a report) and "Open" (a role nobody fills yet) are one English word, not one Polish one."""
    template = translated_app.jinja_env.from_string(
        "{{ _('Open') }}|{{ pgettext('a role not yet filled', 'Open') }}|{{ _('Search') }}|"
        "{{ pgettext('a saved search', 'Search') }}")
    with translated_app.test_request_context("/"), force_locale("pl"):
        assert template.render() == "Otwarte|Wolna|Szukaj|Wyszukiwanie"
    with translated_app.test_request_context("/"), force_locale("de"):
        assert template.render() == "Offen|Offen|Suchen|Suche"
