"""The country matrix: a labelled image with the number in every cell, escaped, and no inline styles."""
from __future__ import annotations

import re

import pytest

from marketplace.figures.matrix import LEVELS, level_of, matrix_svg
from tests.page_figures import PageFigures


@pytest.fixture(autouse=True)
def in_a_request(app):
    """Numbers are formatted in the reader's language, which a request carries."""
    with app.test_request_context("/"):
        yield


def draw(**options):
    return str(matrix_svg(["CZ", "PL"], ["CZ", "PL"], {("CZ", "PL"): 12, ("PL", "CZ"): 3},
                          title="Interests <between> countries", description="Rows & columns",
                          id_prefix="m", row_name={"CZ": "Česko", "PL": "Polsko"}.get, **options))


def test_an_image_with_its_title_and_description():
    svg = draw()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="matrix-chart" role="img" id="m" '
                          'aria-labelledby="m-title m-desc"')
    assert '<title id="m-title">Interests &lt;between&gt; countries</title>' in svg
    assert '<desc id="m-desc">Rows &amp; columns</desc>' in svg
    assert "style=" not in svg  # the CSP allows no inline styles


def test_every_cell_writes_its_number():
    cells = PageFigures(draw()).matrices["m"]
    assert cells == {("CZ", "CZ"): "0", ("CZ", "PL"): "12", ("PL", "CZ"): "3", ("PL", "PL"): "0"}
    assert ">Česko</text>" in draw() and ">PL</text>" in draw()


def test_the_diagonal_can_be_not_applicable():
    cells = PageFigures(draw(skip_diagonal=True)).matrices["m"]
    assert cells[("CZ", "CZ")] == "–" and cells[("CZ", "PL")] == "12"


def test_shades_grow_with_the_count_and_keep_the_text_readable():
    assert [level_of(n, 10) for n in (0, 1, 2, 5, 9, 10)] == [0, 1, 1, 3, 5, 5]
    assert level_of(3, 0) == 0
    svg = draw()
    assert re.search(r'matrix-level-5" data-row="CZ" data-column="PL"><rect [^>]*fill="#174b86"', svg)
    assert len(LEVELS) == 6


def test_numbers_follow_the_reader_language():
    svg = str(matrix_svg(["CZ"], ["PL"], {("CZ", "PL"): 1234}, title="t", description="d", id_prefix="x",
                         number=lambda n: f"{n:,}".replace(",", "\u00a0")))
    assert ">1\u00a0234</text>" in svg
