"""Forms of the proposal follow-up: the answer through the e-mail's signed link (no
account) and the coordination's relay."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peps.activity.models import Channel

from .forms import AnswerForm
from .reach import NAME_MAX_LENGTH
from .services import MESSAGE_MAX_LENGTH


class _NameMixin(forms.Form):
    name = forms.CharField(
        label=_("Votre nom"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Pour que le projet sache qui lui répond."),
        error_messages={"required": _("Indiquez votre nom, pour que le projet sache qui lui répond.")},
    )


class LinkAnswerForm(_NameMixin, AnswerForm):
    field_order = ["name", "decision", "reason"]


class LinkQuestionForm(_NameMixin):
    message = forms.CharField(
        label=_("Votre question"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez votre question.")},
    )


class RelayForm(forms.Form):
    channel = forms.ChoiceField(label=_("Transmise par"), choices=Channel.choices, initial=Channel.PHONE)
    notes = forms.CharField(
        label=_("Notes pour le journal des contacts"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DelaysForm(forms.Form):
    reminder_days = forms.IntegerField(label=_("Relance après (jours)"), min_value=1, max_value=90)
    expiry_days = forms.IntegerField(label=_("Expiration après (jours)"), min_value=2, max_value=365)
