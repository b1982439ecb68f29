"""Form of the tokens page: a new token needs only a name."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=80,
        help_text=_("Pour vous y retrouver : l’outil ou le script qui l’utilisera, par exemple « tableur de suivi »."),
    )
