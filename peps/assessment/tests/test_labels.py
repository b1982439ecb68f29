"""The results pages' Jinja2 partials write numbers as the Django templates did: the same
text as `|default_if_none:"—"` (localized) and `|floatformat:1`, in French and in English."""

import pytest
from django.template.defaultfilters import floatformat
from django.utils import formats, translation

from peps.assessment.labels import number

VALUES = [0, 1, 3, 12, 250, 0.0, 1.0, 1.5, 2.75, 2.33, 3.67, 0.33, -0.5, -1.25, 69.0, 93.5, 41.4, 100.0, 1e-05]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_numbers_are_written_as_django_localizes_them(language):
    with translation.override(language):
        for value in VALUES:
            assert number(value) == formats.localize(value), value
        assert number(None) == "—"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_numbers_with_one_decimal_are_written_as_floatformat_writes_them(language):
    with translation.override(language):
        for value in [0.0, 1.0, 41.4, 69.0, 93.5, 100.0, 33.3, 66.7, 12, 0]:
            assert number(value, 1) == floatformat(value, 1), value


def test_french_uses_a_decimal_comma():
    with translation.override("fr"):
        assert (number(2.75), number(69.0, 1)) == ("2,75", "69,0")
