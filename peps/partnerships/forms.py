"""Forms of partnerships: needs and offers, the hub's filters, proposing, answering."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from peps.core.forms import apply_validation_error
from peps.territory.forms import CommuneField

from .models import Category, Need, Offer, PartnershipStatus
from .services import MESSAGE_MAX_LENGTH, validate_need_offer

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIELDS = ["category", "title", "description", "starts_on", "ends_on", "reach", "commune", "radius_km", "is_open"]


def _with_blank(choices, label):
    return [("", label), *choices]


class NeedOfferForm(forms.ModelForm):
    """The fields shared by needs and offers; the service's rules run in clean() so the
    messages show beside the fields, with what was typed kept."""

    commune = CommuneField(required=False)

    class Meta:
        fields = FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "reach": forms.RadioSelect,
        }
        help_texts = {"radius_km": _("Utilisé quand vous choisissez « autour d’une commune ».")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class NeedForm(NeedOfferForm):
    class Meta(NeedOfferForm.Meta):
        model = Need
        labels = {"title": _("Le besoin en quelques mots"), "is_open": _("Ce besoin est toujours ouvert")}


class OfferForm(NeedOfferForm):
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

    def __init__(self, *args, choices_queryset, field_label, **kwargs):
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
