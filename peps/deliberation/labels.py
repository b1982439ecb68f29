"""Plural labels, sentences and dates of the debate page, for its Jinja2 partials
(jinja2/deliberation/). The labels are written here so that makemessages extracts them (the
same messages as the Django templates had)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from peps.core.dates import long_date, month_names

from .models import Stance


def replies_count(n: int) -> str:
    return ngettext("%(n)s réponse", "%(n)s réponses", n) % {"n": n}


def see_replies(n: int) -> str:
    return ngettext("Voir la réponse", "Voir les %(n)s réponses", n) % {"n": n}


def found_useful(n: int) -> str:
    return ngettext("%(n)s personne l’a trouvé utile", "%(n)s personnes l’ont trouvé utile", n) % {"n": n}


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


def posted(moment: datetime.datetime) -> tuple[str, str]:
    """When a message was posted: ISO 8601 for <time datetime>, and « 7 décembre 2026, 09:05 »
    (what Django's date:"c" and date:"j F Y, H:i" write, in a tenth of their time: the page
    shows a hundred of them)."""
    local = timezone.localtime(moment)
    month = month_names()[local.month]
    return local.isoformat(), f"{local.day} {month} {local.year}, {local.hour:02d}:{local.minute:02d}"


def register() -> None:
    from peps.core.jinja import add_global

    add_global("deliberation_replies_count", replies_count)
    add_global("deliberation_see_replies", see_replies)
    add_global("deliberation_found_useful", found_useful)
    add_global("deliberation_posted", posted)
    add_global("deliberation_stance_labels", stance_labels)
    add_global("deliberation_arguments_count", arguments_count)
    add_global("deliberation_followers", followers)
    add_global("deliberation_closed_on", closed_on)
