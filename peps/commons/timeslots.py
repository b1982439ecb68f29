"""Pure time arithmetic for bookings: local (Europe/Paris) wall-clock times, free slots
between busy periods, and the expansion of a weekly RFC 5545 recurrence rule."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.rrule import WEEKLY, rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _

# Rooms are proposed within these local hours when the requested slot lies within them:
# nobody wants to be offered the exchange room from midnight to two in the morning.
OPENING = datetime.time(8, 0)
CLOSING = datetime.time(22, 0)
# A weekly series stops after this many occurrences (two years), so a typo cannot create thousands.
MAX_OCCURRENCES = 104


def local_tz():
    return timezone.get_default_timezone()


def at_local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """An aware datetime for a wall-clock time in Europe/Paris (DST handled by zoneinfo)."""
    return datetime.datetime.combine(day, time).replace(tzinfo=local_tz())


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def _open_from(candidate: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
    """The first moment at or after `candidate` when a slot of `duration` fits in opening hours."""
    local = timezone.localtime(candidate)
    day = local.date()
    if local.time() < OPENING:
        candidate = at_local(day, OPENING)
    if timezone.localtime(candidate + duration) > at_local(day, CLOSING) or timezone.localtime(candidate).date() != day:
        candidate = at_local(day + datetime.timedelta(days=1), OPENING)
    return candidate


def free_slots(
    busy: Iterable[tuple[datetime.datetime, datetime.datetime]],
    *,
    after: datetime.datetime,
    duration: datetime.timedelta,
    count: int = 3,
    opening_hours: bool = False,
    horizon: datetime.timedelta = datetime.timedelta(days=180),
) -> list[Slot]:
    """The `count` earliest free slots of `duration`, starting at or after `after`, that do
    not overlap each other nor any busy period. With `opening_hours`, slots stay within
    OPENING–CLOSING local time."""
    periods = sorted(busy)
    slots: list[Slot] = []
    candidate = after
    limit = after + horizon
    index = 0
    while len(slots) < count and candidate < limit:
        if opening_hours:
            candidate = _open_from(candidate, duration)
        end = candidate + duration
        # Skip busy periods that end before the candidate; the list is sorted by start.
        while index < len(periods) and periods[index][1] <= candidate:
            index += 1
        clash = next((p for p in periods[index:] if p[0] < end and p[1] > candidate), None)
        if clash is None:
            slots.append(Slot(candidate, end))
            candidate = end
        else:
            candidate = max(candidate, clash[1])
    return slots


def fits_opening_hours(start: datetime.datetime, end: datetime.datetime) -> bool:
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    return local_start.date() == local_end.date() and OPENING <= local_start.time() and local_end.time() <= CLOSING


def build_weekly_rrule(*, weekdays: list[str], until: datetime.date | None = None, count: int | None = None) -> str:
    """An RFC 5545 rule such as FREQ=WEEKLY;BYDAY=TH;UNTIL=20250630T235959 (local, floating)."""
    parts = ["FREQ=WEEKLY", "BYDAY=" + ",".join(weekdays)]
    if until is not None:
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    elif count is not None:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def expand_weekly(
    rule: str, *, first_date: datetime.date, start_time: datetime.time, end_time: datetime.time
) -> list[Slot]:
    """The occurrences of a weekly rule, each at the same local wall-clock time: the rule is
    expanded on naive local datetimes, then each is placed in Europe/Paris, so the last
    Sundays of March and October do not shift them by an hour."""
    try:
        recurrence = rrulestr(rule, dtstart=datetime.datetime.combine(first_date, start_time))
    except (ValueError, TypeError) as error:
        raise ValueError(_("La règle de récurrence n’est pas lisible.")) from error
    if getattr(recurrence, "_freq", None) != WEEKLY:
        raise ValueError(_("Seules les récurrences hebdomadaires (FREQ=WEEKLY) sont acceptées."))
    if getattr(recurrence, "_until", None) is None and getattr(recurrence, "_count", None) is None:
        raise ValueError(_("Indiquez une date de fin ou un nombre d’occurrences."))
    slots = []
    for occurrence in recurrence:
        if len(slots) >= MAX_OCCURRENCES:
            raise ValueError(
                _("Une série compte au plus %(n)d occurrences : raccourcissez-la.") % {"n": MAX_OCCURRENCES}
            )
        day = occurrence.date()
        slots.append(Slot(at_local(day, start_time), at_local(day, end_time)))
    return slots
