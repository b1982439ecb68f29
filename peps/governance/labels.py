"""Dates and sentences of the body page's seats, for its Jinja2 partial
(jinja2/governance/_seats.html): the sentences with a value are translated once per list and
written here so that makemessages extracts them (the same messages as before); the dates are
core's long_date, a global of every Jinja2 template."""

from django.utils.translation import gettext


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

    add_global("governance_seat_names", seat_names)
