"""The PDF of a report: the same figures snapshot and the same SVG charts as the web page,
laid out for A4 by WeasyPrint with the shipped Source Sans 3 fonts. No network: only
file:// URLs under the static and media folders (and data: URLs) may be fetched."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

FONT_FILES = {
    400: "vendor/fonts/source-sans-3/files/source-sans-3-latin-400-normal.woff",
    600: "vendor/fonts/source-sans-3/files/source-sans-3-latin-600-normal.woff",
    700: "vendor/fonts/source-sans-3/files/source-sans-3-latin-700-normal.woff",
}


def font_urls() -> dict[int, str]:
    """file:// URLs of the shipped font files, found like any static file."""
    urls = {}
    for weight, path in FONT_FILES.items():
        found = finders.find(path)
        if found:
            urls[weight] = Path(found).resolve().as_uri()
    return urls


def logo_url(pole) -> str:
    if not pole.logo:
        return ""
    try:
        path = Path(pole.logo.path)
    except (NotImplementedError, ValueError):
        return ""
    return path.resolve().as_uri() if path.exists() else ""


def _allowed_roots() -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.NODE_MODULES), *finders_roots()]
    return [root.resolve() for root in roots]


def finders_roots() -> list[Path]:
    roots = []
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
    return roots


def make_url_fetcher():
    """WeasyPrint's fetcher, restricted to local files we ship or store, and data: URLs:
    a Markdown image pointing to the web must not make the worker fetch it."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in _allowed_roots()):
                    raise ValueError(f"Refused to read {url!r} while rendering a report")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, timeout=5)


def render_pdf_html(report) -> str:
    """The HTML given to WeasyPrint (tests read the same figures back from its layout)."""
    context = {
        "report": report,
        "pole": report.pole,
        "snapshot": report.figures,
        "fonts": font_urls(),
        "logo": logo_url(report.pole),
        "for_pdf": True,
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("reports/pdf.html", context)


def render_document(report):
    """The laid-out document (pages and boxes), before it is written as PDF bytes."""
    from weasyprint import HTML

    base = Path(settings.BASE_DIR).resolve().as_uri() + "/"
    return HTML(string=render_pdf_html(report), base_url=base, url_fetcher=make_url_fetcher()).render()


def render_pdf(report) -> bytes:
    return render_document(report).write_pdf()
