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
