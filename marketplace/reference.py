"""Stable codes of the marketplace (sectors, cooperation types, countries, sizes) and their labels."""
from __future__ import annotations

from babel import Locale
from flask_babel import lazy_gettext as _l

from .i18n import current_locale

# Codes are a contract with users and integrators (URLs, the API, imports): never rename.
SECTORS: dict[str, object] = {
    "logistics": _l("Logistics & mobility"),
    "health": _l("Health care"),
    "professional-services": _l("Professional services"),
    "energy-environment": _l("Energy & environment"),
    "ict": _l("Information & communication technologies"),
    "production": _l("Production technologies"),
    "automotive-aerospace": _l("Automotive & aerospace"),
    "wood": _l("Wood industry"),
    "tourism": _l("Tourism"),
    "food": _l("Food technology"),
}

# NACE Rev. 2 divisions each sector mainly covers; used by imports and the API.
SECTOR_NACE: dict[str, tuple[str, ...]] = {
    "logistics": ("49", "50", "51", "52", "53"),
    "health": ("21", "32.5", "86", "87", "88"),
    "professional-services": ("69", "70", "71", "73", "74", "78"),
    "energy-environment": ("35", "36", "37", "38", "39"),
    "ict": ("26", "58.2", "61", "62", "63"),
    "production": ("25", "27", "28", "33"),
    "automotive-aerospace": ("29", "30.3"),
    "wood": ("02", "16", "31"),
    "tourism": ("55", "56", "79"),
    "food": ("10", "11"),
}

COOPERATION_TYPES: dict[str, object] = {
    "commercial-agency": _l("Commercial agency & distribution"),
    "subcontracting": _l("Subcontracting & manufacturing"),
    "supplier": _l("Supplier sought or offered"),
    "technical": _l("Technical cooperation"),
    "research": _l("Research & development partnership"),
    "joint-venture": _l("Joint venture"),
    "services": _l("Services"),
    "investment": _l("Investment & financing"),
}

# EU definition by head-count.
SIZE_CLASSES: dict[str, object] = {
    "micro": _l("Micro (under 10 employees)"),
    "small": _l("Small (10–49 employees)"),
    "medium": _l("Medium (50–249 employees)"),
    "large": _l("Large (250 employees or more)"),
}

SIZE_SHORT: dict[str, object] = {
    "micro": _l("Micro"),
    "small": _l("Small"),
    "medium": _l("Medium"),
    "large": _l("Large"),
}

# EU and EEA members, CH, UK, UA and the Western Balkans (ISO 3166 alpha-2).
COUNTRY_CODES: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    "IS", "LI", "NO", "CH", "GB", "UA",
    "AL", "BA", "ME", "MK", "RS", "XK",
)

# The partner countries come first in pickers and on the home page.
PARTNER_COUNTRIES: tuple[str, ...] = ("CZ", "PL", "SK", "SI", "DE", "HU", "AT", "IT")

# Languages a listing or a company may be written or spoken in (ISO 639-1).
CONTENT_LANGUAGES: tuple[str, ...] = (
    "en", "de", "pl", "cs", "sk", "sl", "hu", "it", "fr", "es", "hr", "sr", "uk", "ro",
    "bg", "nl", "pt", "sv", "da", "fi", "el", "lt", "lv", "et", "ru",
)


def _reader_locale() -> Locale:
    try:
        return current_locale() or Locale("en")
    except (RuntimeError, AttributeError):
        return Locale("en")


def country_name(code: str, locale: Locale | None = None) -> str:
    locale = locale or _reader_locale()
    return locale.territories.get(code, code)


def language_name(code: str, locale: Locale | None = None) -> str:
    locale = locale or _reader_locale()
    return locale.languages.get(code, code)


def country_choices(locale: Locale | None = None) -> list[tuple[str, str]]:
    """Countries sorted by their name in the reader's language."""
    locale = locale or _reader_locale()
    return sorted(((c, country_name(c, locale)) for c in COUNTRY_CODES), key=lambda p: p[1])


def language_choices(locale: Locale | None = None) -> list[tuple[str, str]]:
    locale = locale or _reader_locale()
    return sorted(((c, language_name(c, locale)) for c in CONTENT_LANGUAGES), key=lambda p: p[1])


def sector_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in SECTORS.items()]


def size_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in SIZE_CLASSES.items()]


def size_class_for(employees: int) -> str:
    if employees < 10:
        return "micro"
    if employees < 50:
        return "small"
    if employees < 250:
        return "medium"
    return "large"
