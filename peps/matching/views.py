"""The network administration's page of the matching index, under /reseau/rapprochement/: how
many open rows have their embedding, the last indexing runs, a progress bar while one runs
(refreshed by htmx), and the button that starts one in the background."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peps.core.access import require
from peps.core.forms import refusal_text
from peps.partnerships.models import Need, Offer

from . import services
from .models import IndexingRun, NeedVector, OfferVector


@login_required
@require_http_methods(["GET", "POST"])
def indexing(request):
    require(request.user, "matching.run_indexing", hide=True)
    if request.method == "POST":
        try:
            services.indexing_run_start(by=request.user)
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("L’indexation est lancée en arrière-plan ; cette page montre son avancement."))
        return redirect("matching:indexing")
    runs = list(IndexingRun.objects.select_related("created_by")[:10])
    current = runs[0] if runs else None
    if request.htmx and current is not None:
        return render(request, "matching/_run.html", {"run": current})
    context = {
        "current": current,
        "runs": runs,
        "counts": {
            "offers": Offer.objects.filter(is_open=True).count(),
            "offer_vectors": OfferVector.objects.filter(offer__is_open=True).count(),
            "needs": Need.objects.filter(is_open=True).count(),
            "need_vectors": NeedVector.objects.filter(need__is_open=True).count(),
        },
    }
    return render(request, "matching/indexing.html", context)
