"""Network pages: the directory and the map of poles, a pole's fiche and its editor, and the
comparison of 2 to 4 poles on the study's two grids and their referential results."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from peps.core.access import require

from . import selectors, services
from .forms import ComparisonForm, DirectoryFilterForm, ProfileForm
from .models import PoleProfile


def _filtered(request):
    form = DirectoryFilterForm(request.GET or None)
    return form, form.filters()


@require_GET
def directory(request):
    form, filters = _filtered(request)
    page = selectors.directory_page(filters=filters, request=request)
    context = {"form": form, "page": page, "filtered": bool(filters)}
    template = "network/_directory_results.html" if request.htmx else "network/directory.html"
    return render(request, template, context)


@require_GET
def pole_map(request):
    form, filters = _filtered(request)
    poles = selectors.poles_on_map(filters=filters)
    context = {
        "form": form,
        "poles": poles,
        "filtered": bool(filters),
        "markers": selectors.map_markers(poles),
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
    }
    return render(request, "network/map.html", context)


@require_GET
def profile(request, slug: str):
    pole = selectors.pole_for_viewer(user=request.user, slug=slug)
    sheet = selectors.profile_of_pole(pole)
    can_edit = request.user.has_perm("network.change_profile", pole)
    context = {
        "pole": pole,
        "profile": sheet,
        "comparison": selectors.comparison_grid([pole]),
        "emergence": selectors.emergence_grid([pole]),
        "results": selectors.results_summary(pole, user=request.user),
        "can_edit": can_edit,
        "changes": list(sheet.changes.select_related("by")[:10]) if (can_edit and sheet) else [],
    }
    return render(request, "network/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, slug: str):
    pole = selectors.pole_for_viewer(user=request.user, slug=slug)
    require(request.user, "network.change_profile", pole)
    instance = selectors.profile_of_pole(pole) or PoleProfile(pole=pole)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            pole=pole,
            by=request.user,
            values=form.values(),
            themes=list(form.cleaned_data["themes"]),
            new_themes=form.cleaned_data["new_themes"],
        )
        messages.success(request, _("La fiche du pôle est enregistrée."))
        return redirect("network:profile", slug=pole.slug)
    return render(request, "network/profile_form.html", {"pole": pole, "form": form})


@require_GET
def compare(request):
    asked = "poles" in request.GET
    # « Comparer ce pôle avec d’autres » on a fiche arrives with ?avec=<slug> ticked.
    initial = {"poles": [request.GET["avec"]]} if "avec" in request.GET else None
    form = ComparisonForm(request.GET if asked else None, user=request.user, initial=initial)
    context = {"form": form, "poles": []}
    if asked and form.is_valid():
        poles, _unknown = selectors.poles_for_comparison(user=request.user, slugs=form.cleaned_data["poles"])
        context.update(
            poles=poles,
            comparison=selectors.comparison_grid(poles),
            emergence=selectors.emergence_grid(poles),
            results=selectors.results_table(poles, user=request.user),
        )
    return render(request, "network/compare.html", context)
