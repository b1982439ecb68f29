"""Forms of the agenda: an event, cancelling it, attendance, and the Bourse aux projets tools.

Dates and times are typed in the pole's local time (Europe/Paris); Django turns them into
UTC and reports a time that does not exist (the night of the clock change) as an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peps.accounts.models import User
from peps.territory.forms import CommuneField

from .bourse import MAX_SLOT_MINUTES
from .models import Attendance, BourseContribution, ContributionKind, Event, EventKind, PlaceKind

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def _datetime_field(label, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": _("Saisissez une date et une heure valides, par exemple 12/03/2026 18:00.")},
        help_text=_("Heure de Paris."),
        **kwargs,
    )


class EventForm(forms.ModelForm):
    starts_at = _datetime_field(_("Début"))
    ends_at = _datetime_field(_("Fin"))
    commune = CommuneField(required=False, help_text=_("Pour une adresse : tapez le début du nom puis choisissez."))
    online_url = forms.URLField(
        label=_("Lien de la visioconférence"), required=False, assume_scheme="https", max_length=200
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Laissez vide pour ne pas limiter. Au-delà, les personnes rejoignent une liste d’attente."),
        error_messages={"min_value": _("Le nombre de places doit être d’au moins 1.")},
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "place_kind",
            "room",
            "address",
            "commune",
            "online_url",
            "description",
            "capacity",
            "audience",
            "registration_open",
            "organiser_structure",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "place_kind": forms.RadioSelect,
            "audience": forms.RadioSelect,
        }
        help_texts = {"address": _("Numéro et rue, pour un événement à une adresse.")}

    def __init__(self, *args, rooms, structures, allow_bourse: bool, require_structure: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.fields["room"].empty_label = _("Choisissez une salle")
        self.fields["room"].help_text = _("Pour un événement dans une salle du pôle.")
        self.fields["online_url"].help_text = _("Pour un événement en ligne.")
        kinds = [(value, label) for value, label in EventKind.choices if allow_bourse or value != EventKind.BOURSE]
        if self.instance.pk and self.instance.kind == EventKind.BOURSE:
            # A session keeps its kind: its presentations and contributions depend on it.
            kinds = [(EventKind.BOURSE, EventKind.BOURSE.label)]
        elif self.instance.pk:
            kinds = [(value, label) for value, label in kinds if value != EventKind.BOURSE]
        self.fields["kind"].choices = [("", _("Choisissez un type")), *kinds]
        self.fields["place_kind"].choices = PlaceKind.choices
        if structures is None:
            del self.fields["organiser_structure"]
        else:
            self.fields["organiser_structure"].queryset = structures
            self.fields["organiser_structure"].required = require_structure
            self.fields["organiser_structure"].empty_label = _("Aucune (la coordination du pôle)")

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("La fin doit venir après le début."))
        return cleaned

    def _post_clean(self):
        # The service validates and saves; the model's own checks would run on a half-built instance.
        pass


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif (envoyé aux personnes inscrites)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Je confirme l’annulation : toutes les personnes inscrites recevront un e-mail."),
        error_messages={"required": _("Cochez la case pour confirmer l’annulation.")},
    )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Présence"), choices=Attendance.choices, required=False)


class SlotForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Projet"), queryset=None, empty_label=_("Choisissez un projet"))
    starts_at = _datetime_field(_("Heure de passage"))
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=1, max_value=MAX_SLOT_MINUTES, initial=20
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class InviteResourcePersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail du compte"),
        help_text=_("La personne doit avoir un compte sur PEPS ; elle reçoit une invitation par e-mail."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Aucun compte n’utilise cette adresse. Invitez la personne à en créer un."))
        self.person = person
        return email


class ContributionForm(forms.ModelForm):
    class Meta:
        model = BourseContribution
        fields = ["project", "kind", "given_by", "given_by_structure", "text"]
        labels = {
            "project": _("Projet"),
            "given_by": _("Donné par (personne)"),
            "given_by_structure": _("Au nom de la structure"),
        }
        help_texts = {"given_by_structure": _("Une personne, une structure, ou les deux.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "kind": forms.RadioSelect}

    def __init__(self, *args, projects, people, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].empty_label = _("Choisissez un projet")
        self.fields["given_by"].queryset = people
        self.fields["given_by"].empty_label = _("Personne en particulier")
        self.fields["given_by"].label_from_instance = lambda person: person.public_name
        self.fields["given_by_structure"].queryset = structures
        self.fields["given_by_structure"].empty_label = _("Aucune")
        self.fields["kind"].choices = ContributionKind.choices
        if self.instance.pk:
            del self.fields["project"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("given_by") and not cleaned.get("given_by_structure") and not self.errors:
            self.add_error("given_by", _("Indiquez qui a donné ce conseil : une personne, une structure, ou les deux."))
        return cleaned

    def _post_clean(self):
        pass


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Ce qui en est sorti"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Une synthèse de la session. Markdown accepté."),
    )
