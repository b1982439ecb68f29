"""The pole's administration: settings, colleges and territory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from ..forms import CollegeForm, PoleSettingsForm, TerritoryUnitForm
from ..models import College, Membership, TerritoryUnit
from ..selectors import colleges_of, pole_figures
from ..services import (
    POLE_SETTINGS_FIELDS,
    college_save,
    pole_update_settings,
    territory_unit_add,
    territory_unit_remove,
)
from .access import staff_only


@login_required
@pole_view
def settings_view(request):
    if denied := staff_only(request, "poles.manage_settings"):
        return denied
    pole = request.pole
    form = PoleSettingsForm(request.POST or None, instance=pole)
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in POLE_SETTINGS_FIELDS}
        try:
            pole_update_settings(pole=form.instance, by=request.user, **values)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Les réglages du pôle sont enregistrés."))
            return redirect("poles:home", pole=pole.slug)
    return render(request, "poles/settings.html", {"pole": pole, "form": form})


def _college_values(form) -> dict:
    return {key: form.cleaned_data[key] for key in ("name", "description", "board_seats", "position")}


@login_required
@pole_view
def colleges(request):
    if denied := staff_only(request, "poles.manage_colleges"):
        return denied
    pole = request.pole
    form = CollegeForm(request.POST or None, instance=College(pole=pole))
    if request.method == "POST" and form.is_valid():
        try:
            college = college_save(pole=pole, **_college_values(form))
        except ValidationError as error:
            apply_validation_error(form, error, field="name")
        else:
            messages.success(request, _("Collège créé : %(name)s.") % {"name": college.name})
            return redirect("poles:colleges", pole=pole.slug)
    return render(request, "poles/colleges.html", {"pole": pole, "form": form, "colleges": colleges_of(pole)})


@login_required
@pole_view
def college_edit(request, pk: int):
    if denied := staff_only(request, "poles.manage_colleges"):
        return denied
    pole = request.pole
    college = get_object_or_404(College, pole=pole, pk=pk)
    form = CollegeForm(request.POST or None, instance=college)
    if request.method == "POST" and form.is_valid():
        stored = get_object_or_404(College, pole=pole, pk=pk)
        try:
            college_save(pole=pole, college=stored, **_college_values(form))
        except ValidationError as error:
            apply_validation_error(form, error, field="name")
        else:
            messages.success(request, _("Collège mis à jour."))
            return redirect("poles:colleges", pole=pole.slug)
    members = Membership.objects.filter(college=college).count()
    return render(
        request, "poles/college_edit.html", {"pole": pole, "form": form, "college": college, "members": members}
    )


@login_required
@pole_view
def territory_edit(request):
    if denied := staff_only(request, "poles.manage_territory"):
        return denied
    pole = request.pole
    form = TerritoryUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = territory_unit_add(pole=pole, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error, field="code")
        else:
            messages.success(request, _("Ajouté au territoire : %(unit)s.") % {"unit": unit.label})
            return redirect("poles:territory_edit", pole=pole.slug)
    return render(request, "poles/territory_edit.html", {"pole": pole, "form": form, "figures": pole_figures(pole)})


@login_required
@pole_view
def territory_unit_remove_view(request, pk: int):
    """GET asks for confirmation; POST removes the unit."""
    if denied := staff_only(request, "poles.manage_territory"):
        return denied
    pole = request.pole
    unit = get_object_or_404(TerritoryUnit, pole=pole, pk=pk)
    if request.method == "POST":
        territory_unit_remove(unit=unit)
        messages.success(request, _("Retiré du territoire : %(unit)s.") % {"unit": unit.label or unit.code})
        return redirect("poles:territory_edit", pole=pole.slug)
    return render(request, "poles/territory_unit_remove.html", {"pole": pole, "unit": unit})
