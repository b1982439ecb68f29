"""The demo's dates make sense whatever day it is seeded."""

import datetime

from django.utils import timezone

from peps.demo.calendar import at, last_on, next_on


def test_seasonal_dates_stay_in_their_season():
    december = datetime.date(2026, 12, 6)
    assert next_on(december, 10, 15) == datetime.date(2027, 10, 15)  # the next autumn
    assert last_on(december, 4, 16) == datetime.date(2026, 4, 16)  # the last spring
    april = datetime.date(2026, 4, 12)
    assert last_on(april, 4, 16) == datetime.date(2025, 4, 16)  # at least a week ago
    assert next_on(datetime.date(2026, 10, 10), 10, 15) == datetime.date(2027, 10, 15)


def test_times_are_local_daytime():
    moment = at(datetime.date(2026, 9, 24), 14, 30)
    assert timezone.localtime(moment).hour == 14 and timezone.localtime(moment).minute == 30
