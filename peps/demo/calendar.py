"""Dates of the demo that make sense whatever day it is seeded: meetings in the daytime,
seasonal events in their season (an autumn Bourse in October, not in December)."""

import datetime

from django.utils import timezone


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """`day` at a local time of day (aware)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def last_on(today: datetime.date, month: int, day: int, *, at_least: int = 7) -> datetime.date:
    """The latest `day`/`month` that is at least `at_least` days before `today`."""
    candidate = datetime.date(today.year, month, day)
    while (today - candidate).days < at_least:
        candidate = candidate.replace(year=candidate.year - 1)
    return candidate


def next_on(today: datetime.date, month: int, day: int, *, at_least: int = 7) -> datetime.date:
    """The earliest `day`/`month` that is at least `at_least` days after `today`."""
    candidate = datetime.date(today.year, month, day)
    while (candidate - today).days < at_least:
        candidate = candidate.replace(year=candidate.year + 1)
    return candidate
