"""Forms of the directory: the GET filters of the lists, a structure's page, a claim."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peps.core.forms import ReadyChoices
from peps.core.identifiers import compact, validate_rna, validate_siren, validate_siret
from peps.territory.forms import CommuneField

from .models import LegalForm, Representative, Sector, Structure
from .selectors import DirectoryFilters, sectors_for_choice


class SearchInput(forms.TextInput):
    input_type = "search"


class _LenientForm(forms.Form):
    """A GET form whose malformed parameters are dropped rather than reported: a filter
    link edited by hand must still show the directory."""

    def valid_data(self) -> dict:
        self.is_valid()
        if self.errors:
            self.data = {key: self.data.get(key) for key in self.fields if key not in self.errors}
            self._errors = None
            self.is_valid()
        return self.cleaned_data


class DirectoryFilterForm(_LenientForm):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200, widget=SearchInput)
    legal_form = forms.ChoiceField(
        label=_("Forme juridique"), required=False, choices=[("", _("Toutes"))] + LegalForm.choices
    )
    sector = forms.ChoiceField(label=_("Secteur"), required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    college = forms.TypedChoiceField(label=_("Collège"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, sectors, communes, colleges):
        super().__init__(data)
        self.fields["sector"].choices = ReadyChoices([("", _("Tous"))] + [(s.slug, gettext(s.name)) for s in sectors])
        self.fields["commune"].choices = ReadyChoices([("", _("Toutes")), *communes])
        self.fields["college"].choices = ReadyChoices([("", _("Tous"))] + [(c.pk, c.name) for c in colleges])
        if not colleges:
            del self.fields["college"]

    def filters(self) -> DirectoryFilters:
        data = self.valid_data()
        return DirectoryFilters(
            legal_form=data.get("legal_form") or "",
            sector=data.get("sector") or "",
            commune=data.get("commune") or "",
            college=data.get("college"),
            q=data.get("q") or "",
        )


class PeopleFilterForm(_LenientForm):
    q = forms.CharField(label=_("Nom ou compétence"), required=False, max_length=200, widget=SearchInput)
    college = forms.TypedChoiceField(label=_("Collège"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, colleges):
        super().__init__(data)
        self.fields["college"].choices = ReadyChoices([("", _("Tous"))] + [(c.pk, c.name) for c in colleges])
        if not colleges:
            del self.fields["college"]


def _identifier(value: str, validator) -> str:
    value = compact(value)
    if value:
        validator(value)
    return value


class StructureForm(forms.ModelForm):
    # Wider than the stored length: people paste "732 829 320"; spaces are removed below.
    siren = forms.CharField(label=_("SIREN"), required=False, max_length=20, help_text=_("9 chiffres."))
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=30,
        help_text=_("14 chiffres : le SIREN suivi du numéro de l’établissement."),
    )
    rna = forms.CharField(
        label=_("Numéro RNA"),
        required=False,
        max_length=20,
        help_text=_("Pour une association : W suivi de 9 caractères, par exemple W423001234."),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Secteurs d’activité"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commune = CommuneField(required=False)
    website = forms.URLField(
        label=_("Site web"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Par exemple : https://exemple.fr"),
    )

    class Meta:
        model = Structure
        fields = [
            "name",
            "legal_form",
            "museum_status",
            "siren",
            "siret",
            "rna",
            "sectors",
            "commune",
            "address",
            "website",
            "summary",
            "description",
            "email",
            "phone",
            "contact_name",
            "address_visibility",
            "email_visibility",
            "phone_visibility",
            "contact_visibility",
        ]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    # Grouped on the page: each contact field sits next to who may see it.
    CONTACT_FIELDS = [
        ("address", "address_visibility"),
        ("email", "email_visibility"),
        ("phone", "phone_visibility"),
        ("contact_name", "contact_visibility"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = sectors_for_choice()
        self.fields["sectors"].label_from_instance = lambda sector: gettext(sector.name)
        self.fields["museum_status"].help_text = _("Obligatoire pour un musée, à laisser vide sinon.")
        if self.instance.commune_id and not self.is_bound:
            self.initial["commune"] = self.instance.commune

    def clean_siren(self) -> str:
        return _identifier(self.cleaned_data["siren"], validate_siren)

    def clean_siret(self) -> str:
        return _identifier(self.cleaned_data["siret"], validate_siret)

    def clean_rna(self) -> str:
        return _identifier(self.cleaned_data["rna"], validate_rna)

    def contact_rows(self):
        return [(self[field], self[visibility]) for field, visibility in self.CONTACT_FIELDS]

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "sectors"}


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ["title", "message"]
        labels = {"title": _("Votre fonction dans la structure"), "message": _("Message pour la coordination")}
        help_texts = {
            "title": _("Par exemple : présidente, directeur, salariée chargée de la communication."),
            "message": _("Facultatif : ce qui permet à la coordination de vérifier votre demande."),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Accepter")), ("refuse", _("Refuser"))])
