"""Forms of the newsletter: composing an issue, subscribing with an e-mail address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Newsletter


class NewsletterForm(forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class SubscribeForm(forms.Form):
    """For visitors without an account; the consent box is explicit (RGPD: no pre-ticked box)."""

    email = forms.EmailField(label=_("Votre adresse e-mail"), max_length=254)
    consent = forms.BooleanField(
        label=_("J’accepte de recevoir la lettre d’information du pôle. Je peux me désinscrire à tout moment."),
        error_messages={"required": _("Cochez la case pour donner votre accord.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
