"""Sentences of a resource's page and its week calendar with a value in them, for their
Jinja2 partials (jinja2/commons/_resource_page.html, _week.html): written here so that
makemessages extracts them (the same messages as the Django templates had)."""

from django.utils.translation import gettext, ngettext


def week_of(start: str) -> str:
    return gettext("Semaine du %(start)s") % {"start": start}


def calendar_caption(name: str, start: str) -> str:
    return gettext("Disponibilités de « %(name)s », semaine du %(start)s (heure de Paris)") % {
        "name": name,
        "start": start,
    }


def capacity(n: int) -> str:
    return ngettext("%(n)s personne", "%(n)s personnes", n) % {"n": n}


def hours(n: int) -> str:
    return ngettext("%(n)s heure", "%(n)s heures", n) % {"n": n}


def register() -> None:
    from peps.core.jinja import add_global

    add_global("commons_week_of", week_of)
    add_global("commons_calendar_caption", calendar_caption)
    add_global("commons_capacity", capacity)
    add_global("commons_hours", hours)
