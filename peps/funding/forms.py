"""Forms of the funding pages: a funding line (amounts typed the French way) and the range
of years shown."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import FunderKind, FundingKind, FundingLine
from .money import format_euros


class EuroField(forms.DecimalField):
    """Accepts « 1 234,50 », « 1234.50 » or « 1 234,50 € »; shows « 1 234,50 »."""

    default_error_messages = {"invalid": _("Indiquez un montant en euros, par exemple « 12 500 » ou « 1 234,50 ».")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(max_digits=12, decimal_places=2, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_euros(value).removesuffix("\u00a0€")
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = re.sub(r"[\s\u00a0\u202f€]", "", str(value))
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        elif "," in text:
            text = text.replace(",", "")  # « 1,234.50 »: commas grouping thousands
        try:
            return Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class FundingLineForm(forms.ModelForm):
    amount = EuroField(label=_("Montant (€)"))

    class Meta:
        model = FundingLine
        fields = ["year", "kind", "funder_kind", "funder_name", "amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget = forms.NumberInput(attrs={"min": 1990, "max": 2100})
        self.fields["funder_kind"].choices = [("", _("Sans objet (pas une subvention)")), *FunderKind.choices]
        self.fields["kind"].choices = list(FundingKind.choices)
        self.fields["kind"].help_text = _(
            "Les cotisations des membres ne se saisissent pas ici : elles sont calculées à partir des "
            "cotisations enregistrées sur les adhésions."
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == FundingKind.GRANT and not data.get("funder_kind"):
            self.add_error(
                "funder_kind", _("Pour une subvention, indiquez le type de financeur (collectivité, État, Europe…).")
            )
        amount = data.get("amount")
        if amount is not None and amount <= 0:
            self.add_error("amount", _("Le montant doit être supérieur à zéro."))
        return data


class YearRangeForm(forms.Form):
    """?de=2020&a=2026: a malformed or reversed range falls back to the years with figures."""

    de = forms.IntegerField(label=_("De l’année"), required=False, min_value=1990, max_value=2100)
    a = forms.IntegerField(label=_("À l’année"), required=False, min_value=1990, max_value=2100)

    def years(self, known: tuple[int, int] | None) -> tuple[int, int]:
        this_year = timezone.localdate().year
        first, last = known or (this_year, this_year)
        if self.is_bound and self.is_valid():
            first = self.cleaned_data["de"] or first
            last = self.cleaned_data["a"] or last
        if last < first:
            first, last = last, first
        return max(first, last - 14), last
