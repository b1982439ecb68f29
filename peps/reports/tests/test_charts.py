"""The report's charts draw, on the web page and in the PDF: SVG geometry is written with
a decimal point whatever the language (« 7,7 » is not a number for browsers or WeasyPrint),
while the figures people read stay French."""

import datetime
import re
import zlib

import pytest
from django.urls import reverse

from peps.core.testing.svg import assert_svg_numbers_valid, svg_elements
from peps.reports import pdf, services
from peps.reports.models import ReportStatus
from peps.reports.templatetags.report_charts import BAR_HEIGHT, LABEL_WIDTH, bar_chart

BAR_COLOUR = b"0.184314 0.435294 0.305882 rg"  # #2f6f4e, the bars' fill in jinja2/reports/_chart.html


@pytest.fixture
def draft(pole, coordinator, seeded):
    """The report with its figures counted: what the web page draws."""
    report = services.report_create(
        pole=pole,
        by=coordinator,
        title="Bilan d’activité 2024",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
    )
    return services.report_refresh_figures(report=report)


@pytest.fixture
def report(draft, coordinator, django_capture_on_commit_callbacks):
    """The report generated: what the PDF paints."""
    report = draft
    with django_capture_on_commit_callbacks(execute=True):
        services.report_generate(report=report, by=coordinator)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    return report


def charted_bars(report) -> list[dict]:
    return [
        row
        for section in report.figures["sections"]
        for table in section.get("tables", [])
        if table.get("chart")
        for row in table["rows"]
    ]


def test_the_web_page_draws_every_bar_with_valid_numbers(client, coordinator, draft):
    report = draft
    client.force_login(coordinator)
    html = client.get(reverse("reports:detail", args=[report.pole.slug, report.pk])).content.decode()
    svgs = svg_elements(html)
    assert svgs, "the report page has charts"
    for svg in svgs:
        assert_svg_numbers_valid(svg)
    rects = [el for svg in svgs for el in svg.iter() if el.tag.endswith("rect")]
    assert len(rects) == len(charted_bars(report))
    # A bar with a fractional length (7.7, not 7,7) is still a number, and the text people
    # read next to it keeps the French decimal comma.
    assert any("." in rect.get("width") for rect in rects) or all(
        float(rect.get("width")).is_integer() for rect in rects
    )


@pytest.mark.once  # WeasyPrint's painting does not depend on the database engine (as test_pdf.py)
def test_the_pdf_paints_one_rectangle_per_bar(report):
    content = pdf.render_pdf(report)
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL)
    painted = []
    for stream in streams:
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            data = stream
        # The bar colour, then a rectangle « x y width height re » filled with it.
        painted += re.findall(
            BAR_COLOUR + rb"\n(?:[^\n]*\n){0,6}?(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\nf", data
        )
    # In the chart's own units, a bar starts at LABEL_WIDTH and is BAR_HEIGHT high (other
    # boxes of the page may share its colour).
    bars = [bar for bar in painted if float(bar[0]) == LABEL_WIDTH and float(bar[3]) == BAR_HEIGHT]
    expected = [row for row in charted_bars(report) if row["value"] > 0]
    assert expected, "the seeded pole has figures to chart"
    assert len([bar for bar in bars if float(bar[2]) > 0]) == len(expected)


def test_svg_numbers_are_never_localised(settings):
    from django.template import engines
    from django.utils import translation

    table = {"key": "k", "title": "T", "rows": [{"label": "A", "value": 3}, {"label": "B", "value": 7.5}]}
    with translation.override("fr"):
        html = engines["jinja2"].get_template("reports/_chart.html").render({"chart": bar_chart(table, "x")})
    (svg,) = svg_elements(html)
    assert_svg_numbers_valid(svg)
    assert "B : 7,5" in html  # the text alternative stays French


@pytest.mark.parametrize("language", ["fr", "en"])
def test_figures_read_as_django_formats_them(language):
    """report_figure looks the separators up once; what it writes is Django's number_format
    (grouping by thousands, one decimal cut, not rounded)."""
    import random

    from django.utils import translation

    from peps.reports.templatetags.report_charts import _figure_slow, figure

    rng = random.Random(11)
    values = [0, 1, -1, 42, 999, -999, 1000, -1000, -1234567, 12.0, -3.0, 3.25, 0.05, -0.04, 99999.95, 1e-7, 2.5e16]
    values += ["n/a", None, True, False]
    values += [rng.randint(-(10**9), 10**9) for _ in range(300)]
    values += [round(rng.uniform(-(10**6), 10**6), rng.randint(0, 4)) for _ in range(300)]
    with translation.override(language):
        for value in values:
            assert figure(value) == _figure_slow(value), value
