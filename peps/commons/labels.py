"""Sentences of the week calendar with a value in them, for its Jinja2 partial
(jinja2/commons/_week.html): written here so that makemessages extracts them."""

from django.utils.translation import gettext


def week_of(start: str) -> str:
    return gettext("Semaine du %(start)s") % {"start": start}


def calendar_caption(name: str, start: str) -> str:
    return gettext("Disponibilités de « %(name)s », semaine du %(start)s (heure de Paris)") % {
        "name": name,
        "start": start,
    }


def register() -> None:
    from peps.core.jinja import add_global

    add_global("commons_week_of", week_of)
    add_global("commons_calendar_caption", calendar_caption)
