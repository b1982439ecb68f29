"""Organisers' side of the agenda: publish, edit and cancel an event, the attendee list
(CSV export), and attendance marking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.commons.models import Resource
from peps.core import exports
from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import AttendanceForm, CancelEventForm, EventForm
from ..models import Event, EventKind, Registration, RegistrationStatus


def _event_form(request, *, instance: Event | None = None, data=None, initial=None) -> EventForm:
    pole = request.pole
    coordinator = request.user.has_perm("agenda.run_bourse", pole)
    if coordinator:
        structures = selectors.member_structures(pole=pole)
    else:
        structures = selectors.publishing_structures(user=request.user, pole=pole)
    return EventForm(
        data,
        instance=instance,
        initial=initial,
        rooms=Resource.objects.filter(pole=pole, kind="room", is_active=True).order_by("name"),
        structures=structures,
        allow_bourse=coordinator,
        # A member publishes on behalf of their structure, never as the pole.
        require_structure=not coordinator,
    )


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def event_create(request):
    require(request.user, "agenda.publish_event", request.pole)
    initial = {}
    if request.GET.get("type") in EventKind.values:
        initial["kind"] = request.GET["type"]
    form = _event_form(request, data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_publish(pole=request.pole, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("L’événement est publié dans l’agenda."))
            if event.is_bourse:
                return redirect("agenda:bourse", pole=request.pole.slug, pk=event.pk)
            return redirect(event.get_absolute_url())
    return render(request, "agenda/form.html", {"form": form, "editing": False})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def event_edit(request, pk: int):
    event = selectors.event_for_organiser(user=request.user, pole=request.pole, pk=pk)
    if event.is_cancelled:
        messages.error(request, _("Un événement annulé ne se modifie plus."))
        return redirect(event.get_absolute_url())
    form = _event_form(request, instance=event, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("L’événement est mis à jour."))
            return redirect(event.get_absolute_url())
    return render(request, "agenda/form.html", {"form": form, "editing": True, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def event_cancel(request, pk: int):
    """A confirmation page first: cancelling e-mails everyone registered."""
    event = selectors.event_for_organiser(user=request.user, pole=request.pole, pk=pk)
    if event.is_cancelled:
        messages.info(request, _("Cet événement est déjà annulé."))
        return redirect(event.get_absolute_url())
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.event_cancel(event=event, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("L’événement est annulé ; les personnes inscrites sont prévenues par e-mail."))
        return redirect(event.get_absolute_url())
    return render(request, "agenda/cancel.html", {"event": event, "form": form})


@login_required
@require_GET
@pole_view
def attendees(request, pk: int):
    event = selectors.event_for_organiser(user=request.user, pole=request.pole, pk=pk)
    registrations = selectors.event_registrations(event=event)
    context = {
        "event": event,
        "confirmed": [r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
    }
    return render(request, "agenda/attendees.html", context)


@login_required
@require_GET
@pole_view
def attendees_csv(request, pk: int):
    """UTF-8 with a BOM and `;` separators: what French Excel opens without mangling accents."""
    event = selectors.event_for_organiser(user=request.user, pole=request.pole, pk=pk)
    response, writer = exports.csv_response(f"participants-evenement-{event.pk}.csv")
    writer.writerow(
        [_("Nom"), _("E-mail"), _("Statut"), _("Rang en liste d’attente"), _("Inscrit·e le"), _("Présence")]
    )
    rank = 0
    for registration in selectors.event_registrations(event=event):
        waiting = registration.status == RegistrationStatus.WAITING
        rank += int(waiting)
        writer.writerow(
            [
                registration.person.public_name,
                registration.person.email,
                registration.get_status_display(),
                rank if waiting else "",
                timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M"),
                registration.get_attendance_display() if registration.attendance else "",
            ]
        )
    return response


@login_required
@require_POST
@pole_view
def attendance(request, pk: int, registration_pk: int):
    event = selectors.event_for_organiser(user=request.user, pole=request.pole, pk=pk)
    registration = Registration.objects.filter(event=event, pk=registration_pk).select_related("person").first()
    if registration is None:
        raise Http404
    form = AttendanceForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.registration_set_attendance(
                registration=registration, attendance=form.cleaned_data["attendance"], by=request.user
            )
        except ValidationError as exc:
            error = refusal_text(exc)
    else:
        error = _("Valeur de présence inconnue.")
    if request.htmx:
        return render(
            request,
            "agenda/_attendance_row.html",
            {"event": event, "registration": registration, "error": error, "saved": not error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Présence de %(name)s enregistrée.") % {"name": registration.person.public_name})
    return redirect("agenda:attendees", pole=request.pole.slug, pk=event.pk)
