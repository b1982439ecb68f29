"""The lean widget templates (peps.core.jinja.LEAN_WIDGETS) write what Django's own write."""

import datetime
from pathlib import Path

import django.forms
from django import forms
from django.forms.renderers import BaseRenderer
from django.template import engines

from peps.core.jinja import LEAN_WIDGETS, FormRenderer

DJANGO_WIDGETS = Path(django.forms.__file__).parent / "jinja2"


class DjangoRenderer(BaseRenderer):
    """Django's own Jinja2 widget templates, as the platform rendered them before."""

    def get_template(self, template_name):
        return engines["jinja2"].get_template(template_name)


class Everything(forms.Form):
    text = forms.CharField(
        max_length=20, help_text="Aide", widget=forms.TextInput(attrs={"placeholder": '« x » & "y"'})
    )
    optional = forms.CharField(required=False, disabled=True)
    email = forms.EmailField()
    url = forms.URLField(required=False, assume_scheme="https")
    number = forms.IntegerField(min_value=0, max_value=9)
    decimal = forms.DecimalField(required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    hour = forms.TimeField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    colour = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "color"}))
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))
    phone = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel"}))
    agree = forms.BooleanField(required=False)
    document = forms.FileField(required=False, widget=forms.FileInput)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=[("", "—"), ("a", "A & <b>"), ("b", "B")])
    grouped = forms.ChoiceField(choices=[("Fruits", [("apple", "Pomme"), ("pear", "Poire")]), ("x", "Autre")])
    many = forms.MultipleChoiceField(required=False, choices=[(1, "Un"), (2, "Deux"), (3, "Trois")])
    maybe = forms.NullBooleanField(required=False)
    born = forms.DateField(required=False, widget=forms.SelectDateWidget(years=[2024, 2025]))


VALUES = {
    "text": "<script>« été »</script>",
    "email": "pas-un-courriel",
    "number": "12",
    "day": "2026-12-08",
    "moment": "2026-12-08T10:30",
    "secret": "s3cret",
    "hidden": "caché",
    "agree": "on",
    "note": "Ligne 1\nLigne <2>",
    "kind": "a",
    "grouped": "pear",
    "many": ["1", "3"],
    "maybe": "true",
    "born_day": "8",
    "born_month": "12",
    "born_year": "2025",
}


def _html(form_class, renderer, **kwargs) -> list[str]:
    form = form_class(renderer=renderer, **kwargs)
    return [str(form[name]) for name in form.fields]


def test_every_lean_widget_writes_django_s_markup_bound_unbound_and_with_errors():
    for kwargs in ({}, {"data": VALUES}, {"initial": {"text": "x", "many": [2], "day": datetime.date(2026, 1, 2)}}):
        lean, django_own = _html(Everything, FormRenderer(), **kwargs), _html(Everything, DjangoRenderer(), **kwargs)
        assert lean == django_own
    # The lean templates were the ones used, and they escape as Django's do.
    assert FormRenderer().get_template("django/forms/widgets/text.html").template.name == "core/widgets/input.html"
    assert 'placeholder="« x » &amp; &#34;y&#34;"' in lean[0]


def test_the_lean_templates_replace_only_django_s_templates_that_they_copy():
    """Each input type's template of Django only includes input.html: if a Django upgrade
    changes one, this fails and the mapping is looked at again."""
    for name, lean in LEAN_WIDGETS.items():
        assert (DJANGO_WIDGETS / name).exists(), name
        if lean == "core/widgets/input.html" and not name.endswith("/input.html"):
            assert (DJANGO_WIDGETS / name).read_text().strip() == '{% include "django/forms/widgets/input.html" %}'
