"""apply_validation_error: a service's refusal lands on the field it names, or on the form;
ReadyChoices: pairs given to a field as they are."""

from django import forms
from django.core.exceptions import ValidationError

from peps.core.forms import ReadyChoices, apply_validation_error, refusal_text


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


def test_a_message_without_field_goes_on_the_field_the_view_names():
    form = _form()
    apply_validation_error(form, ValidationError("Ce titre est pris."), field="title")
    assert form.errors["title"] == ["Ce titre est pris."]
    assert form.non_field_errors() == []


def test_the_field_the_view_names_does_not_override_the_services_own():
    form = _form()
    apply_validation_error(form, ValidationError({"pole": "Pas dans ce pôle."}), field="title")
    assert form.non_field_errors() == ["Pas dans ce pôle."]
    assert "title" not in form.errors


def test_a_field_the_form_lacks_falls_back_on_the_form():
    form = _form()
    apply_validation_error(form, ValidationError("Vote clos."), field="text")
    assert form.non_field_errors() == ["Vote clos."]


def test_a_refusal_reads_as_one_sentence_for_a_message():
    assert refusal_text(ValidationError(["Premier motif.", "Second motif."])) == "Premier motif. Second motif."
    assert refusal_text(ValidationError({"title": "Trop court."})) == "Trop court."


def test_ready_choices_validate_and_render_as_a_list_of_pairs():
    pairs = [("", "Toutes"), ("42003", "Ambierle (42)"), ("42218", "Saint-Étienne (42)")]

    class Filter(forms.Form):
        commune = forms.ChoiceField(required=False)

    listed, ready = Filter({"commune": "42218"}), Filter({"commune": "42218"})
    listed.fields["commune"].choices = pairs
    ready.fields["commune"].choices = ReadyChoices(pairs)
    assert str(ready["commune"]) == str(listed["commune"])
    assert '<option value="42218" selected>' in str(ready["commune"])
    assert ready.is_valid() and ready.cleaned_data == {"commune": "42218"}
    refused = Filter({"commune": "99999"})
    refused.fields["commune"].choices = ReadyChoices(pairs)
    assert not refused.is_valid()
