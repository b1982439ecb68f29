"""Sentences with a value of the network's directory, for its Jinja2 partials
(jinja2/network/): written here so that makemessages extracts them (the same messages as
the Django templates had)."""

from django.utils.translation import ngettext


def poles_count(total: int) -> str:
    """« 1 pôle », « 100 pôles »."""
    return ngettext("%(n)s pôle", "%(n)s pôles", total) % {"n": total}


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("network_poles_count", poles_count)
