"""The fields of the form to post an argument: a blank form's rendered once per language are
the form's own; a bound form's errors and values are shown."""

import pytest
from django.utils import translation

from peps.deliberation import forms
from peps.deliberation.forms import ArgumentForm


@pytest.mark.parametrize("language", ["fr", "en", "fr"])
def test_blank_fields_are_the_form_rendered_in_the_active_language(language):
    with translation.override(language):
        assert forms.argument_fields(ArgumentForm(prefix="arg")) == forms._fields(ArgumentForm(prefix="arg"))
        assert forms.argument_fields(ArgumentForm(prefix="other")) == forms._fields(ArgumentForm(prefix="other"))


def test_bound_fields_show_values_and_errors():
    with translation.override("fr"):
        form = ArgumentForm({"arg-stance": "con", "arg-text": ""}, prefix="arg")
        html = forms.argument_fields(form)
        assert html == forms._fields(form)
        assert 'value="con" required id="id_arg-stance_1" checked' in html
        assert "Écrivez votre argument." in html
        assert html != forms.argument_fields(ArgumentForm(prefix="arg"))
