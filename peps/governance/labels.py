"""Dates and sentences of the body page's seats, for its Jinja2 partial
(jinja2/governance/_seats.html): the sentences with a value are translated once per list and
written here so that makemessages extracts them (the same messages as before); dates are
written from the month names of peps.core.dates (what the date filter writes, faster)."""

import datetime

from django.utils.translation import gettext

from peps.core.dates import month_names


def long_date(day: datetime.date | None) -> str:
    """`day|date("j F Y")`: « 7 décembre 2026 »."""
    if day is None:
        return ""
    return f"{day.day} {month_names()[day.month]} {day.year}"


def seat_names() -> dict[str, str]:
    """The words of a seat's line, translated once for a list of seats; `since` and `end`
    are %-formats (« depuis le %(date)s », « Mettre fin au mandat de %(name)s »)."""
    return {
        "structure": gettext("structure"),
        "since": gettext("depuis le %(date)s"),
        "end": gettext("Mettre fin au mandat de %(name)s"),
    }


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("governance_long_date", long_date)
    add_global("governance_seat_names", seat_names)
