"""Month and weekday names in the active language, translated once per language: for the
pages that write a hundred dates and format them by hand rather than with Django's `date`
filter (the debate, the resource week)."""

import functools

from django.utils import translation
from django.utils.dates import MONTHS, WEEKDAYS


@functools.lru_cache(maxsize=16)
def _names(language: str | None) -> tuple[dict[int, str], dict[int, str]]:
    with translation.override(language):
        return (
            {number: str(name) for number, name in MONTHS.items()},
            {number: str(name) for number, name in WEEKDAYS.items()},
        )


def month_names() -> dict[int, str]:
    """1 → « janvier » … in the active language."""
    return _names(translation.get_language())[0]


def weekday_names() -> dict[int, str]:
    """0 (Monday) → « lundi » … in the active language."""
    return _names(translation.get_language())[1]
