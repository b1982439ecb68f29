"""Account forms: sign-up asks for the name people will see; the profile form."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from peps.territory.forms import CommuneField

from .models import User
from .services import user_update_profile


class SignupForm(AllauthSignupForm):
    """allauth's sign-up (e-mail and password, set in ACCOUNT_FORMS) plus the displayed name."""

    display_name = forms.CharField(
        label=_("Nom affiché"), max_length=120, help_text=_("Votre prénom et votre nom, ou un pseudonyme.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["display_name", "email", "password1", "password2"])
        self.fields["display_name"].widget.attrs["autocomplete"] = "name"

    def save(self, request):
        user = super().save(request)
        user_update_profile(user=user, display_name=self.cleaned_data["display_name"])
        return user


class ProfileForm(forms.ModelForm):
    commune = CommuneField(required=False)

    class Meta:
        model = User
        fields = [
            "display_name",
            "first_name",
            "last_name",
            "commune",
            "skills",
            "offer",
            "bio",
            "phone",
            "profile_visibility",
            "email_visibility",
            "phone_visibility",
        ]
        widgets = {
            "skills": forms.Textarea(attrs={"rows": 3}),
            "offer": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        labels = {"first_name": _("Prénom"), "last_name": _("Nom")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
