"""The log's rows write dates as Django's date filter does ("j N Y" and "j F Y"), in French
and in English, from month names translated once per language."""

import datetime

import pytest
from django.utils import dateformat, translation

from peps.activity.labels import long_date, row_names, short_date


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_are_written_as_the_date_filter_writes_them(language):
    with translation.override(language):
        for month in range(1, 13):
            day = datetime.date(2026, month, 7 if month % 2 else 31 if month in (8, 10, 12) else 1)
            assert short_date(day) == dateformat.format(day, "j N Y")
            assert long_date(day) == dateformat.format(day, "j F Y")
    assert short_date(None) == long_date(None) == ""


def test_row_sentences_follow_the_active_language():
    with translation.override("fr"):
        assert row_names()["described"] % {"topic": "Cantine", "date": "7 décembre 2026"} == (
            "le contact « Cantine » du 7 décembre 2026"
        )
