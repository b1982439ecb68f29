"""Dates and sentences of the contact log's rows, for its Jinja2 partial
(jinja2/activity/_rows.html): fifty rows of three dates each, written from a table of month
names built once per language (what Django's date filter writes, in a tenth of its time), and
the sentence naming each row's contact translated once per page."""

import datetime
import functools

from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.translation import gettext

# peps.core.dates holds the full month names; the log writes « 7 déc. 2026 » (date format
# "j N Y"), whose abbreviations (Associated Press style) it does not hold.


@functools.lru_cache(maxsize=16)
def _months(language: str | None) -> tuple[dict[int, str], dict[int, str]]:
    with translation.override(language):
        return (
            {number: str(name) for number, name in MONTHS.items()},
            {number: str(name) for number, name in MONTHS_AP.items()},
        )


def long_date(day: datetime.date | None) -> str:
    """`day|date("j F Y")`: « 7 décembre 2026 »."""
    if day is None:
        return ""
    return f"{day.day} {_months(translation.get_language())[0][day.month]} {day.year}"


def short_date(day: datetime.date | None) -> str:
    """`day|date("j N Y")`: « 7 déc. 2026 »."""
    if day is None:
        return ""
    return f"{day.day} {_months(translation.get_language())[1][day.month]} {day.year}"


def row_names() -> dict[str, str]:
    """The sentences of a row with a value in them, translated once for a page of rows
    (each is a %-format: « le contact « %(topic)s » du %(date)s »)."""
    return {
        "described": gettext("le contact « %(topic)s » du %(date)s"),
        "before": gettext("avant le %(date)s"),
    }


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("activity_long_date", long_date)
    add_global("activity_short_date", short_date)
    add_global("activity_row_names", row_names)
