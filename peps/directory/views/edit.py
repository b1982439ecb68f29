"""Creating a structure's page (anyone signed in) and editing it (its representatives,
the pole's coordinators, network admins)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from .. import services
from ..forms import StructureForm
from ..selectors import structure_for_page


@login_required
@pole_view
def structure_create(request):
    pole = request.pole
    form = StructureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            structure = services.structure_create(
                pole=pole, by=request.user, fields=form.service_fields(), sectors=form.cleaned_data["sectors"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("La page de « %(name)s » est créée. Vous en êtes le ou la représentant·e.")
                % {"name": structure.name},
            )
            return redirect("directory:structure", pole=pole.slug, slug=structure.slug)
    return render(request, "directory/structure_form.html", {"pole": pole, "form": form, "structure": None})


@login_required
@pole_view
def structure_edit(request, slug: str):
    pole = request.pole
    structure = structure_for_page(pole=pole, slug=slug, user=request.user)
    require(request.user, "directory.change_structure", structure)
    # The form writes what was typed into the instance; the page title keeps the saved name.
    saved_name = structure.name
    form = StructureForm(request.POST or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        try:
            services.structure_update(
                structure=structure,
                by=request.user,
                fields=form.service_fields(),
                sectors=form.cleaned_data["sectors"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La page de « %(name)s » est à jour.") % {"name": structure.name})
            return redirect("directory:structure", pole=pole.slug, slug=structure.slug)
    context = {"pole": pole, "form": form, "structure": structure, "saved_name": saved_name}
    return render(request, "directory/structure_form.html", context)
