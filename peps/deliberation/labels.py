"""Plural labels, sentences and dates of the debate page, for its Jinja2 partials
(jinja2/deliberation/). The labels are written here so that makemessages extracts them (the
same messages as the Django templates had)."""

import datetime
import functools
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext, override

from peps.core.dates import long_date, month_names

from .models import Stance


def replies_count(n: int) -> str:
    return ngettext("%(n)s réponse", "%(n)s réponses", n) % {"n": n}


def see_replies(n: int) -> str:
    return ngettext("Voir la réponse", "Voir les %(n)s réponses", n) % {"n": n}


def found_useful(n: int) -> str:
    return ngettext("%(n)s personne l’a trouvé utile", "%(n)s personnes l’ont trouvé utile", n) % {"n": n}


@functools.lru_cache(maxsize=4096)
def _counted(language: str | None, label: Callable[[int], str], n: int) -> str:
    # Translated in `language` itself, so that the key says what the value is, whatever
    # language is active on this first call (core's words() does the same).
    with override(language):
        return label(n)


def argument_counts() -> tuple[Callable[[int], str], Callable[[int], str], Callable[[int], str]]:
    """replies_count, see_replies and found_useful in the active language, read once (`{% set
    a, b, c = deliberation_argument_counts() %}`), each label of a count translated once per
    language and process (the catalogues are code): the page writes one or two for each of
    its thirty arguments, and ngettext() looks the active language and its catalogue up on
    every call."""
    language = get_language()
    return (
        functools.partial(_counted, language, replies_count),
        functools.partial(_counted, language, see_replies),
        functools.partial(_counted, language, found_useful),
    )


def arguments_count(n: int) -> str:
    return ngettext("%(n)s argument ou question", "%(n)s arguments ou questions", n) % {"n": n}


def followers(n: int) -> str:
    return ngettext("%(n)s personne suit", "%(n)s personnes suivent", n) % {"n": n}


def closed_on(moment: datetime.datetime) -> str:
    """« Débat clos le 7 décembre 2026 », the day in local time."""
    return gettext("Débat clos le %(date)s") % {"date": long_date(timezone.localtime(moment))}


def stance_labels() -> dict[str, str]:
    """Each stance's label (« Pour »…) in the active language, translated once per render
    rather than once per argument (get_stance_display())."""
    return {value: str(label) for value, label in Stance.choices}


def clock() -> Callable[[datetime.datetime], tuple[str, str]]:
    """posted() with the time zone and the month names read once (`{% set posted =
    deliberation_clock() %}`): the page shows fifty messages, and timezone.localtime() and
    month_names() each look the active time zone or language up again."""
    zone = timezone.get_current_timezone()
    months = month_names()

    def posted(moment: datetime.datetime) -> tuple[str, str]:
        local = moment.astimezone(zone)  # timezone.localtime() for an aware datetime
        return local.isoformat(), f"{local.day} {months[local.month]} {local.year}, {local.hour:02d}:{local.minute:02d}"

    return posted


def posted(moment: datetime.datetime) -> tuple[str, str]:
    """When a message was posted: ISO 8601 for <time datetime>, and « 7 décembre 2026, 09:05 »
    (what Django's date:"c" and date:"j F Y, H:i" write, in a tenth of their time: the page
    shows a hundred of them)."""
    return clock()(moment)


def register() -> None:
    from peps.core.jinja import add_global

    from .forms import argument_fields

    add_global("deliberation_argument_counts", argument_counts)
    add_global("deliberation_clock", clock)
    add_global("deliberation_stance_labels", stance_labels)
    add_global("deliberation_arguments_count", arguments_count)
    add_global("deliberation_followers", followers)
    add_global("deliberation_closed_on", closed_on)
    add_global("deliberation_argument_fields", argument_fields)
