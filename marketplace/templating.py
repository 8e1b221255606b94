"""Template filters and globals: labels for stable codes, locale-aware dates, the switcher."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlencode
from weakref import WeakKeyDictionary

from babel import dates, numbers
from flask import Flask, current_app, has_app_context, request, url_for
from flask.templating import Environment
from flask_babel import format_date, format_datetime, format_decimal, format_timedelta, to_user_timezone

from . import reference
from .database import utcnow
from .i18n import LANGUAGES, catalog_memo, current_locale


@lru_cache(maxsize=8192)
def _day_in(locale: str, day: date, format: str) -> str:
    return dates.format_date(day, format, locale=locale)


def day(value: date | datetime, format: str = "medium") -> str:
    """format_date for a page's many dates: a list of 20 cards formats 40, each a Babel pattern walk."""
    locale = current_locale()
    if locale is None or not isinstance(value, date):
        return format_date(value, format)
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    return _day_in(str(locale), value, format)


@lru_cache(maxsize=8192)
def _count_in(locale: str, number: int) -> str:
    return numbers.format_decimal(number, locale=locale)


def count(value) -> str:
    """format_decimal, remembered for whole numbers (the facet counts of every search page)."""
    locale = current_locale()
    if isinstance(value, int) and locale is not None:
        return _count_in(str(locale), value)
    return format_decimal(value)


# Labels of stable codes by catalog: a list of cards asks for a hundred or more per page, and each
# lazy string's str() looks the catalog up again.
_LABELS: WeakKeyDictionary = WeakKeyDictionary()


def _label(table: dict, code: str) -> str:
    if not has_app_context():
        return str(table.get(code, code))
    labels = catalog_memo(_LABELS)
    key = (id(table), code)
    found = labels.get(key)
    if found is None:
        found = labels[key] = str(table.get(code, code))
    return found


def sector_label(code: str) -> str:
    return _label(reference.SECTORS, code)


def cooperation_label(code: str) -> str:
    return _label(reference.COOPERATION_TYPES, code)


def size_label(code: str) -> str:
    return _label(reference.SIZE_SHORT, code)


def filter_label(name: str, value, cluster_names: dict, posted_labels: dict) -> str:
    """A chosen search filter in words, for "remove this filter" suggestions."""
    labels = {"kind": lambda v: str(_kind_labels().get(v, v)), "sector": sector_label, "type": cooperation_label,
              "country": reference.country_name, "size": size_label, "lang": reference.language_name,
              "cluster": lambda v: cluster_names.get(v, v), "posted": lambda v: str(posted_labels.get(str(v), v))}
    return labels[name](value)


def _kind_labels():
    from .listings.choices import KIND_LABELS

    return KIND_LABELS


def time_ago(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return format_timedelta(moment - utcnow(), add_direction=True, threshold=1.1)


def machine_time(moment: date | datetime) -> str:
    """A `<time datetime>` value: HTML allows at most three digits of a second, so none are shown."""
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


# What url_for() leaves unescaped in a query string (werkzeug's choice, after the URL standard).
QUERY_SAFE = "!$'()*,/:;?@"


def url_with(**changes) -> str:
    """The current URL with some query parameters changed (None removes one); page resets.

    A search page asks for fifty of these (every facet value, every page link): see _here_with.
    """
    changes.setdefault("page", None)
    return _here_with(changes)


def _here_with(changes: dict) -> str:
    """The current address with `changes` to its query string (None removes a parameter), as url_for() writes it.

    The path and each current parameter's part of the query string are built once per request;
    only the changed parameters are written here.
    """
    parts = _query_parts()
    written = [_encoded(key, changes[key]) if key in changes else part for key, part in parts.items()]
    written += [_encoded(key, value) for key, value in changes.items() if key not in parts]
    query = "&".join(part for part in written if part)
    return f"{_here()}?{query}" if query else _here()


def _encoded(key: str, value) -> str:
    """`key`'s part of a query string; an empty one for None."""
    values = value if isinstance(value, list) else [value]
    return urlencode([(key, v) for v in values if v is not None], safe=QUERY_SAFE)


def _query_parts() -> dict[str, str]:
    """Each parameter of the current query string as url_for() writes it, built once per request."""
    environ = request.environ
    parts = environ.get("marketplace.query_parts")
    if parts is None:
        parts = environ["marketplace.query_parts"] = {
            key: _encoded(key, values) for key, values in request.args.to_dict(flat=False).items()}
    return parts


def _here() -> str:
    """url_for() of the current endpoint and its arguments, built once per request."""
    environ = request.environ  # per request, unlike `g`, which a test's app context keeps between requests
    path = environ.get("marketplace.url_with_path")
    if path is None:
        path = environ["marketplace.url_with_path"] = url_for(request.endpoint, **(request.view_args or {}))
    return path


def language_switch_url(lang: str) -> str:
    """The switcher's link: back to this very page (query string kept) in the other language."""
    here = request.full_path.rstrip("?") if request.endpoint else "/"
    switches = current_app.extensions.setdefault("marketplace_language_switch", {})
    key = (request.script_root, lang)
    path = switches.get(key)
    if path is None:
        path = switches[key] = url_for("switch_language", code=lang)
    return f"{path}?{_encoded('next', here)}"


def alternate_url(lang: str) -> str:
    """This page in another language, for hreflang alternates and shared links (its page kept)."""
    if request.endpoint is None:
        return url_for("core.home", lang=lang)
    return _here_with({"lang": lang})


class MarketplaceEnvironment(Environment):
    """Flask's Jinja environment, whose templates share its globals instead of each wrapping them.

    Jinja gives every template a ChainMap over the environment's globals, and each
    `{% from ... import %}` compares the importing template's ~70 global names with the imported
    one's through it before reusing the imported module: a third of a millisecond per page. Our
    templates carry no globals of their own, so the plain dict serves and the comparison is C.
    """

    def make_globals(self, d):
        return self.globals if not d else super().make_globals(d)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        sector=sector_label,
        cooperation=cooperation_label,
        size=size_label,
        country=reference.country_name,
        language=reference.language_name,
        date=day,
        datetime=format_datetime,
        ago=time_ago,
        iso=machine_time,
        number=count,
    )
    app.jinja_env.globals.update(
        url_with=url_with,
        language_switch_url=language_switch_url,
        alternate_url=alternate_url,
        LANGUAGES=LANGUAGES,
        current_locale=lambda: str(current_locale() or "en"),
        SECTORS=reference.SECTORS,
        filter_label=filter_label,
        sector_label=sector_label,
        cooperation_label=cooperation_label,
        size_label=size_label,
        country_name=reference.country_name,
        language_name=reference.language_name,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
