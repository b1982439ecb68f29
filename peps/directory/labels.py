"""Sentences with a value of the directory's list and of a structure's page, for their
Jinja2 partials (jinja2/directory/): written here so that makemessages extracts them (the
same messages as the Django templates had). Those of the page are Markup, as Django's
blocktranslate writes them: the values are escaped by %, the translation kept as it is."""

import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext, ngettext
from markupsafe import Markup

from peps.core.dates import long_date


def lead(name: str) -> str:
    return gettext(
        "Les associations, coopératives, entreprises, collectivités et autres structures du pôle %(name)s."
    ) % {"name": name}


def structures_count(total: int, capped: bool) -> str:
    """« 2 001 structures », « Plus de 10 000 structures » when the count stopped there."""
    if capped:
        return gettext("Plus de %(n)s structures") % {"n": intcomma(total)}
    return ngettext("%(n)s structure", "%(n)s structures", total) % {"n": intcomma(total)}


def college(name: str) -> Markup:
    return Markup(gettext("Collège « %(college)s »")) % {"college": name}  # noqa: S704 - our catalogue's sentence, the value escaped by %


def since(day: datetime.date) -> Markup:
    return Markup(gettext("depuis le %(date)s")) % {"date": long_date(day)}  # noqa: S704 - as above


def unnamed_representatives(count: int) -> Markup:
    sentence = ngettext(
        "%(counter)s autre représentant·e au profil non public",
        "%(counter)s autres représentant·es au profil non public",
        count,
    )
    return Markup(sentence) % {"counter": count}  # noqa: S704 - as above


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("directory_lead", lead)
    add_global("directory_structures_count", structures_count)
    add_global("directory_college", college)
    add_global("directory_since", since)
    add_global("directory_unnamed_representatives", unnamed_representatives)
