"""What anyone sees of a pole: its home page, its territory and its charter."""

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from peps.core.pagination import paginate
from peps.core.tenancy import pole_view
from peps.territory.selectors import communes_in_units, outlines_of

from ..selectors import COMMUNE_ORDERINGS, colleges_of, latest_projects, pole_figures, territory_communes

COMMUNES_PER_PAGE = 50
# A map of more communes than a région holds would not be read: the table has them all.
MAP_COMMUNES_LIMIT = 2000


def _commune_markers(pole, units) -> list[dict]:
    """The territory's communes as dots on the map (name, population), one query."""
    rows = (
        territory_communes(pole, units=units)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values_list("name", "population", "latitude", "longitude")[:MAP_COMMUNES_LIMIT]
    )
    return [
        {
            "kind": "place",
            "name": name,
            "detail": ngettext("%(n)s habitant", "%(n)s habitants", population) % {"n": intcomma(population)},
            "lat": round(latitude, 5),
            "lng": round(longitude, 5),
        }
        for name, population, latitude, longitude in rows
    ]


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
    if request.htmx:
        return render(request, "poles/_communes.html", context)
    context["markers"] = _commune_markers(pole, figures["units"])
    context["map_config"] = {"tileUrl": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
    template = "poles/territory.html"
    return render(request, template, context)


@require_GET
@pole_view
def territory_outlines(request):
    """The outlines of the territory's communes (GeoJSON), drawn under the markers of the
    pole's maps: served by the platform itself, so a map still shows where things are
    when no tile server answers."""
    units = pole_figures(request.pole)["units"]
    communes = communes_in_units([(u["kind"], u["code"]) for u in units])
    response = JsonResponse(outlines_of(communes, limit=MAP_COMMUNES_LIMIT))
    response["Content-Type"] = "application/geo+json"
    return response


@require_GET
@pole_view
def charter(request):
    return render(request, "poles/charter.html", {"pole": request.pole})
