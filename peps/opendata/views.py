"""The open-data page (/donnees/) and the downloads: every dataset as CSV or JSON, for the
whole network or one pole (?pole=slug), streamed from the database."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from peps.core.exports import BOM, DELIMITER

from . import selectors
from .exports import RENDERERS

LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@require_GET
def index(request):
    pole = selectors.pole_for_export(request.GET.get("pole"))
    context = {
        "pole": pole,
        "summaries": selectors.summaries(pole=pole),
        "poles": selectors.poles_for_choice(),
        "licence_url": LICENCE_URL,
        "delimiter": DELIMITER,
        "has_bom": bool(BOM),
    }
    return render(request, "opendata/index.html", context)


@require_GET
def download(request, dataset: str, fmt: str):
    dataset_ = selectors.dataset_or_404(dataset)
    pole = selectors.pole_for_export(request.GET.get("pole"))
    render_chunks, content_type = RENDERERS[fmt]
    response = StreamingHttpResponse(render_chunks(dataset_, dataset_.iter_rows(pole=pole)), content_type=content_type)
    name = "-".join(
        part for part in ("peps", dataset_.slug, pole.slug if pole else "", timezone.localdate().isoformat()) if part
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    # Reuse is free under the Licence Ouverte; say it where machines look too.
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["Cache-Control"] = "public, max-age=300"
    return response
