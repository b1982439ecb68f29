"""Forms of the pole pages: joining, memberships, fees, colleges, settings, territory."""

import datetime

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peps.accounts.models import User
from peps.core.widgets import SearchSelect

from .models import College, Membership, MembershipStatus, Pole, Role, TerritoryUnitKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _college_field(pole: Pole, *, required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Collège"),
        queryset=College.objects.filter(pole=pole).order_by("position", "name"),
        required=required,
        empty_label=_("— Aucun —"),
    )


class JoinForm(forms.Form):
    """Asking to join: as oneself, or for a structure one represents."""

    college = forms.ModelChoiceField(label=_("Collège"), queryset=College.objects.none())
    structure = forms.ModelChoiceField(
        label=_("Adhérer au nom de"),
        queryset=None,
        required=False,
        empty_label=_("Moi-même, à titre personnel"),
        help_text=_("Vous pouvez adhérer au nom d’une structure que vous représentez."),
    )
    accept_charter = forms.BooleanField(
        label=_("J’ai lu la charte du pôle et j’y adhère."),
        error_messages={"required": _("Pour adhérer, vous devez accepter la charte.")},
    )

    def __init__(self, *args, pole: Pole, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = College.objects.filter(pole=pole).order_by("position", "name")
        self.fields["college"].empty_label = _("— Choisissez un collège —")
        if not self.fields["college"].queryset.exists():
            # A pole without colleges (e.g. a network run by a charter) still accepts members.
            self.fields["college"].required = False
        self.fields["structure"].queryset = structures
        if not structures:
            del self.fields["structure"]


class MembershipAddForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Ajouter"),
        choices=[("person", _("Une personne")), ("structure", _("Une structure"))],
        widget=forms.RadioSelect,
        initial="person",
    )
    email = forms.EmailField(
        label=_("Adresse e-mail de la personne"),
        required=False,
        help_text=_("La personne doit déjà avoir un compte sur la plateforme."),
    )
    structure = forms.ModelChoiceField(
        label=_("Structure du pôle"), queryset=None, required=False, empty_label=_("— Choisissez —")
    )
    college = forms.ModelChoiceField(label=_("Collège"), queryset=None, required=False)
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices, initial=Role.MEMBER)
    joined_on = forms.DateField(label=_("Membre depuis"), widget=DateInput, required=False)

    def __init__(self, *args, pole: Pole, may_grant_staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        from peps.directory.models import Structure

        self.fields["college"] = _college_field(pole)
        self.fields["structure"].queryset = (
            Structure.objects.filter(pole=pole, is_active=True)
            .exclude(memberships__pole=pole)
            .only("pk", "name")
            .order_by("name")
        )
        # A pole may have thousands of structures: a search field, not a <select>.
        self.fields["structure"].widget = SearchSelect(reverse_lazy("directory:choices", kwargs={"pole": pole.slug}))
        self.fields["structure"].widget.choices = self.fields["structure"].choices
        if not may_grant_staff:
            self.fields["role"].choices = [(Role.MEMBER, Role.MEMBER.label), (Role.BOARD, Role.BOARD.label)]
        self.fields["joined_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("kind") == "person":
            email = data.get("email")
            if not email:
                self.add_error("email", _("Indiquez l’adresse e-mail de la personne."))
            else:
                person = User.objects.filter(email__iexact=email).first()
                if person is None:
                    self.add_error(
                        "email",
                        _("Aucun compte n’utilise cette adresse : demandez à la personne de créer son compte."),
                    )
                data["person"] = person
        elif data.get("kind") == "structure" and not data.get("structure"):
            self.add_error("structure", _("Choisissez la structure."))
        return data


class MembershipEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["college", "role", "status", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput, "left_on": DateInput}
        help_texts = {"left_on": _("Indiquer une date de sortie met l’adhésion au statut « Sortie ».")}

    def __init__(self, *args, may_grant_staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        membership = self.instance
        self.fields["college"] = _college_field(membership.pole)
        self.fields["status"].choices = [
            (value, label) for value, label in MembershipStatus.choices if value != MembershipStatus.REFUSED
        ]
        if membership.structure_id:
            del self.fields["role"]
        elif not may_grant_staff:
            if membership.role in (Role.COORDINATOR, Role.ADMIN):
                self.fields["role"].disabled = True
                self.fields["role"].help_text = _("Seule l’administration du pôle peut changer ce rôle.")
            else:
                self.fields["role"].choices = [(Role.MEMBER, Role.MEMBER.label), (Role.BOARD, Role.BOARD.label)]


class FeeForm(forms.Form):
    year = forms.IntegerField(label=_("Année"), min_value=1990, max_value=2100)
    amount = forms.DecimalField(label=_("Montant (€)"), min_value=0, max_digits=9, decimal_places=2, localize=True)
    paid_on = forms.DateField(
        label=_("Payée le"),
        widget=DateInput,
        required=False,
        help_text=_("Laissez vide si elle n’est pas encore payée."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = datetime.date.today().year


class CollegeForm(forms.ModelForm):
    class Meta:
        model = College
        fields = ["name", "description", "board_seats", "position"]


class PoleSettingsForm(forms.ModelForm):
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")

    class Meta:
        model = Pole
        fields = [
            "name",
            "short_name",
            "kind",
            "legal_form",
            "territory_name",
            "tagline",
            "purpose",
            "charter",
            "contact_email",
            "website",
            "fee_amount",
            "fee_how_to_pay",
        ]


class TerritoryUnitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Niveau"), choices=TerritoryUnitKind.choices)
    code = forms.CharField(
        label=_("Code"),
        max_length=9,
        help_text=_(
            "Code officiel : région (84), département (42), arrondissement (422), "
            "EPCI (SIREN, 200035731) ou commune (code INSEE, 42187)."
        ),
    )


class MembersFilterForm(forms.Form):
    """Filters of the members list; wrong values are ignored rather than refused."""

    college = forms.ModelChoiceField(label=_("Collège"), queryset=None, required=False, empty_label=_("Tous"))
    status = forms.ChoiceField(label=_("Statut"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Tous")), ("person", _("Personnes")), ("structure", _("Structures"))],
    )
    fee_year = forms.IntegerField(label=_("Cotisation de l’année"), required=False, min_value=1990, max_value=2100)
    fee = forms.ChoiceField(
        label=_("Cotisation"),
        required=False,
        choices=[("", _("Indifférent")), ("paid", _("Payée")), ("unpaid", _("Non payée"))],
    )

    def __init__(self, *args, pole: Pole, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = College.objects.filter(pole=pole).order_by("position", "name")
        self.fields["status"].choices = [("", _("Actives et sorties"))] + list(MembershipStatus.choices)

    def filters(self) -> dict:
        if not self.is_valid():
            # Keep the valid filters only: a malformed parameter is ignored, never an error page.
            data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        else:
            data = self.cleaned_data
        college = data.get("college")
        return {
            "college": college.pk if college else None,
            "status": data.get("status") or None,
            "kind": data.get("kind") or None,
            "fee_year": data.get("fee_year"),
            "fee": data.get("fee") or None,
        }
