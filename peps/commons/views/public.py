"""Pages of the shared resources: the catalogue, a resource with its week calendar, booking
(one period or a weekly series) and someone's bookings. Coordinators' pages are in
manage.py."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import BookingForm, CatalogueFilterForm, SeriesForm
from ..models import ResourceKind
from ..permanences import permanences_in


@require_GET
@pole_view
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    resources = selectors.resource_catalogue(pole=request.pole, include_inactive=request.is_coordinator, **filters)
    context = {
        "form": form,
        "page": paginate(resources, request),
        "filtered": any(filters.values()),
        "can_manage": request.is_coordinator,
    }
    template = "commons/_results.html" if request.htmx else "commons/catalogue.html"
    return render(request, template, context)


def _week_of(request) -> datetime.date:
    """The week asked for in ?semaine=YYYY-MM-DD (any day of it); a malformed value is ignored."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("semaine", ""))
    except ValueError:
        return datetime.date.today()
    return day if datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 1, 1) else datetime.date.today()


@require_GET
@pole_view
def resource_detail(request, pk: int):
    resource = selectors.resource_for_viewer(user=request.user, pole=request.pole, pk=pk)
    context = {
        "resource": resource,
        "calendar": selectors.week_calendar(resource=resource, week_of=_week_of(request)),
        # Who booked is shown to coordinators only; others see "busy".
        "show_names": request.is_coordinator,
        "can_book": request.user.has_perm("commons.book_resource", resource),
        "can_book_series": request.user.has_perm("commons.book_series", resource),
        "can_manage": request.is_coordinator,
        "permanences": permanences_in(resource=resource),
    }
    template = "commons/_calendar.html" if request.htmx else "commons/resource.html"
    return render(request, template, context)


def _booking_form(request, resource, data=None):
    structures = selectors.bookable_structures(user=request.user, pole=request.pole)
    return BookingForm(data, structures=structures, is_loan=resource.is_loan)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def book(request, pk: int):
    resource = selectors.resource_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "commons.book_resource", resource)
    form = _booking_form(request, resource, request.POST if request.method == "POST" else None)
    if request.method == "GET" and "starts_at" in request.GET:
        # Prefilled from a free cell of the calendar; still a GET, nothing is booked yet.
        form = _booking_form(request, resource)
        form.initial = {k: request.GET.get(k) for k in ("starts_at", "ends_at")}
    free_slots = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_create(
                resource=resource,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                structure=data["structure"],
                purpose=data["purpose"],
            )
        except services.SlotTaken as taken:
            form.add_error(None, taken.messages[0])
            free_slots = taken.free_slots
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if booking.status == "requested":
                messages.success(request, _("Votre demande est enregistrée : la coordination doit la valider."))
            else:
                messages.success(request, _("C’est réservé. Un e-mail de confirmation vous est envoyé."))
            return redirect(booking.get_absolute_url())
    context = {"resource": resource, "form": form, "free_slots": free_slots}
    return render(request, "commons/book.html", context, status=200)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def book_series(request, pk: int):
    resource = selectors.resource_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "commons.book_series", resource)
    structures = selectors.bookable_structures(user=request.user, pole=request.pole)
    form = SeriesForm(request.POST if request.method == "POST" else None, structures=structures)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.series_create(
                resource=resource,
                by=request.user,
                rrule=form.rrule,
                first_date=data["first_date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                structure=data["structure"],
                purpose=data["purpose"],
                skip_conflicts=data["on_conflict"] == "skip",
            )
        except services.SeriesConflict as conflict:
            form.add_error(None, conflict.messages[0])
            conflicts = conflict.conflicts
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            booked = ngettext("%(n)d séance réservée.", "%(n)d séances réservées.", len(result.bookings)) % {
                "n": len(result.bookings)
            }
            if result.skipped:
                booked += " " + ngettext(
                    "%(s)d date écartée car déjà prise.", "%(s)d dates écartées car déjà prises.", len(result.skipped)
                ) % {"s": len(result.skipped)}
            messages.success(request, booked)
            return redirect("commons:my_bookings", pole=request.pole.slug)
    context = {"resource": resource, "form": form, "conflicts": conflicts}
    return render(request, "commons/series.html", context)


@login_required
@require_GET
@pole_view
def my_bookings(request):
    context = selectors.my_bookings(user=request.user, pole=request.pole)
    return render(request, "commons/my_bookings.html", context)


@login_required
@require_GET
@pole_view
def booking_detail(request, pk: int):
    booking = selectors.booking_for_viewer(user=request.user, pole=request.pole, pk=pk)
    context = {
        "booking": booking,
        "can_cancel": booking.is_active and request.user.has_perm("commons.cancel_booking", booking),
        "can_decide": request.user.has_perm("commons.decide_booking", booking),
        "is_room": booking.resource.kind == ResourceKind.ROOM,
    }
    return render(request, "commons/booking.html", context)


@login_required
@require_POST
@pole_view
def booking_cancel(request, pk: int):
    booking = selectors.booking_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "commons.cancel_booking", booking)
    try:
        services.booking_cancel(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("La réservation est annulée."))
    return redirect(booking.get_absolute_url())
