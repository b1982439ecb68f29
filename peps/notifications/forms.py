"""A person's settings here: how notification e-mails reach them, and which families of
notifications never come by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import mutable_families
from .models import EmailFrequency


class NotificationSettingsForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Recevoir les notifications par e-mail"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Les notifications restent toujours visibles sur la plateforme."),
    )
    muted_kinds = forms.MultipleChoiceField(
        label=_("Ne jamais recevoir par e-mail"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ces notifications resteront visibles sur la plateforme, sans e-mail."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Apps register their families at start-up: read them when the form is built.
        self.fields["muted_kinds"].choices = [(f.prefix, f.label) for f in mutable_families()]
