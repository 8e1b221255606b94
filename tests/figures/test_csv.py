"""CSV downloads: Excel reads the accents, spreadsheets evaluate no formula, the filename stays harmless."""
from __future__ import annotations

import csv
import io

import pytest

from marketplace.figures.csv import csv_response, csv_text, neutralise, safe_filename


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_would_start_a_formula_is_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell, written", [(-3, -3), (2.5, 2.5), (None, ""), ("Ústí nad Labem", "Ústí nad Labem"),
                                           ("a=b", "a=b")])
def test_numbers_and_plain_text_stay_as_they_are(cell, written):
    assert neutralise(cell) == written


def test_rows_are_quoted_as_rfc_4180_says():
    text = csv_text(["Sector", "Count"], [["Wood, paper", 3], ['Say "hi"', -1]])
    assert text == 'Sector,Count\r\n"Wood, paper",3\r\n"Say ""hi""",-1\r\n'
    assert list(csv.reader(io.StringIO(text))) == [["Sector", "Count"], ["Wood, paper", "3"], ['Say "hi"', "-1"]]


def test_response_is_a_utf8_download_with_a_bom(app):
    response = csv_response("observatory-sectors", ["Země", "Počet"], [["Česko", 2]])
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="observatory-sectors.csv"'
    assert response.data == "\ufeffZemě,Počet\r\nČesko,2\r\n".encode()


@pytest.mark.parametrize("name, safe", [("sectors", "sectors.csv"), ("sectors.csv", "sectors.csv"),
                                        ('a"b\r\nSet-Cookie: x', "a-b-Set-Cookie-x.csv"), ("Žluťoučký", "lu-ou-k.csv"),
                                        ("../..", "data.csv")])
def test_filenames_cannot_break_the_header(name, safe):
    assert safe_filename(name) == safe
