"""The hub of a pole's needs and offers, and « Mes besoins et offres »."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors
from ..forms import HubFilterForm


@require_GET
@pole_view
def hub(request):
    form = HubFilterForm(request.GET)
    filters = form.filters()
    items = selectors.hub_items(user=request.user, pole=request.pole, filters=filters)
    context = {"form": form, "filters": filters, "page": paginate(items, request)}
    template = "partnerships/_hub_results.html" if request.htmx else "partnerships/hub.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
@pole_view
def mine(request):
    user, pole = request.user, request.pole
    context = {
        "needs": selectors.my_needs(user=user, pole=pole),
        "offers": selectors.my_offers(user=user, pole=pole),
        "partnerships": selectors.my_partnerships(user=user, pole=pole),
    }
    return render(request, "partnerships/mine.html", context)
