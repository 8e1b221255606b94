"""The SVG charts: accessible, escaped, readable without colour, in the reader's language, CSP-clean."""
from __future__ import annotations

import re
from datetime import date

import pytest
from flask_babel import force_locale

from marketplace.figures.charts import Bar, Series, Spread, bar_chart, month_chart, spread_chart
from marketplace.figures.periods import last_months


@pytest.fixture
def context(translated_app):
    with translated_app.test_request_context("/"):
        yield


def test_a_bar_chart_names_itself_and_writes_labels_and_values_as_text(context):
    svg = str(bar_chart("by-country", "Interests <by> country", "One bar per country & its count.",
                        [Bar("Česko <script>", 1234), Bar("Deutschland", 0)]))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="by-country-title by-country-desc"' in svg
    assert '<title id="by-country-title">Interests &lt;by&gt; country</title>' in svg
    assert '<desc id="by-country-desc">One bar per country &amp; its count.</desc>' in svg
    assert ">Česko &lt;script&gt;</text>" in svg and "<script" not in svg
    assert ">1,234</text>" in svg and ">0</text>" in svg
    assert "style=" not in svg


def test_numbers_and_months_follow_the_readers_language(context):
    with force_locale("de"):
        svg = str(bar_chart("b", "t", "d", [Bar("x", 1234)]))
        months = str(month_chart("m", "t", "d", last_months(3, today=date(2026, 3, 15)), [Series("s", [1, 2, 3])]))
    assert ">1.234</text>" in svg
    assert "Jan. 2026" in months and "März 2026" in months


def test_a_month_chart_tells_series_apart_by_shape_pattern_and_words(context):
    months = last_months(24, today=date(2026, 12, 1))
    svg = str(month_chart("m", "t", "d", months, [Series("Sent", [1] * 24), Series("Received", [2] * 24),
                                                  Series("Accepted", [0] * 24)]))
    assert [f"chart-series-{i}" in svg for i in range(3)] == [True] * 3
    assert svg.count("<circle") == 25 and svg.count('<rect class="chart-marker') == 25  # 24 points + the legend
    assert svg.count("<polygon") == 25  # triangles
    assert ">Sent</text>" in svg and ">Received</text>" in svg and ">Accepted</text>" in svg
    assert "<title>Received, Dec 2026: 2</title>" in svg
    # every third month is named, ending with the latest
    assert re.findall(r'class="chart-axis" x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]+)<', svg)[-1] == "Dec 2026"
    with pytest.raises(ValueError):
        month_chart("m", "t", "d", months, [Series("short", [1])])


def test_a_spread_chart_says_what_it_draws_and_hides_small_groups(context):
    svg = str(spread_chart("s", "Members", "d", [Spread("Wood clusters", 4, (1, 2.5, 6)),
                                                 Spread("All clusters", 4, None)],
                           value_label="This cluster", too_small_label="not enough clusters to compare"))
    assert "This cluster: 4 · median 2.5 · middle half 1–6" in svg
    assert "This cluster: 4 · not enough clusters to compare" in svg
    assert svg.count('class="chart-iqr"') == 2  # the legend's sample and the one group shown


def test_empty_charts_say_so_and_chart_ids_are_checked(context):
    assert "No data yet." in str(bar_chart("e", "t", "d", []))
    with pytest.raises(ValueError):
        bar_chart('x" onload="alert(1)', "t", "d", [Bar("a", 1)])
