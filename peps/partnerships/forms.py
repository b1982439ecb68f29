"""Forms of partnerships: needs and offers, the hub's filters, proposing, answering."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from peps.core.forms import apply_validation_error
from peps.territory.forms import CommuneField

from .models import (
    KINDS_BY_CATEGORY,
    Beneficiary,
    Category,
    DayPart,
    Need,
    Offer,
    PartnershipStatus,
    Period,
    Weekday,
)
from .services import MESSAGE_MAX_LENGTH, validate_need_offer

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIELDS = ["category", "title", "description", "starts_on", "ends_on", "reach", "commune", "radius_km", "is_open"]
# Optional details the matching engine compares (shown in their own group, « Pour mieux trouver »).
DETAIL_FIELDS = [
    "kind",
    "skilled",
    "capacity",
    "area_m2",
    "weekdays",
    "day_parts",
    "periods",
    "beneficiaries",
    "served_departements",
    "remote_ok",
    "travels",
]


def _kind_choices():
    """The natures grouped by the category they belong to (an HTML optgroup each)."""
    labels = dict(Category.choices)
    groups = [(labels[category], [(k.value, k.label) for k in kinds]) for category, kinds in KINDS_BY_CATEGORY.items()]
    return [("", _("Sans précision")), *groups]


def _checkboxes(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class DepartementsField(forms.CharField):
    """Département numbers typed as « 42, 69 »: a list of codes, checked one by one."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        codes = [part.strip().upper() for part in text.replace(";", ",").replace(" ", ",").split(",") if part.strip()]
        codes = [code.zfill(2) if code.isdigit() else code for code in codes]
        from peps.territory.models import Departement

        known = set(Departement.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValidationError(
                _("Département inconnu : %(codes)s. Indiquez les numéros, par exemple « 42, 69 ».")
                % {"codes": ", ".join(unknown)}
            )
        return list(dict.fromkeys(codes))

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value


def _with_blank(choices, label):
    return [("", label), *choices]


class NeedOfferForm(forms.ModelForm):
    """The fields shared by needs and offers; the service's rules run in clean() so the
    messages show beside the fields, with what was typed kept. The details (DETAIL_FIELDS) are
    all optional and asked in plain words; their labels differ for a need and an offer."""

    commune = CommuneField(required=False)
    kind = forms.ChoiceField(label=_("De quoi s’agit-il exactement ?"), required=False, choices=_kind_choices)
    weekdays = _checkboxes(_("Quels jours ?"), Weekday.choices)
    day_parts = _checkboxes(_("À quel moment de la journée ?"), DayPart.choices)
    periods = _checkboxes(_("À quelle période de l’année ?"), Period.choices, _("Rien de coché : toute l’année."))
    beneficiaries = _checkboxes(_("Qui porte le projet ?"), Beneficiary.choices)
    served_departements = DepartementsField(label=_("Seulement dans ces départements"), required=False)

    class Meta:
        fields = [*FIELDS, *DETAIL_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "reach": forms.RadioSelect,
        }
        help_texts = {"radius_km": _("Utilisé quand vous choisissez « autour d’une commune ».")}

    # Labels of a need's details; an offer's are in OfferForm.
    detail_labels = {
        "kind": (_("De quoi s’agit-il exactement ?"), _("Pour un local, un financement ou du temps bénévole.")),
        "skilled": (_("Il faut un savoir-faire particulier"), ""),
        "capacity": (_("Pour combien de personnes ?"), ""),
        "area_m2": (_("Quelle surface, en m² ?"), ""),
        "weekdays": (_("Quels jours ?"), _("Si c’est régulier.")),
        "day_parts": (_("À quel moment de la journée ?"), ""),
        "periods": (_("À quelle période de l’année ?"), _("Rien de coché : toute l’année.")),
        "beneficiaries": (
            _("Qui porte le projet ?"),
            _("Certaines offres sont réservées, par exemple aux structures qui emploient des salariés."),
        ),
        "remote_ok": (_("Cela peut se faire à distance"), ""),
        "travels": (_("Nous pouvons nous déplacer"), _("Jusqu’à deux fois la distance maximale.")),
    }
    # Details that mean nothing for this side.
    hidden_details: tuple[str, ...] = ("served_departements",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.hidden_details:
            del self.fields[name]
        for name, (label, help_text) in self.detail_labels.items():
            if name in self.fields:
                self.fields[name].label, self.fields[name].help_text = label, help_text
        for name in ("capacity", "area_m2"):
            self.fields[name].widget.attrs.update(min=1, inputmode="numeric")
        self.fields["category"].choices = _with_blank(Category.choices, _("Choisissez une catégorie"))
        self.fields["description"].error_messages["required"] = _(
            "Décrivez-le : c’est ce qui permet de trouver les bons partenaires."
        )
        self.fields["starts_on"].widget = DATE_INPUT
        self.fields["ends_on"].widget = DATE_INPUT
        self.fields["radius_km"].min_value = 1
        self.fields["radius_km"].widget.attrs.update(min=1, max=300)

    def clean(self):
        data = super().clean()
        radius = data.get("radius_km")
        if radius is not None and not 1 <= radius <= 300:
            self.add_error("radius_km", _("Choisissez une distance entre 1 et 300 km."))
        if self.errors:
            return data
        try:
            validate_need_offer(data)
        except ValidationError as error:
            apply_validation_error(self, error)
        return data

    def main_fields(self):
        return [self[name] for name in self.fields if name not in DETAIL_FIELDS]

    def detail_fields(self):
        return [self[name] for name in self.fields if name in DETAIL_FIELDS]


class NeedForm(NeedOfferForm):
    class Meta(NeedOfferForm.Meta):
        model = Need
        labels = {"title": _("Le besoin en quelques mots"), "is_open": _("Ce besoin est toujours ouvert")}


class OfferForm(NeedOfferForm):
    detail_labels = {
        "kind": (_("De quoi s’agit-il exactement ?"), _("Pour un local, un financement ou du temps bénévole.")),
        "skilled": (_("Avec un savoir-faire particulier (bénévolat de compétences)"), ""),
        "capacity": (_("Combien de personnes au plus ?"), ""),
        "area_m2": (_("Surface, en m²"), ""),
        "weekdays": (_("Quels jours est-ce possible ?"), _("Rien de coché : tous les jours.")),
        "day_parts": (_("À quel moment de la journée ?"), _("Rien de coché : à tout moment.")),
        "periods": (_("À quelle période de l’année ?"), _("Rien de coché : toute l’année.")),
        "beneficiaries": (_("Réservé à…"), _("Rien de coché : ouvert à tous.")),
        "served_departements": (
            _("Seulement dans ces départements"),
            _("Les numéros, séparés par des virgules (par exemple « 42, 69 ») ; vide : pas de limite."),
        ),
        "remote_ok": (_("À distance possible"), _("Par téléphone, en visioconférence ou par courriel.")),
        "travels": (_("Je me déplace"), _("Jusqu’à la distance maximale indiquée plus haut.")),
    }
    hidden_details = ()

    on_behalf = forms.ModelChoiceField(
        label=_("Au nom de"),
        queryset=None,
        required=False,
        help_text=_("Vous pouvez proposer en votre nom ou au nom d’une structure que vous représentez."),
    )

    class Meta(NeedOfferForm.Meta):
        model = Offer
        labels = {"title": _("L’offre en quelques mots"), "is_open": _("Cette offre est toujours disponible")}

    def __init__(self, *args, user=None, structures=None, **kwargs):
        super().__init__(*args, **kwargs)
        if structures is None or not structures.exists():
            del self.fields["on_behalf"]
        else:
            self.fields["on_behalf"].queryset = structures
            self.fields["on_behalf"].empty_label = _("Moi-même (%(name)s)") % {"name": user.public_name}
            self.order_fields(["on_behalf"])


class HubFilterForm(forms.Form):
    """GET filters of the hub; a malformed value is dropped, the rest still applies."""

    kind = forms.ChoiceField(
        label=_("Voir"),
        required=False,
        choices=[("needs", _("Les besoins")), ("offers", _("Les offres"))],
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=_("Catégorie"), required=False, choices=_with_blank(Category.choices, _("Toutes"))
    )
    commune = CommuneField(required=False, help_text="")
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["commune"].widget.attrs["hx-push-url"] = "false"

    def filters(self):
        from .selectors import HubFilters

        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        commune = data.get("commune")
        return HubFilters(
            kind=data.get("kind") or "needs",
            category=data.get("category", ""),
            commune=commune.code if commune else "",
            q=data.get("q", ""),
        )


class ProposeForm(forms.Form):
    """Propose a partnership to one or several suggestions at once, with a message."""

    message = forms.CharField(
        label=_("Votre message"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Présentez-vous et dites ce que vous attendez de ce partenariat."),
    )

    def __init__(self, *args, choices_queryset: QuerySet | None, field_label, **kwargs):
        """`choices_queryset`: what may be proposed to; None for a form only shown (not bound)."""
        super().__init__(*args, **kwargs)
        self.fields["targets"] = forms.ModelMultipleChoiceField(
            label=field_label,
            queryset=choices_queryset,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Cochez au moins une proposition."),
                "invalid_choice": _("Cette proposition n’est plus disponible : rechargez la page."),
                "invalid_pk_value": _("Cette proposition n’est plus disponible : rechargez la page."),
            },
        )
        self.order_fields(["targets", "message"])


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[(PartnershipStatus.ACCEPTED, _("J’accepte")), (PartnershipStatus.DECLINED, _("Je décline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire si vous déclinez : il aide l’autre partie à comprendre."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == PartnershipStatus.DECLINED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif : il est obligatoire pour décliner un partenariat."))
        return data


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Nouveau statut"))
    reason = forms.CharField(
        label=_("Motif ou bilan"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour arrêter un partenariat."),
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import MOVES

        allowed = MOVES.get(current, set()) - {PartnershipStatus.ACCEPTED, PartnershipStatus.DECLINED}
        self.fields["to_status"].choices = [(s.value, s.label) for s in PartnershipStatus if s in allowed]

    def clean(self):
        data = super().clean()
        if data.get("to_status") == PartnershipStatus.ENDED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif : il est obligatoire pour arrêter un partenariat."))
        return data


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez votre message.")},
    )


class PoolingForm(forms.Form):
    needs = forms.ModelMultipleChoiceField(queryset=Need.objects.none(), widget=forms.MultipleHiddenInput)

    def __init__(self, *args, pole, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = Need.objects.filter(pole=pole).select_related("project", "structure")
