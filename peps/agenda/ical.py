"""iCalendar (RFC 5545) output: the pole's public feed, a person's private feed, one event.

Times are written in UTC (the "Z" form), which every calendar understands and which needs
no VTIMEZONE; the calendar application shows them in its own time zone."""

import datetime
from collections.abc import Collection, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event, PlaceKind

PRODID = "-//PEPS//Agenda des pôles//FR"


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "peps.localhost"
    return f"event-{event.pk}@{host}"


def _vevent(event: Event, *, stamp: datetime.datetime, waiting: bool) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    vevent.add("dtend", event.ends_at.astimezone(datetime.UTC))
    vevent.add("summary", event.title)
    vevent.add("sequence", event.sequence)
    vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    vevent.add("categories", [event.get_kind_display()])
    url = settings.SITE_URL.rstrip("/") + event.get_absolute_url()
    vevent.add("url", url)
    description = event.description
    if event.place_kind == PlaceKind.ONLINE and event.online_url:
        description = f"{event.online_url}\n\n{description}".strip()
    vevent.add("description", f"{description}\n\n{url}".strip())
    location = event.online_url if event.place_kind == PlaceKind.ONLINE else event.place_label
    if location:
        vevent.add("location", location)
    if event.is_cancelled:
        vevent.add("status", "CANCELLED")
    elif waiting:
        vevent.add("status", "TENTATIVE")
    else:
        vevent.add("status", "CONFIRMED")
    return vevent


def build_calendar(events: Iterable[Event], *, name: str, waiting: Collection[int] = ()) -> bytes:
    """An iCalendar file of the events; those whose pk is in `waiting` are TENTATIVE (the
    person is on the waiting list)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(event, stamp=stamp, waiting=event.pk in waiting))
    return calendar.to_ical()


def ical_response(content: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
