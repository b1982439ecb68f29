"""The PDF: same numbers as the web page, A4 with page numbers, shipped fonts, pole name and
logo on the cover, and no network access while rendering.

How the numbers are compared: every figure cell carries `data-figure="<section>.<key>"` in
the one template both outputs share. On the web side we parse the page's HTML; on the PDF
side we walk the boxes WeasyPrint laid out on its pages (the very document `write_pdf`
serialises; pypdf is not available to read the bytes back) and read the text of each box
that comes from a `data-figure` element. Both must give the same map, and it must hold the
snapshot's values: a figure missing from a page or rendered differently fails the test."""

import datetime
import io
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from peps.reports import pdf, services
from peps.reports.models import ReportStatus
from peps.reports.templatetags.report_charts import figure

from . import factories as rf


class FigureParser(HTMLParser):
    """Text of every element with a data-figure attribute."""

    def __init__(self):
        super().__init__()
        self.figures: dict[str, str] = {}
        self._stack: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        self._stack.append(dict(attrs).get("data-figure"))

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        key = next((k for k in reversed(self._stack) if k), None)
        if key:
            self.figures[key] = self.figures.get(key, "") + data


def web_figures(html: str) -> dict[str, str]:
    parser = FigureParser()
    parser.feed(html)
    return {key: value.strip() for key, value in parser.figures.items()}


def pdf_figures(document) -> dict[str, str]:
    found: dict[str, str] = {}

    def texts(box):
        text = getattr(box, "text", None)
        if text:
            yield text
        for child in getattr(box, "children", None) or []:
            yield from texts(child)

    def walk(box):
        element = getattr(box, "element", None)
        key = element.get("data-figure") if element is not None else None
        if key and type(box).__name__ != "LineBox":
            found[key] = found.get(key, "") + "".join(texts(box))
            return
        for child in getattr(box, "children", None) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return {key: value.strip() for key, value in found.items()}


def page_texts(document) -> list[str]:
    def texts(box):
        text = getattr(box, "text", None)
        if text:
            yield text
        for child in getattr(box, "children", None) or []:
            yield from texts(child)

    return [" ".join(texts(page._page_box)) for page in document.pages]


@pytest.fixture
def ready_report(pole, coordinator, seeded, django_capture_on_commit_callbacks):
    report = services.report_create(
        pole=pole,
        by=coordinator,
        title="Bilan d’activité 2024",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_generate(report=report, by=coordinator)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    return report


def test_the_pdf_and_the_web_page_show_the_same_figures(client, coordinator, ready_report):
    client.force_login(coordinator)
    html = client.get(ready_report.get_absolute_url()).content.decode()
    on_page = web_figures(html)
    in_pdf = pdf_figures(pdf.render_document(ready_report))
    expected = {}
    for section in ready_report.figures["sections"]:
        for row in section["figures"]:
            expected[f"{section['key']}.{row['key']}"] = figure(row["value"])
        for table in section["tables"]:
            for row in table["rows"]:
                expected[f"{section['key']}.{table['key']}.{row['key']}"] = figure(row["value"])
    assert len(expected) > 60
    assert on_page == expected
    assert in_pdf == expected
    assert on_page["projects.submitted"] == "4"


def test_the_generated_file_is_an_a4_pdf_with_page_numbers_and_the_pole_name(ready_report):
    content = ready_report.pdf.read()
    assert content.startswith(b"%PDF-")
    document = pdf.render_document(ready_report)
    # A4 in CSS pixels (96 per inch): 210 × 297 mm.
    assert (round(document.pages[0].width), round(document.pages[0].height)) == (794, 1123)
    texts = page_texts(document)
    pages = len(document.pages)
    assert pages > 3
    assert "POLLENS — Roannais" in texts[0] and "Bilan d’activité 2024" in texts[0]
    assert f"Page 2 sur {pages}" in texts[1]
    assert "POLLENS — Roannais" in texts[1]


def test_the_pdf_embeds_the_shipped_source_sans_3_font(ready_report, caplog):
    assert set(pdf.font_urls()) == {400, 600, 700}
    assert all(url.startswith("file://") for url in pdf.font_urls().values())
    document = pdf.render_document(ready_report)
    document.write_pdf()
    assert {font.family for font in document.fonts.values()} == {"Source Sans 3"}
    assert "cannot be loaded" not in caplog.text


def test_the_pole_logo_is_on_the_cover(pole, coordinator, seeded):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#2f6f4e").save(buffer, format="PNG")
    pole.logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    pole.save()
    report = rf.report(pole)
    html = pdf.render_pdf_html(report)
    assert 'src="file://' in html and "logo" in html
    document = pdf.render_document(report)
    images = []

    def walk(box):
        if type(box).__name__ == "InlineReplacedBox":
            images.append(box)
        for child in getattr(box, "children", None) or []:
            walk(child)

    walk(document.pages[0]._page_box)
    assert len(images) == 1


def test_rendering_never_fetches_from_the_network(pole):
    fetcher = pdf.make_url_fetcher()
    with pytest.raises(ValueError):
        fetcher("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher("file:///etc/passwd")
    report = rf.report(pole, introduction="![pixel](https://example.org/pixel.png) Bonjour")
    report.figures = {"sections": []}
    # WeasyPrint logs the refused image and goes on: the PDF is still made.
    assert pdf.render_pdf(report).startswith(b"%PDF-")


def test_the_download_is_the_generated_file(client, coordinator, ready_report):
    client.force_login(coordinator)
    response = client.get(reverse("reports:download", args=("pollens", ready_report.pk)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == ready_report.pdf.read()
