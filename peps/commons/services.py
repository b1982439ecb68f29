"""Writes of shared resources: the catalogue, bookings and loans, weekly series, returns,
deletions and overdue reminders. The database refuses double bookings; these services
turn its refusal into a clear message with the next free slots."""

import datetime
import random
import time
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peps.core.tenancy import is_coordinator
from peps.notifications.services import notify, notify_coordination

from . import selectors
from .models import (
    ACTIVE_STATUSES,
    NO_OVERLAP_CONSTRAINT,
    Booking,
    BookingSeries,
    BookingStatus,
    Resource,
    ResourceKind,
)
from .timeslots import Slot, expand_weekly


class SlotTaken(ValidationError):
    """The period overlaps another booking; carries the next free slots of the same length."""

    def __init__(self, message: str, *, free_slots: list[Slot]):
        super().__init__(message, code="slot_taken")
        self.free_slots = free_slots


class SeriesConflict(ValidationError):
    def __init__(self, message: str, *, conflicts: list[Slot]):
        super().__init__(message, code="series_conflict")
        self.conflicts = conflicts


class ResourceHasFutureBookings(ValidationError):
    def __init__(self, message: str, *, bookings: list[Booking]):
        super().__init__(message, code="future_bookings")
        self.bookings = bookings


def _local(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "l j F Y à H:i")


def _email(booking: Booking, template: str, **extra) -> None:
    """Tell the person who booked, in the app and by e-mail as they chose."""
    _tell_retrying(
        recipients=[booking.booked_by],
        kind=f"commons.{template}",
        url=booking.resource.get_absolute_url(),
        pole=booking.pole,
        email_template=f"commons/email/{template}",
        context={"booking": booking, "resource": booking.resource, "pole": booking.pole, **extra},
    )


def _tell_retrying(*, coordination: bool = False, **kwargs) -> None:
    """notify (or notify_coordination) in a savepoint, retried like the booking's own writes
    when SQLite answers "table is locked": a retry never leaves half a notification behind."""

    def tell():
        with transaction.atomic():
            if coordination:
                notify_coordination(**kwargs)
            else:
                notify(**kwargs)

    _retry_when_locked(tell)


# --- Catalogue -------------------------------------------------------------------------


def resource_save(*, resource: Resource, by) -> Resource:
    """Create or update a resource of the catalogue (the form has validated it)."""
    if not is_coordinator(by, resource.pole):
        raise PermissionDenied
    if resource.kind != ResourceKind.EQUIPMENT:
        resource.equipment_category = ""
    if resource.pk is None:
        resource.created_by = by
    resource.refresh_search_text()
    resource.save()
    return resource


def resource_delete(*, resource: Resource, by, cancel_future: bool = False) -> int:
    """Delete a resource. With future bookings it is refused (the error lists them) unless
    `cancel_future`: then they are cancelled and their authors told by e-mail first.
    Returns how many bookings were cancelled."""
    if not is_coordinator(by, resource.pole):
        raise PermissionDenied
    with transaction.atomic():
        upcoming = selectors.future_bookings(resource=resource)
        if upcoming and not cancel_future:
            raise ResourceHasFutureBookings(
                ngettext(
                    "« %(name)s » a %(n)d réservation à venir : annulez-la ou gardez la ressource.",
                    "« %(name)s » a %(n)d réservations à venir : annulez-les ou gardez la ressource.",
                    len(upcoming),
                )
                % {"name": resource.name, "n": len(upcoming)},
                bookings=upcoming,
            )
        for booking in upcoming:
            _email(booking, "booking_cancelled", reason=_("la ressource est retirée du catalogue"))
        resource.delete()
    return len(upcoming)


# --- Bookings --------------------------------------------------------------------------


def _check_structure(structure, *, resource: Resource, by) -> None:
    """One books for a structure one represents; a coordinator may book for any of the pole's."""
    if structure is None:
        return
    if structure.pole_id != resource.pole_id:
        raise PermissionDenied
    if not is_coordinator(by, resource.pole) and not (
        selectors.bookable_structures(user=by, pole=resource.pole).filter(pk=structure.pk).exists()
    ):
        raise PermissionDenied


def _check_period(resource: Resource, starts_at: datetime.datetime, ends_at: datetime.datetime, *, by) -> None:
    errors = []
    if ends_at <= starts_at:
        errors.append(_("La fin doit venir après le début."))
    elif starts_at < timezone.now() - datetime.timedelta(minutes=5) and not is_coordinator(by, resource.pole):
        errors.append(_("Cette période est déjà passée : choisissez une date à venir."))
    elif resource.max_duration_hours and ends_at - starts_at > datetime.timedelta(hours=resource.max_duration_hours):
        errors.append(
            ngettext(
                "« %(name)s » se réserve pour %(h)d heure au plus.",
                "« %(name)s » se réserve pour %(h)d heures au plus.",
                resource.max_duration_hours,
            )
            % {"name": resource.name, "h": resource.max_duration_hours}
        )
    if errors:
        raise ValidationError(errors)


def _is_overlap(error: Exception) -> bool:
    return NO_OVERLAP_CONSTRAINT in str(error)


def _retry_when_locked(action):
    """Run `action`, retrying briefly on "table is locked": SQLite's shared-cache in-memory
    database (the test suite's) answers concurrent access at once, without a busy timeout.
    PostgreSQL and SQLite files wait on their own and never raise this."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return action()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.002, 0.02))  # jitter, so waiting writers do not march in step


def _insert(booking: Booking) -> None:
    """Insert in a savepoint, so that a refusal leaves the caller's transaction usable."""

    def insert():
        with transaction.atomic():
            booking.save(force_insert=True)

    _retry_when_locked(insert)


def _slot_taken(resource: Resource, starts_at: datetime.datetime, ends_at: datetime.datetime) -> SlotTaken:
    slots = _retry_when_locked(
        lambda: selectors.next_free_slots(resource=resource, after=starts_at, duration=ends_at - starts_at)
    )
    return SlotTaken(
        _("« %(name)s » est déjà réservée sur cette période (du %(start)s au %(end)s).")
        % {"name": resource.name, "start": _local(starts_at), "end": _local(ends_at)},
        free_slots=slots,
    )


def booking_create(
    *,
    resource: Resource,
    by,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    structure=None,
    purpose: str = "",
) -> Booking:
    """Book a room or borrow an item for a period. Confirmed at once, or requested when the
    resource needs the coordinator's approval (a coordinator's own booking is confirmed).
    Raises SlotTaken, with the next free slots, when the period is already taken."""
    starts_at, ends_at = starts_at.replace(microsecond=0), ends_at.replace(microsecond=0)

    def check() -> bool:
        if not by.has_perm("commons.book_resource", resource):
            raise PermissionDenied
        _check_structure(structure, resource=resource, by=by)
        _check_period(resource, starts_at, ends_at, by=by)
        return resource.requires_approval and not is_coordinator(by, resource.pole)

    needs_approval = _retry_when_locked(check)
    booking = Booking(
        pole=resource.pole,
        resource=resource,
        booked_by=by,
        structure=structure,
        starts_at=starts_at,
        ends_at=ends_at,
        is_loan=resource.is_loan,
        purpose=purpose,
        status=BookingStatus.REQUESTED if needs_approval else BookingStatus.CONFIRMED,
    )
    try:
        _insert(booking)
    except IntegrityError as error:
        if not _is_overlap(error):
            raise
        raise _slot_taken(resource, starts_at, ends_at) from error
    _email(booking, "booking_requested" if needs_approval else "booking_confirmed")
    if needs_approval:
        _tell_retrying(
            coordination=True,
            pole=resource.pole,
            kind="commons.request_to_approve",
            url=resource.get_absolute_url(),
            email_template="commons/email/request_to_approve",
            context={"booking": booking, "resource": resource, "pole": resource.pole},
        )
    return booking


def _decide(booking: Booking, *, by, status: str, note: str = "") -> Booking:
    if not by.has_perm("commons.decide_booking", booking):
        raise PermissionDenied
    if booking.status != BookingStatus.REQUESTED:
        raise ValidationError(_("Cette demande a déjà été traitée."))
    booking.status = status
    booking.decided_by = by
    booking.decided_at = timezone.now()
    booking.decision_note = note
    booking.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return booking


@transaction.atomic
def booking_approve(*, booking: Booking, by) -> Booking:
    _decide(booking, by=by, status=BookingStatus.CONFIRMED)
    _email(booking, "booking_approved")
    return booking


@transaction.atomic
def booking_refuse(*, booking: Booking, by, note: str = "") -> Booking:
    _decide(booking, by=by, status=BookingStatus.REFUSED, note=note)
    _email(booking, "booking_refused")
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by, note: str = "") -> Booking:
    """Cancel a booking (its author or a coordinator); the slot is free again at once."""
    if not by.has_perm("commons.cancel_booking", booking):
        raise PermissionDenied
    if booking.status not in ACTIVE_STATUSES:
        raise ValidationError(_("Cette réservation n’est plus active."))
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.decision_note = note
    booking.save(update_fields=["status", "cancelled_at", "decision_note"])
    if booking.booked_by_id != by.pk:
        _email(booking, "booking_cancelled", reason=note or _("annulée par la coordination"))
    return booking


@transaction.atomic
def booking_record_return(*, booking: Booking, by) -> Booking:
    """The coordinator records that a lent item came back; what remains of the period is free."""
    if not by.has_perm("commons.decide_booking", booking):
        raise PermissionDenied
    if not booking.is_loan or booking.status != BookingStatus.CONFIRMED:
        raise ValidationError(_("Seul un prêt en cours peut être marqué comme rendu."))
    booking.status = BookingStatus.RETURNED
    booking.returned_at = timezone.now()
    booking.returned_to = by
    booking.save(update_fields=["status", "returned_at", "returned_to"])
    return booking


def send_overdue_reminders(
    *, now: datetime.datetime | None = None, every: datetime.timedelta = datetime.timedelta(days=3)
) -> int:
    """E-mail the borrowers of overdue loans, at most once every `every`. Returns how many."""
    now = now or timezone.now()
    sent = 0
    for booking in selectors.overdue_loans(now=now):
        if booking.last_reminder_at and now - booking.last_reminder_at < every:
            continue
        with transaction.atomic():
            booking.last_reminder_at = now
            booking.save(update_fields=["last_reminder_at"])
            _email(booking, "overdue_reminder", days_late=(now - booking.ends_at).days)
        sent += 1
    return sent


# --- Weekly series ---------------------------------------------------------------------


@dataclass
class SeriesResult:
    series: BookingSeries
    bookings: list[Booking]
    skipped: list[Slot]


def series_conflicts(*, resource: Resource, slots: list[Slot]) -> list[Slot]:
    """The occurrences that overlap an active booking (one query)."""
    if not slots:
        return []
    busy = list(
        resource.bookings.filter(
            status__in=ACTIVE_STATUSES, starts_at__lt=slots[-1].ends_at, ends_at__gt=slots[0].starts_at
        ).values_list("starts_at", "ends_at")
    )
    return [s for s in slots if any(b[0] < s.ends_at and b[1] > s.starts_at for b in busy)]


def series_create(
    *,
    resource: Resource,
    by,
    rrule: str,
    first_date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    structure=None,
    purpose: str = "",
    skip_conflicts: bool = False,
) -> SeriesResult:
    """A weekly recurring booking of a room, e.g. a permanence every Thursday 14:00–17:00.
    Occurrences that collide are refused all together (SeriesConflict lists them) or, with
    `skip_conflicts`, left out and reported. All or nothing: one transaction."""
    if not by.has_perm("commons.book_series", resource):
        raise PermissionDenied
    _check_structure(structure, resource=resource, by=by)
    if end_time <= start_time:
        raise ValidationError(_("L’heure de fin doit venir après l’heure de début."))
    try:
        slots = expand_weekly(rrule, first_date=first_date, start_time=start_time, end_time=end_time)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if not slots:
        raise ValidationError(_("Cette règle ne donne aucune date : vérifiez les jours et la date de fin."))
    for slot in slots[:1]:
        _check_period(resource, slot.starts_at, slot.ends_at, by=by)
    conflicts = series_conflicts(resource=resource, slots=slots)
    if conflicts and not skip_conflicts:
        raise SeriesConflict(
            ngettext(
                "%(n)d date de la série est déjà prise.", "%(n)d dates de la série sont déjà prises.", len(conflicts)
            )
            % {"n": len(conflicts)},
            conflicts=conflicts,
        )
    needs_approval = resource.requires_approval and not is_coordinator(by, resource.pole)
    status = BookingStatus.REQUESTED if needs_approval else BookingStatus.CONFIRMED
    skipped = list(conflicts)
    with transaction.atomic():
        series = BookingSeries.objects.create(
            resource=resource,
            booked_by=by,
            structure=structure,
            rrule=rrule,
            first_date=first_date,
            start_time=start_time,
            end_time=end_time,
            purpose=purpose,
        )
        created = []
        for slot in slots:
            if slot in skipped:
                continue
            booking = Booking(
                pole=resource.pole,
                resource=resource,
                booked_by=by,
                structure=structure,
                series=series,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                purpose=purpose,
                status=status,
            )
            try:
                _insert(booking)
            except IntegrityError as error:
                # Taken between our check and the insert: same choice as for a known conflict.
                if not _is_overlap(error):
                    raise
                if not skip_conflicts:
                    raise SeriesConflict(
                        _("Une date de la série vient d’être prise : %(when)s.") % {"when": _local(slot.starts_at)},
                        conflicts=[slot],
                    ) from error
                skipped.append(slot)
                continue
            created.append(booking)
        series.skipped = [s.starts_at.isoformat() for s in skipped]
        series.save(update_fields=["skipped"])
        if created:
            notify(
                recipients=[by],
                kind="commons.series_created",
                url=resource.get_absolute_url(),
                pole=resource.pole,
                email_template="commons/email/series_created",
                context={
                    "series": series,
                    "resource": resource,
                    "pole": resource.pole,
                    "bookings": created,
                    "skipped": skipped,
                    "requested": needs_approval,
                },
            )
    return SeriesResult(series=series, bookings=created, skipped=skipped)
