"""The one setting a person has here: how notification e-mails reach them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailFrequency


class NotificationSettingsForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Recevoir les notifications par e-mail"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Les notifications restent toujours visibles sur la plateforme."),
    )
