"""Forms of the commons app: catalogue filters, a resource, a booking, a weekly series,
the deletion choice and the statistics range. Times are typed in Europe/Paris."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .isbn import normalize_isbn
from .models import Resource, ResourceKind
from .timeslots import build_weekly_rrule

LOCAL_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Tous les types")), *ResourceKind.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"query": self.cleaned_data["q"], "kind": self.cleaned_data["kind"]}


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = [
            "kind",
            "name",
            "description",
            "location",
            "equipment_category",
            "author",
            "publisher",
            "isbn",
            "capacity",
            "is_accessible",
            "accessibility_notes",
            "who_may_book",
            "requires_approval",
            "max_duration_hours",
            "deposit_note",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed with hyphens (978-2-07-036822-8): the model keeps 13 characters, digits only.
        self.fields["isbn"] = forms.CharField(
            label=self.fields["isbn"].label, help_text=self.fields["isbn"].help_text, max_length=20, required=False
        )

    def clean_isbn(self) -> str:
        return normalize_isbn(self.cleaned_data["isbn"])

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ResourceKind.EQUIPMENT and not data.get("equipment_category"):
            self.add_error("equipment_category", _("Choisissez la catégorie du matériel."))
        if kind not in (ResourceKind.BOOK, ResourceKind.DOCUMENT) and data.get("isbn"):
            self.add_error("isbn", _("Un ISBN ne concerne qu’un livre ou un document : laissez ce champ vide."))
        if kind == ResourceKind.ROOM and not data.get("capacity"):
            self.add_error("capacity", _("Indiquez combien de personnes la salle accueille."))
        return data


class BookingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Début"), input_formats=LOCAL_INPUT_FORMATS, widget=DateTimeLocalInput(), help_text=_("Heure de Paris.")
    )
    ends_at = forms.DateTimeField(
        label=_("Fin"), input_formats=LOCAL_INPUT_FORMATS, widget=DateTimeLocalInput(), help_text=_("Heure de Paris.")
    )
    structure = forms.ModelChoiceField(
        label=_("Au nom de la structure"), queryset=None, required=False, empty_label=_("En mon nom")
    )
    purpose = forms.CharField(label=_("Objet"), max_length=200, required=False)

    def __init__(self, *args, structures, is_loan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures
        if is_loan:
            self.fields["starts_at"].label = _("Emprunt à partir du")
            self.fields["ends_at"].label = _("Retour prévu le")

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("La fin doit venir après le début."))
        return data


WEEKDAYS = [
    ("MO", _("Lundi")),
    ("TU", _("Mardi")),
    ("WE", _("Mercredi")),
    ("TH", _("Jeudi")),
    ("FR", _("Vendredi")),
    ("SA", _("Samedi")),
    ("SU", _("Dimanche")),
]


class SeriesForm(forms.Form):
    weekdays = forms.MultipleChoiceField(
        label=_("Chaque semaine, le"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )
    start_time = forms.TimeField(label=_("De"), widget=TimeInput(), help_text=_("Heure de Paris."))
    end_time = forms.TimeField(label=_("À"), widget=TimeInput())
    first_date = forms.DateField(label=_("À partir du"), widget=DateInput())
    until = forms.DateField(label=_("Jusqu’au"), widget=DateInput(), required=False)
    count = forms.IntegerField(label=_("Ou nombre de séances"), min_value=1, max_value=104, required=False)
    structure = forms.ModelChoiceField(
        label=_("Au nom de la structure"), queryset=None, required=False, empty_label=_("En mon nom")
    )
    purpose = forms.CharField(
        label=_("Objet"), max_length=200, required=False, help_text=_("Par exemple : permanence.")
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

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("L’heure de fin doit venir après l’heure de début."))
        until, count, first = data.get("until"), data.get("count"), data.get("first_date")
        if not until and not count:
            self.add_error("until", _("Indiquez une date de fin ou un nombre de séances."))
        elif until and count:
            self.add_error("count", _("Indiquez une date de fin ou un nombre de séances, pas les deux."))
        elif until and first and until < first:
            self.add_error("until", _("La date de fin doit venir après la première date."))
        if first and first < timezone.localdate():
            self.add_error("first_date", _("Choisissez une date à venir."))
        return data

    @property
    def rrule(self) -> str:
        data = self.cleaned_data
        order = [code for code, _label in WEEKDAYS]
        days = sorted(data["weekdays"], key=order.index)
        return build_weekly_rrule(weekdays=days, until=data.get("until"), count=data.get("count"))


class DeleteResourceForm(forms.Form):
    cancel_future = forms.BooleanField(
        label=_("Annuler les réservations à venir et prévenir leurs auteurs par e-mail"), required=False
    )


class RefuseForm(forms.Form):
    note = forms.CharField(label=_("Motif du refus"), max_length=300, required=False)


def default_range() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


class StatisticsForm(forms.Form):
    start = forms.DateField(label=_("Du"), widget=DateInput())
    end = forms.DateField(label=_("Au"), widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("La date de fin doit venir après la date de début."))
            elif (end - start).days > 3 * 366:
                self.add_error("end", _("Choisissez une période de trois ans au plus."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return default_range()
