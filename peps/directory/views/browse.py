"""The directory of structures (filters, search) and a structure's page, open to everyone."""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.text import capfirst
from django.views.decorators.http import require_GET

from peps.core.tenancy import pole_view
from peps.core.visibility import RANK, Visibility, can_see
from peps.core.widgets import search_query
from peps.partnerships.selectors import partnerships_of_structure

from ..forms import DirectoryFilterForm
from ..map import structures_on_map
from ..models import RepresentativeStatus
from ..selectors import (
    DirectoryFilters,
    can_edit_structure,
    colleges_of,
    communes_with_structures,
    directory_page,
    sector_options,
    structure_for_page,
    structure_memberships,
    structure_projects,
    structure_representatives,
    structure_sectors,
    structures_for_directory,
)

# How many suggestions a search field shows (peps.core.widgets.SearchSelect).
SUGGESTIONS = 10


@require_GET
@pole_view
def structure_choices(request):
    """Suggestions for a field that picks one of the pole's structures among thousands."""
    query = search_query(request)
    structures = structures_for_directory(pole=request.pole, filters=DirectoryFilters(q=query))[:SUGGESTIONS]
    options = [(s.pk, f"{s.name} ({s.commune.name})" if s.commune_id else s.name) for s in structures]
    return render(request, "core/widgets/_search_options.html", {"options": options})


@require_GET
@pole_view
def structure_list(request):
    pole = request.pole
    form = DirectoryFilterForm(
        request.GET,
        sectors=sector_options(),
        communes=communes_with_structures(pole=pole),
        colleges=colleges_of(pole=pole),
    )
    filters = form.filters()
    if request.GET.get("vue") == "carte":
        # The map view: the same filters, every matching structure at its commune.
        context = {
            "pole": pole,
            "form": form,
            "filters": filters,
            **structures_on_map(structures_for_directory(pole=pole, filters=filters), pole_slug=pole.slug),
            "map_config": {"tileUrl": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        }
        return render(request, "directory/map.html", context)
    page = directory_page(pole=pole, filters=filters, request=request)
    context = {"pole": pole, "form": form, "filters": filters, "page": page}
    # Same URL for the whole page and the htmx update of the results.
    template = "directory/_results.html" if request.htmx else "directory/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _contact_rows(structure, rank: int) -> list[tuple[str, str, str]]:
    """(kind, label, value) of the contact fields the viewer may see."""
    rows = []
    for kind, visibility in (
        ("address", "address_visibility"),
        ("email", "email_visibility"),
        ("phone", "phone_visibility"),
        ("contact_name", "contact_visibility"),
    ):
        value = getattr(structure, kind)
        if value and can_see(getattr(structure, visibility), rank):
            rows.append((kind, capfirst(structure._meta.get_field(kind).verbose_name), value))
    return rows


@require_GET
@pole_view
def structure_detail(request, slug: str):
    pole, user = request.pole, request.user
    structure = structure_for_page(pole=pole, slug=slug, user=user, sectors=False)
    # Read before the rule asks whether the viewer is an approved representative: the
    # viewer's own claim comes with them.
    representatives = structure_representatives(structure=structure, user=user)
    can_edit = user.is_authenticated and can_edit_structure(user, structure)
    # Those who keep the page up to date see all of it, whatever its privacy settings.
    rank = RANK[Visibility.COORDINATORS] if can_edit else request.viewer_rank
    own_claim = next((r for r in representatives if r.person_id == user.pk), None)
    approved = [r for r in representatives if r.status == RepresentativeStatus.APPROVED]
    # A representative's name is shown only to those who may see their profile.
    named = [r for r in approved if r.person_id == user.pk or can_see(r.person.profile_visibility, rank)]
    context = {
        "pole": pole,
        "structure": structure,
        "sectors": structure_sectors(structure=structure),
        "contacts": _contact_rows(structure, rank),
        "memberships": structure_memberships(structure=structure),
        "representatives": named,
        "unnamed_representatives": len(approved) - len(named),
        "own_claim": own_claim,
        "projects": structure_projects(structure=structure, user=user),
        "can_edit": can_edit,
        "can_review": request.is_coordinator,
        # Issue 3: the partnerships where this structure is the partner.
        "partnerships": partnerships_of_structure(structure, user, limit=20),
    }
    return render(request, "directory/structure.html", context)
