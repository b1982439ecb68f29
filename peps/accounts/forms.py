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


class AccountDeleteForm(forms.Form):
    """Typing the password proves it is the person, not someone at an unlocked computer."""

    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n’est pas le bon."))
        return password


class NewsletterChoiceForm(forms.Form):
    """The poles whose newsletter I receive, among those I belong to or subscribed to."""

    poles = forms.MultipleChoiceField(
        label=_("Je reçois la lettre d’information de :"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, poles, **kwargs):
        super().__init__(*args, **kwargs)
        self.poles = {str(pole.pk): pole for pole in poles}
        self.fields["poles"].choices = [(pk, pole.name) for pk, pole in self.poles.items()]
