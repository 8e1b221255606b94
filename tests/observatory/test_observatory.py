"""The public observatory: every number in the pictures, the tables and the CSV files, and what stays out."""
from __future__ import annotations

import csv
import io
import re

import pytest

from marketplace.extensions import db
from tests.observatory.conftest import SECRET_MESSAGE, build_world
from tests.page_figures import PageFigures

INTEREST_ROWS = [["Poland", "Czechia", "2"], ["Czechia", "Czechia", "1"], ["Czechia", "Slovakia", "1"],
                 ["Slovakia", "Czechia", "1"]]
PARTNERSHIP_ROWS = [["Czechia", "Poland", "2"], ["Austria", "Slovakia", "1"], ["Czechia", "Slovakia", "1"],
                    ["Poland", "Slovakia", "1"]]
SECTOR_ROWS = [["Wood industry", "1", "1", "2"], ["Food technology", "0", "1", "1"],
               ["Information & communication technologies", "1", "0", "1"],
               ["Automotive & aerospace", "0", "0", "0"], ["Energy & environment", "0", "0", "0"],
               ["Health care", "0", "0", "0"], ["Logistics & mobility", "0", "0", "0"],
               ["Production technologies", "0", "0", "0"], ["Professional services", "0", "0", "0"],
               ["Tourism", "0", "0", "0"]]
ACTIVITY_ROWS = [["Wood industry", "3", "2", "1", "4"], ["Food technology", "1", "1", "1", "2"],
                 ["Information & communication technologies", "1", "1", "1", "2"]]


def page(client, path="/observatory") -> tuple[PageFigures, str]:
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return PageFigures(html), html


def download(client, slug) -> list[list[str]]:
    response = client.get(f"/observatory/{slug}.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="observatory-{slug}.csv"'
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_headline_figures(world, client):
    figures, _html = page(client)
    assert figures.text("observatory-stats").split() == [
        "5", "accepted", "expressions", "of", "interest", "4", "of", "them", "across", "a", "border",
        "3", "public", "partnerships", "2", "active", "offers", "2", "active", "requests"]


def test_interest_matrix_table_and_csv_agree(world, client):
    figures, _html = page(client)
    cells = figures.matrices["interests-matrix"]
    countries = ["CZ", "PL", "SK"]
    expected = {("PL", "CZ"): "2", ("SK", "CZ"): "1", ("CZ", "CZ"): "1", ("CZ", "SK"): "1"}
    assert cells == {(row, column): expected.get((row, column), "0") for row in countries for column in countries}
    assert figures.body_rows("accepted-interests-table") == INTEREST_ROWS
    assert download(client, "accepted-interests") == [
        ["From (code)", "From: the interested company's country", "To (code)", "To: the listing company's country",
         "Accepted expressions of interest"],
        ["PL", "Poland", "CZ", "Czechia", "2"], ["CZ", "Czechia", "CZ", "Czechia", "1"],
        ["CZ", "Czechia", "SK", "Slovakia", "1"], ["SK", "Slovakia", "CZ", "Czechia", "1"]]


def test_partnership_matrix_is_symmetric_without_a_diagonal(world, client):
    figures, html = page(client)
    cells = figures.matrices["partnerships-matrix"]
    countries = ["AT", "CZ", "PL", "SK"]
    pairs = {("CZ", "PL"): "2", ("CZ", "SK"): "1", ("PL", "SK"): "1", ("AT", "SK"): "1"}
    expected = {**pairs, **{(b, a): n for (a, b), n in pairs.items()}}
    assert cells == {(row, column): "–" if row == column else expected.get((row, column), "0")
                     for row in countries for column in countries}
    assert figures.body_rows("partnerships-table") == PARTNERSHIP_ROWS
    assert download(client, "partnerships")[1:] == [
        ["CZ", "Czechia", "PL", "Poland", "2"], ["AT", "Austria", "SK", "Slovakia", "1"],
        ["CZ", "Czechia", "SK", "Slovakia", "1"], ["PL", "Poland", "SK", "Slovakia", "1"]]


def test_offers_and_requests_by_sector(world, client):
    figures, html = page(client)
    assert figures.body_rows("offers-and-requests-by-sector-table") == SECTOR_ROWS
    rows = download(client, "offers-and-requests-by-sector")
    assert rows[0] == ["Sector (code)", "Sector", "Offers", "Requests", "Total"]
    assert rows[1:4] == [["wood", "Wood industry", "1", "1", "2"], ["food", "Food technology", "0", "1", "1"],
                         ["ict", "Information & communication technologies", "1", "0", "1"]]
    assert len(rows) == 11
    # The two bar charts write each value beside its bar.
    assert "Wood industry: 1</title>" in html.split('id="offers-by-sector-title"')[1].split("</svg>")[0]
    assert "Food technology: 1</title>" in html.split('id="requests-by-sector-title"')[1].split("</svg>")[0]


def test_most_active_sectors(world, client):
    figures, html = page(client)
    assert figures.body_rows("most-active-sectors-table") == ACTIVITY_ROWS
    assert download(client, "most-active-sectors") == [
        ["Sector (code)", "Sector", "Accepted expressions of interest", "Of these, across a border",
         "Public partnerships", "Total"],
        ["wood", "Wood industry", "3", "2", "1", "4"], ["food", "Food technology", "1", "1", "1", "2"],
        ["ict", "Information & communication technologies", "1", "1", "1", "2"]]
    chart = html.split('id="most-active-sectors-chart-title"')[1].split("</svg>")[0]
    assert chart.index("Wood industry: 4") < chart.index("Food technology: 2") < chart.index(
        "Information &amp; communication technologies: 2")


def test_no_names_messages_or_drafts_leak(world, client):
    _figures, html = page(client)
    texts = [html] + [client.get(f"/observatory/{slug}.csv").data.decode("utf-8-sig") for slug in
                      ("accepted-interests", "partnerships", "offers-and-requests-by-sector", "most-active-sectors")]
    for text in texts:
        for company in world.companies:
            assert company.name not in text
        assert SECRET_MESSAGE not in text
        assert "Germany" not in text  # the only German company is hidden
        assert "ict-draft" not in text and "Partnership" not in text.replace("Partnerships", "").replace(
            "partnerships", "")


def test_public_without_sign_in_and_linked(world, client):
    assert client.get("/observatory").status_code == 200
    assert 'href="/observatory"' in client.get("/").get_data(as_text=True)
    footer = client.get("/companies").get_data(as_text=True).split('class="site-footer"')[1]
    assert 'href="/observatory"' in footer


def test_unknown_download_is_404(client):
    assert client.get("/observatory/users.csv").status_code == 404


def test_empty_marketplace_says_so(client):
    figures, html = page(client)
    assert "No accepted expressions of interest yet." in html
    assert "No partnerships across a border yet." in html
    assert "interests-matrix" not in figures.matrices
    assert download(client, "accepted-interests")[1:] == []


def queries_in(statements: list[str]) -> list[str]:
    return [s for s in statements if s not in ("BEGIN", "COMMIT", "ROLLBACK")]


def test_five_aggregate_queries_uncached(world, client, count_queries):
    for path in ("/observatory", "/observatory/partnerships.csv"):
        with count_queries() as counted:
            client.get(path)
        statements = queries_in(counted.statements)
        assert len(statements) == 5, statements
        assert all("GROUP BY" in statement for statement in statements)


def test_cached_for_everyone_in_every_language(make_app, count_queries):
    app = make_app(CACHE_TTL=60)
    with app.app_context():
        build_world()
        client = app.test_client()
        client.get("/observatory")
        with count_queries() as counted:
            figures, _html = page(client, "/observatory?lang=de")
            download(client, "partnerships")
        assert queries_in(counted.statements) == []
        # One cache entry serves every language: the names are put in at display time.
        assert figures.body_rows("accepted-interests-table")[0] == ["Polen", "Tschechien", "2"]


@pytest.fixture
def german(translated_app):
    build_world()
    db.session.commit()
    return translated_app.test_client()


def test_countries_and_sectors_in_the_readers_language(german):
    figures, html = page(german, "/observatory?lang=de")
    assert figures.body_rows("accepted-interests-table")[0] == ["Polen", "Tschechien", "2"]
    assert figures.body_rows("most-active-sectors-table")[0][0] == "Holzwirtschaft"
    assert ">Tschechien</text>" in html  # the matrix rows are named in German too
    rows = download(german, "partnerships")
    assert rows[1] == ["CZ", "Tschechien", "PL", "Polen", "2"]


def test_countries_in_alphabetical_order_of_the_readers_language(german):
    _figures, html = page(german, "/observatory?lang=de")
    matrix = html.split('id="partnerships-matrix"')[1].split("</svg>")[0]
    # "Österreich" goes with the Os, not after "Tschechien" as its code point would put it.
    assert re.findall(r'class="matrix-row"[^>]*>([^<]+)</text>', matrix) == ["Österreich", "Polen", "Slowakei",
                                                                              "Tschechien"]
