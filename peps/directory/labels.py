"""Sentences with a value of the directory's list, for its Jinja2 partials
(jinja2/directory/): written here so that makemessages extracts them (the same messages as
the Django templates had)."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext, ngettext


def lead(name: str) -> str:
    return gettext(
        "Les associations, coopératives, entreprises, collectivités et autres structures du pôle %(name)s."
    ) % {"name": name}


def structures_count(total: int, capped: bool) -> str:
    """« 2 001 structures », « Plus de 10 000 structures » when the count stopped there."""
    if capped:
        return gettext("Plus de %(n)s structures") % {"n": intcomma(total)}
    return ngettext("%(n)s structure", "%(n)s structures", total) % {"n": intcomma(total)}


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("directory_lead", lead)
    add_global("directory_structures_count", structures_count)
