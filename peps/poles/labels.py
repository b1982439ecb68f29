"""Sentences with a value of a pole's home page, for its Jinja2 partial
(jinja2/poles/_home_page.html): written here so that makemessages extracts them (the same
messages as the Django template had)."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import ngettext


def population(people: int, communes: int) -> str:
    """« 120 000 habitants, 45 communes »."""
    return ngettext(
        "%(population)s habitants, %(communes)s commune", "%(population)s habitants, %(communes)s communes", communes
    ) % {"population": intcomma(people), "communes": intcomma(communes)}


def member_structures(n: int) -> str:
    return ngettext("structure membre", "structures membres", n)


def member_people(n: int) -> str:
    return ngettext("personne membre", "personnes membres", n)


def communes(n: int) -> str:
    return ngettext("commune", "communes", n)


def kind_labels() -> dict[str, str]:
    """Each kind of pole in the active language, translated once for a list of a hundred
    cards (get_kind_display() asks the catalogue for each card)."""
    from .models import PoleKind

    return {value: str(label) for value, label in PoleKind.choices}


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("poles_population", population)
    add_global("poles_member_structures", member_structures)
    add_global("poles_member_people", member_people)
    add_global("poles_communes", communes)
    add_global("poles_kind_labels", kind_labels)
