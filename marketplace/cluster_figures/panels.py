"""The dashboard's figures as panels: title, one-line explanation, chart, table and CSV rows of the same numbers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import format_decimal, lazy_gettext as _l
from markupsafe import Markup

from .. import reference
from ..figures.charts import Bar, Series, bar_chart, count_formatter, month_chart, month_labels
from ..figures.periods import month_key
from ..listings.choices import KIND_LABELS, STATUS_LABELS
from ..outcomes.models import KINDS as OUTCOME_KINDS
from ..outcomes.services import KIND_LABELS as OUTCOME_LABELS
from .queries import COUNTRY_SERIES, SECTOR_SERIES, ClusterFigures

SERIES_LABELS = {
    "members": _l("New member companies"),
    "listings": _l("Listings published"),
    "interests-sent": _l("Interests sent"),
    "interests-received": _l("Interests received"),
    "interests-accepted": _l("Interests accepted"),
    "conversations": _l("Conversations started"),
    "partnerships": _l("Partnerships joined"),
    **OUTCOME_LABELS,
}
COLUMN_LABELS = {
    "members": _l("Member companies"),
    "interests": _l("Expressions of interest"),
    "interests-accepted": _l("Accepted"),
    "conversations": _l("Conversations"),
    "partnerships": _l("Partnerships"),
    **KIND_LABELS,
}


@dataclass
class Row:
    code: str        # stable: month key, country or sector code, status or kind code
    label: str       # in the reader's language
    values: list[Any]


@dataclass
class Panel:
    key: str                          # the CSV address: /clusters/<slug>/figures/<key>.csv
    title: str
    explanation: str
    first_column: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    chart: Markup = Markup("")

    def shown_rows(self) -> list[tuple[Row, list[str]]]:
        """Each row with its values as the reader's locale writes them (text stays as it is)."""
        formatted = count_formatter()
        return [(row, [formatted(v) if isinstance(v, (int, float)) else v for v in row.values]) for row in self.rows]

    def csv(self) -> tuple[list[str], list[list[Any]]]:
        header = [str(_l("Code")), self.first_column, *self.columns]
        return header, [[row.code, row.label, *row.values] for row in self.rows]


def _month_panel(key: str, title, explanation, figures: ClusterFigures, codes: tuple[str, ...]) -> Panel:
    labels = [str(SERIES_LABELS[code]) for code in codes]
    rows = [Row(month_key(month), label, [figures.monthly[code][index] for code in codes])
            for index, (month, label) in enumerate(zip(figures.months, month_labels(figures.months)))]
    chart = month_chart(f"chart-{key}", str(title), str(explanation), figures.months,
                        [Series(label, figures.monthly[code]) for label, code in zip(labels, codes)])
    return Panel(key, str(title), str(explanation), str(_l("Month")), labels, rows, chart)


def _bar_panel(key: str, title, explanation, first_column, rows: list[Row], columns: list[str],
               bar_of=lambda row: row.values[0]) -> Panel:
    chart = bar_chart(f"chart-{key}", str(title), str(explanation), [Bar(row.label, bar_of(row)) for row in rows])
    return Panel(key, str(title), str(explanation), str(first_column), columns, rows, chart)


def _grouped_rows(grouped: dict[str, dict[str, int]], codes: tuple[str, ...], label_of) -> list[Row]:
    rows = [Row(key, label_of(key), [counts.get(code, 0) for code in codes]) for key, counts in grouped.items()]
    return sorted(rows, key=lambda row: (-sum(row.values[1:]) - row.values[0], row.label))


def panels(figures: ClusterFigures) -> list[Panel]:
    """Every figure of the dashboard, in the order shown."""
    return [
        _month_panel("members-listings", _l("Members and listings by month"),
                     _l("Companies accepted as members, and listings of member companies published, in each month."),
                     figures, ("members", "listings")),
        _bar_panel("listing-status", _l("Member listings by status"),
                   _l("All listings of today's member companies, by where they stand now."), _l("Status"),
                   [Row(code, str(STATUS_LABELS[code]), [count]) for code, count in figures.listing_statuses.items()],
                   [str(_l("Listings"))]),
        _month_panel("interests", _l("Expressions of interest by month"),
                     _l("Interests sent and received by member companies in each month; accepted: those of them the "
                        "other side (or the member) accepted."),
                     figures, ("interests-sent", "interests-received", "interests-accepted")),
        _month_panel("cooperation", _l("Conversations and partnerships by month"),
                     _l("Conversations started by member companies, and partnerships the cluster or a member "
                        "joined, in each month."), figures, ("conversations", "partnerships")),
        _month_panel("outcomes", _l("Recorded outcomes by month"),
                     _l("What members and partners recorded as the result of a contact, by the date it happened."),
                     figures, OUTCOME_KINDS),
        _bar_panel("countries", _l("Cooperation by partner country"),
                   _l("Member companies by their country; contacts by the country of the company or cluster on "
                      "the other side. The bars show expressions of interest."), _l("Country"),
                   _grouped_rows(figures.by_country, COUNTRY_SERIES, reference.country_name),
                   [str(COLUMN_LABELS[code]) for code in COUNTRY_SERIES], bar_of=lambda row: row.values[1]),
        _bar_panel("sectors", _l("Cooperation by sector"),
                   _l("Member companies by their sectors, active offers and requests by sector, expressions of "
                      "interest by the listing's sector, partnerships by their sector. The bars show active "
                      "listings."), _l("Sector"),
                   _grouped_rows(figures.by_sector, SECTOR_SERIES, lambda code: str(reference.SECTORS.get(code, code))),
                   [str(COLUMN_LABELS[code]) for code in SECTOR_SERIES],
                   bar_of=lambda row: row.values[1] + row.values[2]),
    ]


def summary(figures: ClusterFigures) -> Panel:
    """The headline numbers over all time, as a panel without a chart (shown as tiles; CSV like the others)."""
    interests, totals = figures.interests, figures.totals
    days = "" if interests.answer_days is None else format_decimal(interests.answer_days, format="#,##0.0")
    items = [
        ("members", _l("Member companies"), totals["members"]),
        ("active-listings", _l("Active listings"), figures.listing_statuses["published"]),
        ("matches-taken-up", _l("Matches taken up"), interests.from_matches),
        ("interests-sent", _l("Interests sent"), interests.sent),
        ("interests-sent-accepted", _l("Sent and accepted"), interests.sent_accepted),
        ("interests-received", _l("Interests received"), interests.received),
        ("interests-received-accepted", _l("Received and accepted"), interests.received_accepted),
        ("interests-answered", _l("Received and answered"), interests.received_answered),
        ("answer-days", _l("Average answer time (days)"), days),
        ("conversations", _l("Conversations"), totals["conversations"]),
        ("partnerships", _l("Partnerships joined"), totals["partnerships"]),
        ("meta-clusters", _l("Meta-clusters joined"), figures.meta_clusters),
        *[(kind, OUTCOME_LABELS[kind], totals[kind]) for kind in OUTCOME_KINDS],
    ]
    return Panel("summary", str(_l("The cluster at a glance")),
                 str(_l("Totals since the cluster joined the marketplace, for today's member companies.")),
                 str(_l("Figure")), [str(_l("Value"))], [Row(code, str(label), [value]) for code, label, value in items])
