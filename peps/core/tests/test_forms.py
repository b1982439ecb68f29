"""apply_validation_error: a service's refusal lands on the field it names, or on the form."""

from django import forms
from django.core.exceptions import ValidationError

from peps.core.forms import apply_validation_error


class TitleForm(forms.Form):
    title = forms.CharField()


def _form() -> TitleForm:
    form = TitleForm({"title": "Épicerie"})
    assert form.is_valid()
    return form


def test_a_message_without_field_goes_on_the_form():
    form = _form()
    apply_validation_error(form, ValidationError("Ce projet est clos."))
    assert form.non_field_errors() == ["Ce projet est clos."]
    assert not form.is_valid()


def test_a_message_for_a_field_of_the_form_goes_on_that_field():
    form = _form()
    apply_validation_error(form, ValidationError({"title": "Ce titre existe déjà."}))
    assert form.errors["title"] == ["Ce titre existe déjà."]
    assert form.non_field_errors() == []


def test_a_message_for_a_field_the_form_lacks_goes_on_the_form_instead_of_failing():
    form = _form()
    apply_validation_error(form, ValidationError({"pole": "Pas dans ce pôle.", "title": "Trop court."}))
    assert form.non_field_errors() == ["Pas dans ce pôle."]
    assert form.errors["title"] == ["Trop court."]


def test_several_messages_are_all_kept():
    form = _form()
    apply_validation_error(form, ValidationError(["Premier motif.", "Second motif."]))
    assert form.non_field_errors() == ["Premier motif.", "Second motif."]
