"""Permanences of the resource space: the list, a permanence's page with the times one may
book with its host, holding a new one in a room, and cancelling an appointment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from .. import permanences, selectors
from ..models import PermanenceAppointment
from ..permanence_forms import AppointmentForm, PermanenceForm
from ..services import SeriesConflict


@require_GET
@pole_view
def permanence_list(request):
    items = list(permanences.permanences_of_pole(pole=request.pole)[:100])
    for item in items:
        item.label = permanences.permanence_label(item)
    return render(request, "commons/permanences.html", {"permanences": items})


def _page(request, permanence, form=None, status=200):
    user = request.user
    context = {
        "permanence": permanence,
        "label": permanences.permanence_label(permanence),
        "dates": permanences.upcoming_dates(permanence=permanence),
        "form": form or AppointmentForm(),
        "is_host": user.is_authenticated and user.pk == permanence.host_id,
    }
    if context["is_host"]:
        context["appointments"] = permanences.host_appointments(permanence=permanence)
    elif user.is_authenticated:
        context["my_appointments"] = [
            a for a in permanences.my_appointments(person=user, pole=request.pole) if a.permanence_id == permanence.pk
        ]
    return render(request, "commons/permanence.html", context, status=status)


@require_http_methods(["GET", "POST"])
@pole_view
def permanence_detail(request, pk: int):
    permanence = permanences.permanence_for_viewer(pole=request.pole, pk=pk)
    if request.method == "GET":
        return _page(request, permanence)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = AppointmentForm(request.POST)
    if form.is_valid():
        try:
            appointment = permanences.appointment_book(
                permanence=permanence,
                person=request.user,
                starts_at=form.cleaned_data["starts_at"],
                topic=form.cleaned_data["topic"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Rendez-vous pris le %(when)s avec %(host)s. Vous le retrouvez dans vos notifications.")
                % {"when": permanences._when(appointment.starts_at), "host": permanence.host.public_name},
            )
            return redirect(permanence.get_absolute_url())
    return _page(request, permanence, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def permanence_create(request, pk: int):
    resource = selectors.resource_for_viewer(user=request.user, pole=request.pole, pk=pk)
    if not request.user.has_perm("commons.book_series", resource):
        raise PermissionDenied
    structures = selectors.bookable_structures(user=request.user, pole=request.pole)
    form = PermanenceForm(request.POST if request.method == "POST" else None, structures=structures)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        skip = data.pop("on_conflict") == "skip"
        try:
            permanence = permanences.permanence_create(resource=resource, by=request.user, skip_conflicts=skip, **data)
        except SeriesConflict as conflict:
            form.add_error(None, conflict.messages[0])
            conflicts = conflict.conflicts
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La permanence est créée ; elle paraît dans l’agenda du pôle."))
            return redirect(permanence.get_absolute_url())
    context = {"resource": resource, "form": form, "conflicts": conflicts}
    return render(request, "commons/permanence_form.html", context)


@login_required
@require_POST
@pole_view
def appointment_cancel(request, pk: int):
    appointment = get_object_or_404(
        PermanenceAppointment.objects.select_related("permanence__pole", "permanence__host", "person"),
        pk=pk,
        permanence__pole=request.pole,
    )
    if request.user.pk not in (appointment.person_id, appointment.permanence.host_id):
        raise PermissionDenied
    permanences.appointment_cancel(appointment=appointment, by=request.user)
    messages.success(request, _("Le rendez-vous est annulé ; l’autre personne est prévenue."))
    return redirect(appointment.permanence.get_absolute_url())
