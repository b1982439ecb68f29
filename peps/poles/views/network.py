"""The home page of the network: every pole, filterable by kind, with the key figures."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import PoleKind
from ..selectors import network_figures, poles_of_network


@require_GET
def home(request):
    """The network of poles, filterable by kind, with key figures kept five minutes."""
    kind = request.GET.get("type")
    kind = kind if kind in PoleKind.values else None
    context = {
        "poles": list(poles_of_network(kind=kind)[:300]),
        "kinds": PoleKind.choices,
        "kind": kind,
        "figures": network_figures(),
    }
    return render(request, "core/home.html", context)
