"""Forms of permanences: holding one in a room, and booking a time with its host."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import DateInput, TimeInput
from .models import WeekOfMonth
from .permanences import TOPIC_MAX_LENGTH, WEEKDAY_NAMES


class PermanenceForm(forms.Form):
    title = forms.CharField(
        label=_("Nom de la permanence"),
        max_length=160,
        help_text=_("Par exemple « Permanence de l’URSCOP » : il est affiché dans l’agenda du pôle."),
    )
    description = forms.CharField(
        label=_("Pour qui, pour quoi"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    structure = forms.ModelChoiceField(
        label=_("Au nom de la structure"), queryset=None, required=False, empty_label=_("En mon nom")
    )
    week_of_month = forms.TypedChoiceField(
        label=_("Quelles semaines"), choices=WeekOfMonth.choices, coerce=int, initial=WeekOfMonth.FIRST
    )
    weekday = forms.TypedChoiceField(
        label=_("Quel jour"), choices=[(i, name) for i, name in enumerate(WEEKDAY_NAMES)], coerce=int, initial=1
    )
    start_time = forms.TimeField(label=_("De"), widget=TimeInput(), initial=datetime.time(14))
    end_time = forms.TimeField(label=_("À"), widget=TimeInput(), initial=datetime.time(17))
    first_date = forms.DateField(label=_("À partir du"), widget=DateInput())
    until = forms.DateField(label=_("Jusqu’au"), widget=DateInput())
    slot_minutes = forms.IntegerField(
        label=_("Durée d’un rendez-vous (minutes)"), min_value=10, max_value=240, initial=30
    )
    on_conflict = forms.ChoiceField(
        label=_("Si une date est déjà prise"),
        choices=[
            ("refuse", _("Ne rien réserver et me montrer les dates prises")),
            ("skip", _("Réserver les autres dates")),
        ],
        initial="refuse",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures
        today = timezone.localdate()
        self.fields["first_date"].initial = today
        self.fields["until"].initial = (
            today.replace(year=today.year + 1)
            if not (today.month == 2 and today.day == 29)
            else today + datetime.timedelta(days=365)
        )


class AppointmentForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Créneau"),
        input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S"],
        error_messages={"required": _("Choisissez un créneau."), "invalid": _("Choisissez un créneau dans la liste.")},
    )
    topic = forms.CharField(
        label=_("Objet du rendez-vous"),
        max_length=TOPIC_MAX_LENGTH,
        help_text=_("En quelques mots, pour que la personne prépare votre venue."),
        error_messages={"required": _("Dites en quelques mots l’objet du rendez-vous.")},
    )
