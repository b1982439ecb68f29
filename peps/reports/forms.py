"""Forms of annual reports: create one for a period (quick choices or custom dates), edit it."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Report
from .services import MAX_PERIOD_DAYS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_AREA = forms.Textarea(attrs={"rows": 8})


def last_calendar_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    year = today.year - 1
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def last_six_months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The six full months before the current one."""
    end = today.replace(day=1) - datetime.timedelta(days=1)
    month = end.month - 5
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1), end


QUICK_PERIODS = {"last_year": last_calendar_year, "last_6_months": last_six_months}


def default_title(start: datetime.date, end: datetime.date) -> str:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(_("Bilan d’activité %(year)s")) % {"year": start.year}
    return str(_("Bilan d’activité du %(start)s au %(end)s")) % {
        "start": date_format(start, "j F Y"),
        "end": date_format(end, "j F Y"),
    }


class _PeriodMixin:
    def _check_period(self, start, end):
        if start and end:
            if end < start:
                self.add_error("end", _("La fin de la période doit venir après son début."))
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("end", _("Choisissez une période de cinq ans au plus."))


class ReportCreateForm(_PeriodMixin, forms.Form):
    period = forms.ChoiceField(
        label=_("Période"),
        choices=[
            ("last_year", _("L’année civile dernière")),
            ("last_6_months", _("Les six derniers mois complets")),
            ("custom", _("Une autre période (dates ci-dessous)")),
        ],
        initial="last_year",
        widget=forms.RadioSelect,
    )
    start = forms.DateField(label=_("Du"), required=False, widget=DATE_INPUT, help_text=_("Pour une autre période."))
    end = forms.DateField(label=_("Au"), required=False, widget=DATE_INPUT, help_text=_("Date incluse."))
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        required=False,
        help_text=_("Laissez vide : « Bilan d’activité 2024 », par exemple."),
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self):
        data = super().clean()
        choice = data.get("period")
        if choice in QUICK_PERIODS:
            data["start"], data["end"] = QUICK_PERIODS[choice](self.today)
        elif choice == "custom":
            for name, message in (
                ("start", _("Indiquez le début de la période.")),
                ("end", _("Indiquez la fin de la période.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
            self._check_period(data.get("start"), data.get("end"))
        if data.get("start") and data.get("end") and not data.get("title"):
            data["title"] = default_title(data["start"], data["end"])
        return data


class ReportForm(_PeriodMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title", "start", "end", "introduction", "highlights"]
        widgets = {"start": DATE_INPUT, "end": DATE_INPUT, "introduction": TEXT_AREA, "highlights": TEXT_AREA}
        help_texts = {
            "introduction": _("Markdown accepté : **gras**, listes, liens."),
            "highlights": _("Les moments forts de la période, en Markdown."),
        }

    def clean(self):
        data = super().clean()
        self._check_period(data.get("start"), data.get("end"))
        return data
