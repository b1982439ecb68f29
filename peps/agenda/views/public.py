"""Public side of the agenda: upcoming events, the month view, an event's page, registering
and cancelling, and the calendar feeds. Organisers' pages are in manage.py, the
Bourse aux projets in bourse.py."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.commons.permanences import occurrences_by_day, permanence_label
from peps.core.access import require
from peps.core.forms import refusal_text
from peps.core.tenancy import get_pole, pole_view

from .. import ical, selectors, services
from ..models import RegistrationStatus

MONTH_VIEW_YEARS = (2000, 2100)


def _permanences(pole) -> list:
    items = selectors.pole_permanences(pole=pole, limit=20)
    for item in items:
        item.label = permanence_label(item)
    return items


@require_GET
@pole_view
def event_list(request):
    context = {
        "page": selectors.upcoming_page(user=request.user, pole=request.pole, request=request),
        "can_publish": request.user.has_perm("agenda.publish_event", request.pole),
        "today": timezone.localdate(),
        "permanences": _permanences(request.pole),
    }
    template = "agenda/_event_list.html" if request.htmx else "agenda/list.html"
    return render(request, template, context)


@require_GET
@pole_view
def month(request, year: int | None = None, month: int | None = None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (MONTH_VIEW_YEARS[0] <= year <= MONTH_VIEW_YEARS[1] and 1 <= month <= 12):
        raise Http404
    grid = selectors.month_grid(user=request.user, pole=request.pole, year=year, month=month)
    # Permanences of the resource space are public recurring slots: shown on their days.
    held = occurrences_by_day(pole=request.pole, first=grid.weeks[0][0]["date"], last=grid.weeks[-1][-1]["date"])
    for week in grid.weeks:
        for day in week:
            day["permanences"] = held.get(day["date"], [])
    context = {"grid": grid, "today": today, "can_publish": request.user.has_perm("agenda.publish_event", request.pole)}
    template = "agenda/_month.html" if request.htmx else "agenda/month.html"
    return render(request, template, context)


def detail_context(request, event) -> dict:
    user = request.user
    registration = selectors.registration_of(event=event, user=user)
    if registration is not None and registration.status == RegistrationStatus.CANCELLED:
        registration = None
    capacity = event.capacity
    context = {
        "event": event,
        "registration": registration,
        "waiting_rank": selectors.waiting_rank(registration=registration) if registration else 0,
        "places_left": None if capacity is None else max(0, capacity - event.confirmed_count),
        "is_past": event.ends_at <= timezone.now(),
        "can_change": user.has_perm("agenda.change_event", event),
        "can_register": user.has_perm("agenda.register", event),
    }
    context["registration_possible"] = event.registration_open and not event.is_cancelled and not context["is_past"]
    return context


@require_GET
@pole_view
def event_detail(request, pk: int):
    event = selectors.event_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "agenda/detail.html", detail_context(request, event))


@login_required
@require_POST
@pole_view
def register(request, pk: int):
    """Register (or, with action=cancel, give back one's place). The form says which, so a
    double submit cannot undo itself."""
    event = selectors.event_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "agenda.register", event)
    error = None
    if request.POST.get("action") == "cancel":
        registration = selectors.registration_of(event=event, user=request.user)
        if registration is not None:
            services.registration_cancel(registration=registration, by=request.user)
        success = _("Votre inscription est annulée.")
    else:
        try:
            registration = services.registration_create(event=event, person=request.user)
        except ValidationError as exc:
            error = refusal_text(exc)
        else:
            if registration.status == RegistrationStatus.WAITING:
                success = _("L’événement est complet : vous êtes sur la liste d’attente. Un e-mail vous le confirme.")
            else:
                success = _("Vous êtes inscrit·e. Un e-mail de confirmation vous a été envoyé.")
    # Counts changed: read the event again.
    event = selectors.event_for_viewer(user=request.user, pole=request.pole, pk=pk)
    if request.htmx:
        context = detail_context(request, event)
        context["notice"] = error or success
        return render(request, "agenda/_registration.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect(event.get_absolute_url())


@require_GET
@pole_view
def event_ics(request, pk: int):
    """« Ajouter à mon calendrier »: the event alone, as a file to open."""
    event = selectors.event_for_viewer(user=request.user, pole=request.pole, pk=pk)
    content = ical.build_calendar([event], name=event.title)
    return ical.ical_response(content, filename=f"evenement-{event.pk}.ics", download=True)


@require_GET
@pole_view
def pole_feed(request):
    """The pole's public events, to subscribe to in any calendar application."""
    events = selectors.public_feed_events(pole=request.pole)
    name = _("Agenda de %(pole)s") % {"pole": request.pole.short_name or request.pole.name}
    return ical.ical_response(ical.build_calendar(events, name=name), filename=f"agenda-{request.pole.slug}.ics")


@require_GET
def private_feed(request, pole: str, token: str):
    """A person's registrations, at a secret URL (calendar applications do not log in)."""
    pole_obj = get_pole(pole)
    person = selectors.person_for_token(token)
    registrations = selectors.private_feed_registrations(person=person, pole=pole_obj)
    name = _("Mes inscriptions — %(pole)s") % {"pole": pole_obj.short_name or pole_obj.name}
    content = ical.build_calendar(
        [registration.event for registration in registrations],
        name=name,
        waiting={r.event_id for r in registrations if r.status == RegistrationStatus.WAITING},
    )
    response = ical.ical_response(content, filename="mes-inscriptions.ics")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def my_calendar(request):
    """Where a person finds (and can renew) the secret address of their private feed."""
    regenerate = request.method == "POST"
    token = services.calendar_token_for(person=request.user, regenerate=regenerate)
    if regenerate:
        messages.success(request, _("Nouvelle adresse créée : l’ancienne ne fonctionne plus."))
        return redirect("agenda:my_calendar", pole=request.pole.slug)
    path = reverse("agenda:private_feed", kwargs={"pole": request.pole.slug, "token": token.token})
    registrations = selectors.private_feed_registrations(person=request.user, pole=request.pole)
    now = timezone.now()
    context = {
        "feed_url": services.absolute_url(path),
        "registrations": [r for r in registrations if r.event.ends_at >= now - datetime.timedelta(hours=1)],
    }
    return render(request, "agenda/my_calendar.html", context)
