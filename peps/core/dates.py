"""Month and weekday names in the active language, translated once per language, and the
dates written with them: for the pages that write a hundred dates by hand rather than with
Django's `date` filter (the debate, the resource week, the seats, the contact log), which
writes the same in a tenth of its time."""

import datetime
import functools

from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_AP, WEEKDAYS


@functools.lru_cache(maxsize=16)
def _names(language: str | None) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    with translation.override(language):
        return (
            {number: str(name) for number, name in MONTHS.items()},
            {number: str(name) for number, name in WEEKDAYS.items()},
            {number: str(name) for number, name in MONTHS_AP.items()},
        )


def month_names() -> dict[int, str]:
    """1 → « janvier » … in the active language."""
    return _names(translation.get_language())[0]


def weekday_names() -> dict[int, str]:
    """0 (Monday) → « lundi » … in the active language."""
    return _names(translation.get_language())[1]


def long_date(day: datetime.date | None) -> str:
    """`day|date("j F Y")`: « 7 décembre 2026 »."""
    if day is None:
        return ""
    return f"{day.day} {month_names()[day.month]} {day.year}"


def short_date(day: datetime.date | None) -> str:
    """`day|date("j N Y")`: « 7 déc. 2026 » (abbreviations in the Associated Press style)."""
    if day is None:
        return ""
    return f"{day.day} {_names(translation.get_language())[2][day.month]} {day.year}"
