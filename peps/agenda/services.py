"""Every write of the agenda: events, registrations and the waiting list, attendance,
reminders, private feed tokens. The Bourse aux projets is in bourse.py.

Registrations lock the event row (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
IMMEDIATE transaction mode serialises writers) and count confirmed places inside the
transaction, so capacity holds under concurrency. E-mails leave after commit."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.notifications.services import notify
from peps.poles.models import Pole

from .models import (
    Attendance,
    BourseSession,
    CalendarToken,
    Event,
    EventKind,
    EventStatus,
    PlaceKind,
    Registration,
    RegistrationStatus,
)

EVENT_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place_kind",
    "room",
    "address",
    "commune",
    "online_url",
    "description",
    "capacity",
    "audience",
    "registration_open",
    "organiser_structure",
)
ROOM_KIND = "room"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _email_context(event: Event, **extra) -> dict:
    return {"event": event, "url": absolute_url(event.get_absolute_url()), "pole": event.pole, **extra}


def _tell(people, event: Event, template: str, **extra) -> None:
    """Tell people about an event, in the app and by e-mail as each one chose."""
    notify(
        recipients=people,
        kind=f"agenda.{template}",
        url=event.get_absolute_url(),
        pole=event.pole,
        email_template=f"agenda/email/{template}",
        context=_email_context(event, **extra),
    )


def _clean_event(*, pole: Pole, data: dict, event: Event | None = None) -> dict:
    """Check times, place and capacity; return only the fields that apply to the chosen place."""
    errors: dict[str, str] = {}
    values = {name: data.get(name) for name in EVENT_FIELDS if name in data}
    values["title"] = (values.get("title") or "").strip()
    if not values["title"]:
        errors["title"] = _("Donnez un titre à l’événement.")
    if values.get("kind") not in EventKind.values:
        errors["kind"] = _("Choisissez un type d’événement.")
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if not starts_at or not ends_at:
        errors["starts_at"] = _("Indiquez le début et la fin.")
    elif ends_at <= starts_at:
        errors["ends_at"] = _("La fin doit venir après le début.")
    capacity = values.get("capacity")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Le nombre de places doit être d’au moins 1 (ou laissez vide pour ne pas limiter).")
    elif capacity is not None and event is not None and event.pk:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if capacity < confirmed:
            errors["capacity"] = _(
                "%(n)d personnes ont déjà une place confirmée : le nombre de places ne peut pas être inférieur."
            ) % {"n": confirmed}
    place = values.get("place_kind") or PlaceKind.ADDRESS
    values["place_kind"] = place
    room = values.get("room")
    if place == PlaceKind.ROOM:
        if room is None or room.pole_id != pole.pk or room.kind != ROOM_KIND:
            errors["room"] = _("Choisissez une salle du pôle.")
        values.update(address="", commune=None, online_url="")
    elif place == PlaceKind.ONLINE:
        if not values.get("online_url"):
            errors["online_url"] = _("Indiquez le lien de la réunion en ligne.")
        values.update(room=None, address="", commune=None)
    else:
        if not values.get("commune"):
            errors["commune"] = _("Indiquez la commune où a lieu l’événement.")
        values.update(room=None, online_url="")
    structure = values.get("organiser_structure")
    if structure is not None and structure.pole_id != pole.pk:
        errors["organiser_structure"] = _("Cette structure n’appartient pas au pôle.")
    if errors:
        raise ValidationError(errors)
    values["description"] = (values.get("description") or "").strip()
    values["address"] = (values.get("address") or "").strip()
    return values


def event_publish(*, pole: Pole, by, data: dict) -> Event:
    """Publish an event; a Bourse aux projets also gets its session record."""
    values = _clean_event(pole=pole, data=data)
    with transaction.atomic():
        event = Event.objects.create(pole=pole, created_by=by, **values)
        if event.kind == EventKind.BOURSE:
            BourseSession.objects.create(event=event)
    return event


# A change to any of these is news for the people registered: they get an e-mail.
PRACTICAL_FIELDS = ("starts_at", "ends_at", "place_kind", "room_id", "address", "commune_id", "online_url")


def event_update(*, event: Event, by, data: dict) -> Event:
    """Change an event; places freed by a larger capacity go to the waiting list, and the
    people registered are told when the time or the place changes."""
    values = _clean_event(pole=event.pole, data=data, event=event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        before = {name: getattr(locked, name) for name in PRACTICAL_FIELDS}
        before_facts = {"starts_at": locked.starts_at, "ends_at": locked.ends_at, "place": locked.place_label}
        for name, value in values.items():
            setattr(locked, name, value)
        locked.sequence += 1
        locked.save()
        if locked.kind == EventKind.BOURSE:
            BourseSession.objects.get_or_create(event=locked)
        promoted = _promote_waiting(locked)
        if any(getattr(locked, name) != before[name] for name in PRACTICAL_FIELDS):
            _email_changed(locked, before_facts, skip={r.pk for r in promoted})
    for registration in promoted:
        _email_promoted(registration, locked)
    return locked


def _email_changed(event: Event, before: dict, *, skip: set[int]) -> None:
    """One e-mail to each person with a place or on the waiting list, with the old and new facts."""
    people = [
        registration.person
        for registration in event.registrations.filter(
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        )
        .exclude(pk__in=skip)
        .select_related("person")
    ]
    _tell(people, event, "changed", before=before, now_place=event.place_label)


def event_cancel(*, event: Event, by, reason: str = "") -> Event:
    """Cancel an event and tell everyone registered (confirmed or waiting)."""
    if event.is_cancelled:
        raise ValidationError(_("Cet événement est déjà annulé."), code="already_cancelled")
    with transaction.atomic():
        locked = Event.objects.select_for_update(of=("self",)).select_related("pole").get(pk=event.pk)
        locked.status = EventStatus.CANCELLED
        locked.cancel_reason = (reason or "").strip()
        locked.cancelled_at = timezone.now()
        locked.registration_open = False
        locked.sequence += 1
        locked.save(update_fields=["status", "cancel_reason", "cancelled_at", "registration_open", "sequence"])
        people = [
            registration.person
            for registration in locked.registrations.filter(
                status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
            ).select_related("person")
        ]
        _tell(people, locked, "cancelled", reason=reason)
    return locked


def registration_create(*, event: Event, person, now: datetime.datetime | None = None) -> Registration:
    """Register someone: a confirmed place while there is one, else the end of the waiting list.
    Registering twice returns the existing registration."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update(of=("self",)).select_related("pole").get(pk=event.pk)
        existing = Registration.objects.filter(event=locked, person=person).first()
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            return existing
        if locked.is_cancelled:
            raise ValidationError(_("Cet événement est annulé."), code="cancelled")
        if locked.ends_at <= now:
            raise ValidationError(_("Cet événement est terminé."), code="past")
        if not locked.registration_open:
            raise ValidationError(_("Les inscriptions à cet événement sont fermées."), code="closed")
        confirmed = locked.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        full = locked.capacity is not None and confirmed >= locked.capacity
        status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
        locked.queue_counter += 1
        locked.save(update_fields=["queue_counter"])
        if existing is None:
            registration = Registration.objects.create(
                event=locked, person=person, status=status, position=locked.queue_counter
            )
        else:
            # Coming back after cancelling: a fresh place at the end of the queue.
            existing.status = status
            existing.position = locked.queue_counter
            existing.attendance = Attendance.UNKNOWN
            existing.promoted_at = None
            existing.reminder_sent_at = None
            existing.save()
            registration = existing
    # Told once the place is taken and the event's row released: rendering the message and
    # writing the notification never lengthen the lock that fifty people may be waiting on.
    _tell([person], locked, "registered", registration=registration, waiting=full)
    return registration


def registration_cancel(*, registration: Registration, by) -> list[Registration]:
    """Cancel a registration; a freed place goes to the first person waiting, who is told.
    Returns the promoted registrations."""
    with transaction.atomic():
        locked = Event.objects.select_for_update(of=("self",)).select_related("pole").get(pk=registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return []
        current.status = RegistrationStatus.CANCELLED
        current.save(update_fields=["status", "updated_at"])
        registration.status = current.status
        promoted = _promote_waiting(locked) if not locked.is_cancelled else []
    for promoted_registration in promoted:
        _email_promoted(promoted_registration, locked)
    return promoted


def _promote_waiting(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, in order. Call with the event row locked."""
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).select_related("person")
    if event.capacity is not None:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        free = max(0, event.capacity - confirmed)
        if not free:
            return []
        waiting = waiting.order_by("position")[:free]
    else:
        waiting = waiting.order_by("position")
    promoted = list(waiting)
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
    return promoted


def _email_promoted(registration: Registration, event: Event) -> None:
    _tell([registration.person], event, "promoted", registration=registration)


def registration_set_attendance(*, registration: Registration, attendance: str, by) -> Registration:
    if attendance not in Attendance.values:
        raise ValidationError(_("Valeur de présence inconnue."), code="unknown")
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Seules les inscriptions confirmées se pointent."), code="not_confirmed")
    registration.attendance = attendance
    registration.save(update_fields=["attendance", "updated_at"])
    return registration


def event_send_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail a reminder to every confirmed person of tomorrow's events (local days);
    each registration is reminded once, so running it twice sends nothing more."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    tomorrow = timezone.localtime(now, tz).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    sent = 0
    with transaction.atomic():
        registrations = list(
            Registration.objects.select_for_update(of=("self",))
            .filter(
                status=RegistrationStatus.CONFIRMED,
                reminder_sent_at__isnull=True,
                event__status=EventStatus.SCHEDULED,
                event__starts_at__gte=start,
                event__starts_at__lt=end,
            )
            .select_related("event", "event__pole", "event__room", "event__commune", "person")
        )
        for registration in registrations:
            _tell([registration.person], registration.event, "reminder", registration=registration)
            sent += 1
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(reminder_sent_at=now)
    return sent


def calendar_token_for(*, person, regenerate: bool = False) -> CalendarToken:
    """The person's private feed token; regenerating makes the old URL stop working."""
    with transaction.atomic():
        token, created = CalendarToken.objects.get_or_create(
            person=person, defaults={"token": secrets.token_urlsafe(32)}
        )
        if regenerate and not created:
            token.token = secrets.token_urlsafe(32)
            token.save(update_fields=["token"])
    return token
