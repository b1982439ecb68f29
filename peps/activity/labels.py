"""Dates, numbers and sentences of the contact log's page, for its Jinja2 partials
(jinja2/activity/): the sentence naming each row's contact, translated once per page, the
period and the count of the log (the same messages as the Django templates had; the rows'
dates are core's long_date and short_date)."""

import datetime

from django.utils.translation import gettext, ngettext

from peps.core.dates import long_date


def row_names() -> dict[str, str]:
    """The sentences of a row with a value in them, translated once for a page of rows
    (each is a %-format: « le contact « %(topic)s » du %(date)s »)."""
    return {
        "described": gettext("le contact « %(topic)s » du %(date)s"),
        "before": gettext("avant le %(date)s"),
    }


def period(start: datetime.date, end: datetime.date) -> str:
    """« Du 8 décembre 2025 au 7 décembre 2026 », the title of the log's summary."""
    return gettext("Du %(start)s au %(end)s") % {"start": long_date(start), "end": long_date(end)}


def contacts_count(n: int) -> str:
    return ngettext("%(n)s contact", "%(n)s contacts", n) % {"n": n}


def all_contacts_with(name: str) -> str:
    """« Tous les contacts avec La Coop », the link under a structure's last contacts."""
    return gettext("Tous les contacts avec %(name)s") % {"name": name}


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("activity_row_names", row_names)
    add_global("activity_period", period)
    add_global("activity_contacts_count", contacts_count)
    add_global("activity_all_contacts_with", all_contacts_with)
