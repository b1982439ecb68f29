"""What anyone sees of a pole: its home page, its territory and its charter."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from ..selectors import COMMUNE_ORDERINGS, colleges_of, latest_projects, pole_figures, territory_communes

COMMUNES_PER_PAGE = 50


@require_GET
@pole_view
def home(request):
    pole = request.pole
    context = {
        "pole": pole,
        "figures": pole_figures(pole),
        "colleges": colleges_of(pole),
        "projects": latest_projects(pole, user=request.user),
        "can_manage_settings": request.user.has_perm("poles.manage_settings", pole),
    }
    return render(request, "poles/home.html", context)


@require_GET
@pole_view
def territory(request):
    pole = request.pole
    figures = pole_figures(pole)
    order = request.GET.get("tri", "nom")
    if order not in COMMUNE_ORDERINGS:
        order = "nom"
    # The cached figures already hold the total: no COUNT(*) on each page view.
    page = paginate(
        territory_communes(pole, units=figures["units"], order=order),
        request,
        per_page=COMMUNES_PER_PAGE,
        count=False,
    )
    page.total = figures["communes"]
    page.num_pages = max(1, -(-page.total // COMMUNES_PER_PAGE))
    context = {
        "pole": pole,
        "figures": figures,
        "page": page,
        "order": order,
        "can_edit": request.user.has_perm("poles.manage_territory", pole),
    }
    template = "poles/_communes.html" if request.htmx else "poles/territory.html"
    return render(request, template, context)


@require_GET
@pole_view
def charter(request):
    return render(request, "poles/charter.html", {"pole": request.pole})
