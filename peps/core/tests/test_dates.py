"""Dates written by hand for the long lists write what Django's date filter writes."""

import datetime

import pytest
from django.utils import dateformat, translation

from peps.core.dates import long_date, month_names, short_date, weekday_names


def test_names_follow_the_active_language():
    with translation.override("fr"):
        assert month_names()[12] == "décembre" and weekday_names()[0] == "lundi"
    with translation.override("en"):
        assert month_names()[12] == "December" and weekday_names()[0] == "Monday"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_are_written_as_the_date_filter_writes_them(language):
    with translation.override(language):
        for month in range(1, 13):
            day = datetime.date(2026, month, 7 if month % 2 else 31 if month in (8, 10, 12) else 1)
            assert short_date(day) == dateformat.format(day, "j N Y")
            assert long_date(day) == dateformat.format(day, "j F Y")
    assert short_date(None) == long_date(None) == ""
