"""Coordinators' pages of the shared resources: the catalogue's edition and deletion, the
requests to approve and loans to follow, and the usage statistics. Members of the pole get
403 here; people outside it get 404 (they learn nothing of the pole's bookings)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import refusal_text
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import DeleteResourceForm, RefuseForm, ResourceForm, StatisticsForm
from ..models import Resource


def _require_coordinator(request) -> None:
    require(request.user, "commons.manage_resources", request.pole, hide=not request.is_member)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def resource_create(request):
    _require_coordinator(request)
    form = ResourceForm(request.POST or None, instance=Resource(pole=request.pole))
    if request.method == "POST" and form.is_valid():
        resource = services.resource_save(resource=form.instance, by=request.user)
        messages.success(request, _("La ressource est ajoutée au catalogue."))
        return redirect(resource.get_absolute_url())
    return render(request, "commons/resource_form.html", {"form": form, "resource": None})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def resource_edit(request, pk: int):
    _require_coordinator(request)
    resource = selectors.resource_for_viewer(user=request.user, pole=request.pole, pk=pk)
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        services.resource_save(resource=form.instance, by=request.user)
        messages.success(request, _("La ressource est mise à jour."))
        return redirect(resource.get_absolute_url())
    return render(request, "commons/resource_form.html", {"form": form, "resource": resource})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def resource_delete(request, pk: int):
    """A confirmation step: the future bookings are listed, and deleting with them requires
    ticking the box that cancels them (their authors are e-mailed)."""
    _require_coordinator(request)
    resource = selectors.resource_for_viewer(user=request.user, pole=request.pole, pk=pk)
    form = DeleteResourceForm(request.POST if request.method == "POST" else None)
    upcoming = selectors.future_bookings(resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = services.resource_delete(
                resource=resource, by=request.user, cancel_future=form.cleaned_data["cancel_future"]
            )
        except services.ResourceHasFutureBookings as refused:
            form.add_error("cancel_future", refused.messages[0])
            upcoming = refused.bookings
        else:
            messages.success(
                request,
                ngettext(
                    "« %(name)s » est supprimée ; %(n)d réservation annulée.",
                    "« %(name)s » est supprimée ; %(n)d réservations annulées.",
                    cancelled,
                )
                % {"name": resource.name, "n": cancelled},
            )
            return redirect("commons:catalogue", pole=request.pole.slug)
    context = {"resource": resource, "form": form, "upcoming": upcoming}
    return render(request, "commons/resource_delete.html", context)


@login_required
@require_GET
@pole_view
def manage(request):
    _require_coordinator(request)
    context = {**selectors.coordinator_queues(pole=request.pole), "refuse_form": RefuseForm()}
    return render(request, "commons/manage.html", context)


def _decided(request, pk: int):
    _require_coordinator(request)
    return selectors.booking_for_viewer(user=request.user, pole=request.pole, pk=pk)


def _back(request, booking):
    """Back to the coordinator page, or to the booking when the form was posted from there."""
    if request.POST.get("back") == "booking":
        return redirect(booking.get_absolute_url())
    return redirect("commons:manage", pole=request.pole.slug)


@login_required
@require_POST
@pole_view
def booking_approve(request, pk: int):
    booking = _decided(request, pk)
    try:
        services.booking_approve(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("La réservation de %(who)s est confirmée.") % {"who": booking.booked_by})
    return _back(request, booking)


@login_required
@require_POST
@pole_view
def booking_refuse(request, pk: int):
    booking = _decided(request, pk)
    form = RefuseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.booking_refuse(booking=booking, by=request.user, note=note)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("La demande de %(who)s est refusée.") % {"who": booking.booked_by})
    return _back(request, booking)


@login_required
@require_POST
@pole_view
def booking_return(request, pk: int):
    booking = _decided(request, pk)
    try:
        services.booking_record_return(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Le retour de « %(name)s » est enregistré.") % {"name": booking.resource})
    return _back(request, booking)


@login_required
@require_GET
@pole_view
def statistics(request):
    _require_coordinator(request)
    form = StatisticsForm(request.GET or None)
    start, end = form.period()
    if not form.is_bound:
        form = StatisticsForm(initial={"start": start, "end": end})
    context = {"form": form, "stats": selectors.usage_statistics(pole=request.pole, start=start, end=end)}
    return render(request, "commons/statistics.html", context)
