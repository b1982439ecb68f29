"""Account forms: sign-up asks for the name people will see."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    display_name = forms.CharField(
        label=_("Nom affiché"), max_length=120, help_text=_("Votre prénom et votre nom, ou un pseudonyme.")
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
