"""Permanences: a structure or a person holds a named, recurring, public slot in a room of
the resource space (« permanence de l'URSCOP le 1er mardi du mois, 14 h–17 h »). Its
dates are ordinary bookings of the room; people book a short time with its host.

Services (writes) and selectors (reads) are together here: the feature is small."""

import datetime
from dataclasses import dataclass, field

from dateutil.rrule import rrulestr
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peps.core.sql import read_joined
from peps.notifications.services import notify

from .models import (
    ACTIVE_STATUSES,
    Booking,
    BookingSeries,
    BookingStatus,
    Permanence,
    PermanenceAppointment,
    Resource,
    ResourceKind,
    WeekOfMonth,
)
from .services import SeriesConflict, _check_structure, _insert, _is_overlap, series_conflicts
from .timeslots import Slot, at_local

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = [
    gettext_lazy("lundi"),
    gettext_lazy("mardi"),
    gettext_lazy("mercredi"),
    gettext_lazy("jeudi"),
    gettext_lazy("vendredi"),
    gettext_lazy("samedi"),
    gettext_lazy("dimanche"),
]
MAX_DATES = 120
TOPIC_MAX_LENGTH = 200


def permanence_rrule(*, weekday: int, week_of_month: int, until: datetime.date) -> str:
    """An RFC 5545 rule: every week, or the n-th (or last) weekday of each month."""
    until_part = f"UNTIL={until:%Y%m%d}T235959"
    if week_of_month == WeekOfMonth.EVERY:
        return f"FREQ=WEEKLY;BYDAY={DAYS[weekday]};{until_part}"
    return f"FREQ=MONTHLY;BYDAY={week_of_month:+d}{DAYS[weekday]};{until_part}"


def _hour(value: datetime.time) -> str:
    # French typography: « 14 h », « 14 h 30 » (no-break spaces).
    return f"{value.hour}\u00a0h" + (f"\u00a0{value.minute:02d}" if value.minute else "")


def permanence_label(permanence: Permanence) -> str:
    """« le 1er mardi du mois, 14 h–17 h » or « chaque jeudi, 9 h–12 h »."""
    day = WEEKDAY_NAMES[permanence.weekday]
    week = permanence.week_of_month
    if week == WeekOfMonth.EVERY:
        when = _("chaque %(day)s") % {"day": day}
    elif week == WeekOfMonth.LAST:
        when = _("le dernier %(day)s du mois") % {"day": day}
    elif week == WeekOfMonth.FIRST:
        when = _("le 1er %(day)s du mois") % {"day": day}
    else:
        when = _("le %(n)de %(day)s du mois") % {"n": week, "day": day}
    return f"{when}, {_hour(permanence.start_time)}–{_hour(permanence.end_time)}"


def _dates(*, rule: str, first_date: datetime.date, start_time, end_time) -> list[Slot]:
    recurrence = rrulestr(rule, dtstart=datetime.datetime.combine(first_date, start_time))
    slots = []
    for occurrence in recurrence:
        if len(slots) >= MAX_DATES:
            raise ValidationError(_("Une permanence compte au plus %(n)d dates : raccourcissez-la.") % {"n": MAX_DATES})
        day = occurrence.date()
        slots.append(Slot(at_local(day, start_time), at_local(day, end_time)))
    return slots


def permanence_create(
    *,
    resource: Resource,
    by,
    title: str,
    weekday: int,
    week_of_month: int,
    start_time: datetime.time,
    end_time: datetime.time,
    first_date: datetime.date,
    until: datetime.date,
    slot_minutes: int = 30,
    description: str = "",
    structure=None,
    skip_conflicts: bool = False,
) -> Permanence:
    """Hold a permanence in a room: its dates are booked (all or nothing, or without the
    dates already taken when `skip_conflicts`), and it is shown on the pole's agenda."""
    if resource.kind != ResourceKind.ROOM or not by.has_perm("commons.book_series", resource):
        raise PermissionDenied
    _check_structure(structure, resource=resource, by=by)
    errors: dict[str, str] = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = _("Donnez un nom à la permanence, par exemple « Permanence de l’URSCOP ».")
    if end_time <= start_time:
        errors["end_time"] = _("L’heure de fin doit venir après l’heure de début.")
    if until < first_date:
        errors["until"] = _("La date de fin doit venir après la première date.")
    elif until > first_date + datetime.timedelta(days=731):
        errors["until"] = _("Une permanence se prévoit sur deux ans au plus.")
    if first_date < timezone.localdate():
        errors["first_date"] = _("La première date ne peut pas être passée.")
    if not 10 <= slot_minutes <= 240:
        errors["slot_minutes"] = _("Un rendez-vous dure entre 10 et 240 minutes.")
    if not 0 <= weekday <= 6 or week_of_month not in WeekOfMonth.values:
        errors["weekday"] = _("Choisissez un jour de la semaine.")
    if errors:
        raise ValidationError(errors)
    rule = permanence_rrule(weekday=weekday, week_of_month=week_of_month, until=until)
    slots = _dates(rule=rule, first_date=first_date, start_time=start_time, end_time=end_time)
    if not slots:
        raise ValidationError(_("Aucune date entre ces deux dates : vérifiez le jour et la période."))
    conflicts = series_conflicts(resource=resource, slots=slots)
    if conflicts and not skip_conflicts:
        raise SeriesConflict(
            _("%(n)d date(s) de la permanence sont déjà prises dans cette salle.") % {"n": len(conflicts)},
            conflicts=conflicts,
        )
    with transaction.atomic():
        series = BookingSeries.objects.create(
            resource=resource,
            booked_by=by,
            structure=structure,
            rrule=rule,
            first_date=first_date,
            start_time=start_time,
            end_time=end_time,
            purpose=title[:200],
            skipped=[s.starts_at.isoformat() for s in conflicts],
        )
        for slot in slots:
            if slot in conflicts:
                continue
            booking = Booking(
                pole=resource.pole,
                resource=resource,
                booked_by=by,
                structure=structure,
                series=series,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                purpose=title[:200],
                status=BookingStatus.CONFIRMED,
            )
            try:
                _insert(booking)
            except IntegrityError as error:
                if not _is_overlap(error) or not skip_conflicts:
                    raise SeriesConflict(
                        _("Une date vient d’être prise dans cette salle."), conflicts=[slot]
                    ) from error
        permanence = Permanence.objects.create(
            pole=resource.pole,
            resource=resource,
            series=series,
            title=title[:160],
            description=(description or "").strip(),
            host=by,
            structure=structure,
            weekday=weekday,
            week_of_month=week_of_month,
            start_time=start_time,
            end_time=end_time,
            first_date=first_date,
            until=until,
            slot_minutes=slot_minutes,
        )
    return permanence


# --- Reads


def permanences_of_pole(*, pole) -> QuerySet[Permanence]:
    return (
        Permanence.objects.filter(pole=pole, is_active=True)
        .select_related("pole", "resource", "structure", "host")
        .order_by("title", "pk")
    )


def permanences_in(*, resource, limit: int = 20) -> list[Permanence]:
    """The active permanences held in a room, for its page: their names and structures only
    (the room's page lists them as links)."""
    # Written out (read_joined): the ORM's select_related and only() cost more to build than
    # the read, on every room's page.
    permanences = read_joined(
        Permanence,
        ("pole_id", "resource_id", "title", "structure_id"),
        (("structure", ("name",)),),
        ("title", "pk"),
        limit=limit,
        pole=resource.pole_id,
        resource=resource.pk,
        is_active=True,
    )
    for permanence in permanences:
        permanence.pole = resource.pole  # get_absolute_url reads its slug
    return permanences


def permanence_for_viewer(*, pole, pk: int) -> Permanence:
    """Permanences are public; another pole's, or a withdrawn one, is « not found »."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(permanences_of_pole(pole=pole), pk=pk)


def _occurrences(permanence_ids, *, start: datetime.datetime, end: datetime.datetime):
    return (
        Booking.objects.filter(
            series__permanence__in=permanence_ids,
            status__in=ACTIVE_STATUSES,
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("series__permanence")
        .order_by("starts_at")
    )


def occurrences_by_day(*, pole, first: datetime.date, last: datetime.date) -> dict[datetime.date, list[Permanence]]:
    """For the agenda's month grid: the permanences held each day (one query)."""
    start = at_local(first, datetime.time.min)
    end = at_local(last + datetime.timedelta(days=1), datetime.time.min)
    ids = Permanence.objects.filter(pole=pole, is_active=True).values("pk")
    by_day: dict[datetime.date, list[Permanence]] = {}
    for booking in _occurrences(ids, start=start, end=end):
        permanence = booking.series.permanence
        permanence.starts_at, permanence.ends_at = booking.starts_at, booking.ends_at
        by_day.setdefault(timezone.localtime(booking.starts_at).date(), []).append(permanence)
    return by_day


@dataclass
class PermanenceDate:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    times: list[dict] = field(default_factory=list)

    @property
    def free_count(self) -> int:
        return sum(1 for time in self.times if not time["taken"])


def upcoming_dates(*, permanence: Permanence, now=None, count: int = 4) -> list[PermanenceDate]:
    """The next dates of the permanence, each cut into times of `slot_minutes`, marked
    taken or free (two queries)."""
    now = now or timezone.now()
    bookings = list(
        _occurrences([permanence.pk], start=now, end=now + datetime.timedelta(days=400)).values_list(
            "starts_at", "ends_at"
        )[:count]
    )
    if not bookings:
        return []
    taken = set(
        PermanenceAppointment.objects.filter(
            permanence=permanence,
            cancelled_at__isnull=True,
            starts_at__gte=bookings[0][0],
            starts_at__lt=bookings[-1][1],
        ).values_list("starts_at", flat=True)
    )
    step = datetime.timedelta(minutes=permanence.slot_minutes)
    dates = []
    for starts_at, ends_at in bookings:
        date = PermanenceDate(starts_at, ends_at)
        moment = starts_at
        while moment + step <= ends_at:
            if moment > now:
                date.times.append({"starts_at": moment, "ends_at": moment + step, "taken": moment in taken})
            moment += step
        dates.append(date)
    return dates


def my_appointments(*, person, pole, now=None, limit: int = 20) -> list[PermanenceAppointment]:
    now = now or timezone.now()
    return list(
        PermanenceAppointment.objects.filter(
            person=person, permanence__pole=pole, cancelled_at__isnull=True, ends_at__gt=now
        )
        .select_related("permanence")
        .order_by("starts_at")[:limit]
    )


def host_appointments(*, permanence: Permanence, now=None, limit: int = 100) -> list[PermanenceAppointment]:
    now = now or timezone.now()
    return list(
        PermanenceAppointment.objects.filter(permanence=permanence, cancelled_at__isnull=True, ends_at__gt=now)
        .select_related("person")
        .order_by("starts_at")[:limit]
    )


# --- Appointments


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "l j F Y à H:i")


def appointment_book(
    *, permanence: Permanence, person, starts_at: datetime.datetime, topic: str, now=None
) -> PermanenceAppointment:
    """Book a time with the host: it must be one of the permanence's free times to come.
    The host is told (in the app and by e-mail, as they chose); so is the person."""
    now = now or timezone.now()
    topic = " ".join((topic or "").split())
    if not topic:
        raise ValidationError({"topic": _("Dites en quelques mots l’objet du rendez-vous.")})
    if len(topic) > TOPIC_MAX_LENGTH:
        raise ValidationError({"topic": _("L’objet tient en %(n)d caractères au plus.") % {"n": TOPIC_MAX_LENGTH}})
    if person.pk == permanence.host_id:
        raise ValidationError(_("Vous tenez cette permanence : vous ne pouvez pas y prendre rendez-vous."))
    step = datetime.timedelta(minutes=permanence.slot_minutes)
    occurrence = _occurrences([permanence.pk], start=starts_at, end=starts_at + step).first()
    valid = (
        occurrence is not None
        and starts_at > now
        and occurrence.starts_at <= starts_at
        and starts_at + step <= occurrence.ends_at
        and (starts_at - occurrence.starts_at) % step == datetime.timedelta(0)
    )
    if not valid:
        raise ValidationError(_("Ce créneau n’existe pas ou est passé : choisissez-en un dans la liste."))
    if PermanenceAppointment.objects.filter(
        permanence=permanence,
        person=person,
        cancelled_at__isnull=True,
        starts_at__gte=occurrence.starts_at,
        starts_at__lt=occurrence.ends_at,
    ).exists():
        raise ValidationError(_("Vous avez déjà un rendez-vous à cette date de la permanence."))
    try:
        with transaction.atomic():
            appointment = PermanenceAppointment.objects.create(
                permanence=permanence, person=person, starts_at=starts_at, ends_at=starts_at + step, topic=topic
            )
    except IntegrityError as error:
        raise ValidationError(_("Ce créneau vient d’être pris : choisissez-en un autre."), code="taken") from error
    when = _when(starts_at)
    notify(
        recipients=[permanence.host],
        kind="commons.permanence_appointment",
        text=_("%(name)s prend rendez-vous à votre permanence « %(title)s » le %(when)s : %(topic)s")
        % {"name": person.public_name, "title": permanence.title, "when": when, "topic": topic},
        url=permanence.get_absolute_url(),
        pole=permanence.pole,
    )
    notify(
        recipients=[person],
        kind="commons.permanence_appointment",
        text=_("Rendez-vous confirmé : « %(title)s », le %(when)s, %(room)s.")
        % {"title": permanence.title, "when": when, "room": permanence.resource.name},
        url=permanence.get_absolute_url(),
        pole=permanence.pole,
    )
    return appointment


def appointment_cancel(*, appointment: PermanenceAppointment, by) -> PermanenceAppointment:
    permanence = appointment.permanence
    if by.pk not in (appointment.person_id, permanence.host_id):
        raise PermissionDenied
    if appointment.cancelled_at is None:
        appointment.cancelled_at = timezone.now()
        appointment.save(update_fields=["cancelled_at"])
        other = permanence.host if by.pk == appointment.person_id else appointment.person
        notify(
            recipients=[other],
            kind="commons.permanence_appointment",
            text=_("Rendez-vous annulé : « %(title)s », le %(when)s.")
            % {"title": permanence.title, "when": _when(appointment.starts_at)},
            url=permanence.get_absolute_url(),
            pole=permanence.pole,
        )
    return appointment
