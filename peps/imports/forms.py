"""Forms of imports: the file, the columns, the registers' files."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import fields_for
from .models import ImportKind, RegisterKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Le fichier contient"), choices=ImportKind.choices, initial=ImportKind.MEMBERS)
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_("CSV (UTF-8 ou Windows-1252, séparé par « ; » ou « , ») ou Excel .xlsx, 50 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: the field it fills, or nothing."""

    def __init__(self, *args, job, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— ne pas importer —"))] + [(f.name, f.label) for f in fields_for(job.kind)]
        for index, header in enumerate(job.headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=job.mapping.get(str(index), "")
            )

    def mapping(self) -> dict[str, str]:
        return {key[4:]: value for key, value in self.cleaned_data.items() if key.startswith("col_") and value}

    def rows(self):
        return [(self[name], index) for index, name in enumerate(self.fields)]


class RegisterUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Registre"), choices=RegisterKind.choices)
    file = forms.FileField(
        label=_("Fichier officiel"),
        help_text=_("Le fichier tel que publié (CSV), ou un extrait avec les mêmes colonnes ; 50 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": ".csv,.txt"}),
    )
