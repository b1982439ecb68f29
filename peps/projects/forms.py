"""Forms of the projects app: filters, submission and edition, and the coordinators' actions."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peps.activity.forms import StructureField, SuggestInput
from peps.territory.forms import CommuneField

from .models import Domain, EconomicModel, LogEntryKind, Project, ProjectVisibility, RequestKind
from .services import COMMENT_MAX_LENGTH, latest_allowed_date
from .stages import NEEDS_REASON, Stage, allowed_moves

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _with_blank(choices, label):
    return [("", label), *choices]


class ProjectFilterForm(forms.Form):
    """GET filters of the list; an invalid value is reported and ignored, never a 500."""

    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    stage = forms.ChoiceField(label=_("Étape"), required=False, choices=_with_blank(Stage.choices, _("Toutes")))
    domain = forms.ChoiceField(label=_("Domaine"), required=False, choices=_with_blank(Domain.choices, _("Tous")))
    economic_model = forms.ChoiceField(
        label=_("Modèle économique"),
        required=False,
        choices=_with_blank(EconomicModel.choices, _("Tous")),
    )
    commune = CommuneField(required=False, help_text="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        # The form pushes its URL to the history; the commune suggestions must not inherit that.
        self.fields["commune"].widget.attrs["hx-push-url"] = "false"

    def filters(self) -> dict:
        """The valid values only: a malformed parameter is dropped, the rest still applies."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class BoardFilterForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domaine"), required=False, choices=_with_blank(Domain.choices, _("Tous")))
    request_kind = forms.ChoiceField(
        label=_("Type de demande"),
        required=False,
        choices=_with_blank(RequestKind.choices, _("Tous")),
    )

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


FORMATTING_HINT = _(
    "Écrivez simplement. Laissez une ligne vide entre deux paragraphes ; commencez une ligne par « - » "
    "pour faire une liste."
)


class ProjectForm(forms.ModelForm):
    """What the project is about; used by the holder and the coordination to edit it. The
    economic model is filled in later, during the support."""

    commune = CommuneField(required=False)

    class Meta:
        model = Project
        fields = ["title", "summary", "description", "involved", "domain", "commune", "economic_model", "visibility"]
        labels = {"economic_model": _("Modèle économique"), "involved": _("Qui est impliqué ?")}
        help_texts = {
            "summary": _("Une phrase qui dit ce que le projet apporte au territoire."),
            "description": FORMATTING_HINT,
            "involved": _(
                "Les personnes, associations, entreprises ou collectivités déjà partantes, ou celles à convaincre."
            ),
            "economic_model": _("À préciser avec la coordination pendant l’accompagnement."),
            "visibility": _("« Réservé aux membres » : seuls les membres du pôle et vous le verrez."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "involved": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = _with_blank(Domain.choices, _("Choisissez un domaine"))
        if "economic_model" in self.fields:  # not asked at submission
            self.fields["economic_model"].choices = _with_blank(EconomicModel.choices, _("Pas encore défini"))
        self.fields["visibility"].choices = ProjectVisibility.choices


class ProjectSubmitForm(ProjectForm):
    """An idea, as a citizen can tell it: what, where, who is involved. It may be carried in
    one's own name or for a structure one represents, and one may ask, from here, to
    represent a structure of the pole's directory."""

    on_behalf = forms.ModelChoiceField(
        label=_("Au nom de"),
        queryset=None,
        required=False,
        help_text=_("Vous pouvez porter l’idée en votre nom ou au nom d’une structure que vous représentez."),
    )
    represent = forms.CharField(
        label=_("Vous représentez une structure qui n’est pas encore liée à votre compte ?"),
        required=False,
        max_length=200,
        help_text=_(
            "Tapez son nom tel qu’il figure dans l’annuaire du pôle : la coordination confirmera que vous la "
            "représentez. L’idée est déposée en votre nom en attendant."
        ),
    )
    represent_title = forms.CharField(
        label=_("Votre rôle dans cette structure"),
        required=False,
        max_length=120,
        help_text=_("Par exemple : présidente, salarié, bénévole."),
    )

    class Meta(ProjectForm.Meta):
        fields = ["title", "summary", "description", "involved", "commune", "domain", "visibility"]
        labels = {
            **ProjectForm.Meta.labels,
            "title": _("Le nom de votre idée"),
            "summary": _("L’idée en une phrase"),
            "description": _("Ce que vous voulez faire"),
            "commune": _("Où ?"),
        }

    def __init__(self, *args, user, structures, pole, **kwargs):
        super().__init__(*args, **kwargs)
        self.pole = pole
        self.fields["commune"].label = _("Où ? (commune)")
        self.fields["commune"].help_text = _("La commune où l’idée prendrait place, si vous le savez.")
        field = self.fields["on_behalf"]
        field.queryset = structures
        field.empty_label = _("Moi-même (%(name)s)") % {"name": user.public_name}
        suggest = reverse("projects:structure_suggestions", kwargs={"pole": pole.slug})
        self.fields["represent"].widget = SuggestInput(url=suggest, list_id="represent-suggestions")
        self.order_fields(["on_behalf"])

    def clean_represent(self):
        """The structure typed by name (the suggestions help), of this pole's directory."""
        text = self.cleaned_data.get("represent")
        if not text:
            return None
        return StructureField(pole=self.pole).clean(text)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Votre commentaire"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Écrivez votre commentaire."),
            "max_length": _("Le commentaire ne peut pas dépasser %(limit_value)d caractères (il en a %(show_value)d)."),
        },
    )


class MoveStageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Nouvelle étape"))
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour mettre en pause, orienter, abandonner ou clore un projet."),
    )

    def __init__(self, *args, current: str, exclude: tuple = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = _with_blank(
            [(stage.value, stage.label) for stage in allowed_moves(current) if stage not in exclude],
            _("Choisissez une étape"),
        )

    def clean(self):
        data = super().clean()
        to_stage = data.get("to_stage")
        if to_stage in NEEDS_REASON and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("Indiquez le motif : il est obligatoire pour passer à l’étape « %(stage)s ».")
                % {"stage": Stage(to_stage).label},
            )
        return data


class RequestKindForm(forms.Form):
    request_kind = forms.ChoiceField(
        label=_("Type de demande"),
        required=False,
        choices=_with_blank(RequestKind.choices, _("Non précisé")),
    )


def _not_too_far(value):
    if value and value > latest_allowed_date():
        raise forms.ValidationError(_("La date ne peut pas dépasser d’un an la date du jour."))


class SupportLogEntryForm(forms.Form):
    happened_on = forms.DateField(label=_("Date"), widget=DATE_INPUT, validators=[_not_too_far])
    kind = forms.ChoiceField(label=_("Type"), choices=LogEntryKind.choices)
    text = forms.CharField(
        label=_("Compte rendu"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Écrivez le compte rendu.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"happened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ReferralForm(forms.Form):
    network = forms.CharField(
        label=_("Réseau d’accompagnement"),
        max_length=160,
        error_messages={"required": _("Indiquez le réseau d’accompagnement.")},
    )
    contact = forms.CharField(label=_("Contact"), max_length=160, required=False)
    referred_on = forms.DateField(label=_("Date"), widget=DATE_INPUT, validators=[_not_too_far])
    note = forms.CharField(
        label=_("Précisions"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    redirect = forms.BooleanField(
        label=_("Orienter le projet (passer à l’étape « Orienté vers un réseau partenaire »)"), required=False
    )

    def __init__(self, *args, current: str, **kwargs):
        kwargs.setdefault("initial", {"referred_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_redirect(self):
        redirect = self.cleaned_data.get("redirect")
        if redirect and self.current != Stage.REDIRECTED and Stage.REDIRECTED not in allowed_moves(self.current):
            raise forms.ValidationError(
                _("Ce projet ne peut pas être orienté depuis l’étape « %(stage)s » : rouvrez-le d’abord.")
                % {"stage": Stage(self.current).label}
            )
        return redirect
