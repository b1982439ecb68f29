"""Sentences with a value of the open data page, for its Jinja2 partial
(jinja2/opendata/_datasets.html): written here so that makemessages extracts them."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext, ngettext


def rows_count(count: int) -> str:
    return ngettext("%(counter)s ligne", "%(counter)s lignes", count) % {"counter": intcomma(count)}


def updated_on(date: str) -> str:
    """`date` already written in the active language (« 7 décembre 2026 »)."""
    return gettext("mis à jour le %(date)s") % {"date": date}


def columns_caption(title: str) -> str:
    return gettext("Colonnes du jeu « %(title)s »") % {"title": title}


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("opendata_rows_count", rows_count)
    add_global("opendata_updated_on", updated_on)
    add_global("opendata_columns_caption", columns_caption)
