import pytest
from django.core.exceptions import ValidationError

from peps.core.identifiers import validate_rna, validate_siren, validate_siret


@pytest.mark.parametrize("value", ["732829320", "732 829 320", "552100554"])
def test_valid_siren_is_accepted(value):
    validate_siren(value)


@pytest.mark.parametrize("value", ["732829321", "12345678", "abcdefghi"])
def test_invalid_siren_is_refused(value):
    with pytest.raises(ValidationError):
        validate_siren(value)


def test_siret_with_a_wrong_check_digit_is_refused():
    validate_siret("73282932000074")
    with pytest.raises(ValidationError) as error:
        validate_siret("73282932000075")
    assert "clé de contrôle" in str(error.value)


def test_la_poste_siret_follows_its_own_rule():
    validate_siret("35600000000001")
    with pytest.raises(ValidationError):
        validate_siret("35600000000002")  # digits summing to no multiple of 5


@pytest.mark.parametrize("value", ["W423001234", "W2A1234567", "w751004076"])
def test_valid_rna(value):
    validate_rna(value)


@pytest.mark.parametrize("value", ["423001234", "W42300123", "X751004076"])
def test_invalid_rna(value):
    with pytest.raises(ValidationError):
        validate_rna(value)
