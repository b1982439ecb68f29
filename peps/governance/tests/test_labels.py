"""The body page's seats write their dates as the date filter does ("j F Y"), in French and
in English, and translate their words once per list."""

import datetime

import pytest
from django.utils import dateformat, translation

from peps.governance.labels import long_date, seat_names


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_are_written_as_the_date_filter_writes_them(language):
    with translation.override(language):
        for month in range(1, 13):
            day = datetime.date(2025, month, 1 + month)
            assert long_date(day) == dateformat.format(day, "j F Y")
    assert long_date(None) == ""


def test_the_seat_sentences_take_their_values():
    with translation.override("fr"):
        names = seat_names()
        assert names["since"] % {"date": "3 mars 2025"} == "depuis le 3 mars 2025"
        assert names["end"] % {"name": "Alice Martin"} == "Mettre fin au mandat de Alice Martin"
