"""ISBN-10 and ISBN-13 check digits, with a clear message for each mistake."""

import pytest
from django.core.exceptions import ValidationError

from peps.commons.isbn import normalize_isbn, validate_isbn


@pytest.mark.parametrize(
    "value", ["978-2-07-036822-8", "9782100710744", "2-07-036822-X", "0-306-40615-2", "979-10-90636-07-1"]
)
def test_valid_isbns_pass(value):
    validate_isbn(value)


def test_isbn10_ending_in_x_is_valid():
    validate_isbn("080442957X")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("978-2-07-036822-9", "clé de contrôle"),
        ("0-306-40615-3", "clé de contrôle"),
        ("977-2-07-036822-8", "978 ou 979"),
        ("12345", "10 ou 13"),
    ],
)
def test_invalid_isbns_are_refused_with_a_clear_message(value, words):
    with pytest.raises(ValidationError) as error:
        validate_isbn(value)
    assert words in error.value.messages[0]


def test_hyphens_and_spaces_are_ignored():
    assert normalize_isbn("978 2-07-036822-8") == "9782070368228"


def test_empty_isbn_is_allowed():
    validate_isbn("")
