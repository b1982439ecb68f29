"""Dates and sentences of the pages of needs, offers and partnerships, for their Jinja2
partials (jinja2/partnerships/): the sentences with a value are translated once per render
and written here so that makemessages extracts them (the same messages as the Django
templates had); dates are written by peps.core.dates (what the date filter writes, faster),
a moment on its local day."""

import datetime

from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop
from markupsafe import Markup

from peps.core import dates
from peps.core.jinja import words


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """`value|date("j F Y")`: of a date, or of a moment its local day."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = timezone.localtime(value)
    return dates.long_date(value)


def first_words(text: str, count: int) -> str:
    """`text|truncatewords:count`: the first words, « … » after them when some are left out."""
    return Truncator(text or "").words(count, truncate=" …")


def names() -> dict[str, Markup]:
    """The sentences with a value of the pages and lists, as %-formats translated once per
    render. Markup, as Django's blocktranslate writes them: the partials fill them with `%`,
    which escapes the values and keeps the translation as it is."""
    return {
        key: Markup(gettext(message))  # noqa: S704 - our catalogue's sentences; the values are escaped by %
        for key, message in _NAMES.items()
    }


# gettext_noop: so that makemessages finds them (translated in names()).
_NAMES = {
    "project_needs": gettext_noop("Les besoins du projet « %(title)s »"),
    "project": gettext_noop("Projet « %(title)s »"),
    "around": gettext_noop("%(commune)s et %(km)s km autour"),
    "from": gettext_noop("à partir du %(d)s"),
    "until": gettext_noop("jusqu’au %(d)s"),
    "from_start": gettext_noop("à partir du %(start)s"),
    "until_end": gettext_noop("jusqu’au %(end)s"),
    "between": gettext_noop("du %(start)s au %(end)s"),
    "relevance": gettext_noop("Pertinence : %(relevance)s"),
    "with_partner": gettext_noop("« %(project)s » avec %(partner)s"),
    "for_need": gettext_noop("Pour le besoin « %(need)s »"),
    "proposed_on": gettext_noop("proposé le %(date)s"),
    "stale": gettext_noop("Publié le %(date)s, aucun partenariat proposé."),
}


def fixed_words():
    """`_` of a partial given no LANGUAGE_CODE ({% jinja %} hands over only its values): the
    fixed words in the active language, each translated once (core.jinja.words)."""
    return words(translation.get_language())


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("partnerships_names", names)
    add_global("partnerships_date", long_date)
    add_global("partnerships_first_words", first_words)
    add_global("partnerships_fixed_words", fixed_words)
