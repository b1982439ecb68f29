"""Dates and sentences of the agenda's list, for its Jinja2 partial (jinja2/agenda/): written
here so that makemessages extracts them (the same messages as the Django templates had); the
dates as Django's date filter writes them, in local time."""

from django.utils import dateformat, timezone
from django.utils.translation import ngettext
from markupsafe import Markup

LONG = "l j F Y, H:i"


def upcoming_count(total: int) -> Markup:
    """« 3 événements à venir », as {% blocktranslate count %} wrote it."""
    sentence = ngettext("%(n)s événement à venir", "%(n)s événements à venir", total)
    return Markup(sentence) % {"n": total}  # noqa: S704 - our catalogue's sentence, the value escaped by %


def when(event) -> tuple[str, str, str, str]:
    """An event's start and end as its card shows them: each `|date:"c"` (for <time>) and
    `|date:"l j F Y, H:i"`, the end's time alone (`H:i`) when it ends the day it starts."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    same_day = starts.date() == ends.date()
    shown_end = dateformat.format(ends, "H:i" if same_day else LONG)
    return dateformat.format(starts, "c"), dateformat.format(starts, LONG), dateformat.format(ends, "c"), shown_end


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("agenda_upcoming_count", upcoming_count)
    add_global("agenda_when", when)
