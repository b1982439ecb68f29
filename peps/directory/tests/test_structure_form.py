"""The structure form: identifiers validated and normalised, cross-field rules, commune."""

import pytest

from peps.directory.forms import StructureForm
from peps.directory.models import LegalForm, MuseumStatus

pytestmark = pytest.mark.django_db


def form_with(**data):
    base = {
        "name": "La Tricoterie",
        "legal_form": LegalForm.ASSOCIATION,
        "address_visibility": "public",
        "email_visibility": "public",
        "phone_visibility": "members",
        "contact_visibility": "members",
    }
    base.update(data)
    return StructureForm(data=base)


def test_a_minimal_structure_is_valid():
    form = form_with()
    assert form.is_valid(), form.errors


def test_identifiers_are_stored_without_spaces():
    form = form_with(siren="732 829 320", siret="732 829 320 00074", rna="w423001234")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["siren"] == "732829320"
    assert form.cleaned_data["siret"] == "73282932000074"
    assert form.cleaned_data["rna"] == "W423001234"


def test_a_siret_with_a_wrong_check_digit_is_refused_with_a_message():
    form = form_with(siret="73282932000075")
    assert not form.is_valid()
    assert "clé de contrôle" in form.errors["siret"][0]


def test_a_siren_of_eight_digits_is_refused():
    form = form_with(siren="12345678")
    assert not form.is_valid()
    assert "9 chiffres" in form.errors["siren"][0]


def test_a_malformed_rna_is_refused():
    form = form_with(rna="423001234")
    assert not form.is_valid()
    assert "W" in form.errors["rna"][0]


def test_siret_must_start_with_the_siren():
    form = form_with(siren="552100554", siret="73282932000074")
    assert not form.is_valid()
    assert "SIREN" in form.errors["siret"][0]


def test_rna_is_only_for_associations():
    form = form_with(legal_form=LegalForm.SCOP, rna="W423001234")
    assert not form.is_valid()
    assert "associations" in form.errors["rna"][0]


def test_a_museum_needs_its_status():
    assert "museum_status" in form_with(legal_form=LegalForm.MUSEE).errors
    assert form_with(legal_form=LegalForm.MUSEE, museum_status=MuseumStatus.ASSOCIATIF).is_valid()


def test_a_museum_status_is_refused_for_other_legal_forms():
    form = form_with(museum_status=MuseumStatus.MUSEE_DE_FRANCE)
    assert not form.is_valid()
    assert "musées" in form.errors["museum_status"][0]


def test_an_unknown_commune_is_a_form_error(commune):
    form = form_with(commune="Atlantide (99)")
    assert not form.is_valid()
    assert "Commune inconnue" in form.errors["commune"][0]


def test_a_commune_is_found_by_its_label(commune):
    form = form_with(commune="Roanne (42)")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"] == commune
