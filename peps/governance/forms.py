"""Forms of governance: seats, meetings, minutes, proposals, motions, votes, proxies, filters."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from peps.accounts.models import User
from peps.core.widgets import SearchSelect
from peps.directory.models import Structure
from peps.poles.models import College

from .models import (
    AttendanceStatus,
    Body,
    BodyKind,
    Choice,
    Majority,
    Mandate,
    Meeting,
    Method,
    QuorumKind,
    SeatRole,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _datetime_field(label):
    return forms.DateTimeField(label=label, widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class BodyForm(forms.ModelForm):
    """Describe a body: the board, the bureau, a commission or the general meeting."""

    class Meta:
        model = Body
        fields = [
            "kind",
            "name",
            "description",
            "visibility",
            "allows_proxies",
            "max_proxies_per_person",
            "open_to_join",
        ]
        labels = {"kind": _("Type d’instance"), "name": _("Nom"), "description": _("Description")}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, pole, **kwargs):
        super().__init__(*args, **kwargs)
        self.pole = pole
        if self.instance.pk:
            # Seats and motions depend on the kind: it is chosen once.
            del self.fields["kind"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Body.objects.filter(pole=self.pole, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Une autre instance du pôle porte déjà ce nom."))
        return name


class SeatForm(forms.Form):
    """Elect or appoint someone: a person (by e-mail) or a structure of the directory."""

    email = forms.EmailField(
        label=_("Adresse e-mail de la personne"), required=False, help_text=_("Ou bien choisissez une structure.")
    )
    structure = forms.ModelChoiceField(label=_("Structure"), queryset=Structure.objects.none(), required=False)
    college = forms.ModelChoiceField(label=_("Collège"), queryset=College.objects.none(), required=False)
    role = forms.ChoiceField(label=_("Fonction"), choices=SeatRole.choices, initial=SeatRole.MEMBER)
    mandate = forms.ChoiceField(label=_("Mandat"), choices=Mandate.choices, initial=Mandate.ELECTED)
    since = forms.DateField(label=_("Depuis le"), widget=DATE_INPUT, required=False)

    def __init__(self, *args, body: Body, colleges: list[College] | None = None, **kwargs):
        """`colleges`: the pole's colleges when the page has read them already (the board's
        page lists its seats by college): the field's options are written from them."""
        super().__init__(*args, **kwargs)
        self.body = body
        # A pole may have thousands of structures: a search field, not a <select>.
        self.fields["structure"].queryset = Structure.objects.filter(pole_id=body.pole_id).only("id", "name")
        self.fields["structure"].widget = SearchSelect(
            reverse_lazy("directory:choices", kwargs={"pole": body.pole.slug})
        )
        self.fields["structure"].widget.choices = self.fields["structure"].choices
        self.fields["college"].queryset = College.objects.filter(pole_id=body.pole_id)
        if colleges is not None:
            # The options without a second query; a posted choice is still checked against
            # the queryset.
            self.fields["college"].widget.choices = [
                ("", self.fields["college"].empty_label),
                *((college.pk, str(college)) for college in colleges),
            ]
        if body.kind == BodyKind.BOARD:
            self.fields["college"].required = True
        else:
            self.fields["college"].help_text = _("Facultatif hors du conseil d’administration.")

    def clean(self):
        data = super().clean()
        email, structure = data.get("email"), data.get("structure")
        if bool(email) == bool(structure):
            raise forms.ValidationError(_("Indiquez soit l’e-mail d’une personne, soit une structure."))
        if email:
            data["person"] = User.objects.filter(email__iexact=email).first()
            if data["person"] is None:
                self.add_error(
                    "email", _("Aucun compte PEPS n’utilise cette adresse : la personne doit d’abord en créer un.")
                )
        return data


class MeetingForm(forms.ModelForm):
    starts_at = _datetime_field(_("Date et heure"))

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "place"]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Compte rendu"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=50_000,
        help_text=_("Markdown accepté."),
    )
    publish = forms.BooleanField(label=_("Publier le compte rendu"), required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    text = forms.CharField(
        label=_("Exposé"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
        help_text=_("Markdown accepté."),
    )


class ScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Réunion"), queryset=Meeting.objects.none())

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(body=body).order_by("-starts_at")


class AttendanceForm(forms.Form):
    """One choice per seat, named seat-<id>."""

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        for seat in seats:
            self.fields[f"seat-{seat.pk}"] = forms.ChoiceField(
                label=str(seat.holder),
                choices=[("", _("Non renseigné")), *AttendanceStatus.choices],
                required=False,
            )

    def statuses(self) -> dict[int, str]:
        return {
            seat.pk: self.cleaned_data[f"seat-{seat.pk}"]
            for seat in self.seats
            if self.cleaned_data.get(f"seat-{seat.pk}")
        }


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    text = forms.CharField(
        label=_("Texte soumis au vote"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text=_("Markdown accepté."),
    )
    method = forms.ChoiceField(label=_("Mode de scrutin"), choices=Method.choices, initial=Method.YES_NO)
    options = forms.CharField(
        label=_("Options (vote par approbation)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Une option par ligne, au moins deux."),
        max_length=5_000,
    )
    majority = forms.ChoiceField(label=_("Majorité (pour / contre)"), choices=Majority.choices, initial=Majority.SIMPLE)
    quorum_kind = forms.ChoiceField(label=_("Quorum"), choices=QuorumKind.choices, initial=QuorumKind.NONE)
    quorum_value = forms.IntegerField(
        label=_("Valeur du quorum"),
        min_value=0,
        max_value=100_000,
        initial=0,
        required=False,
        help_text=_("Un nombre de votants, ou un pourcentage des votants inscrits."),
    )
    secret = forms.BooleanField(
        label=_("Vote à bulletin secret (on sait qui a voté, pas ce qu’il a voté)"), required=False
    )
    allow_change = forms.BooleanField(
        label=_("Chacun peut changer son vote jusqu’à la clôture (impossible à bulletin secret)"), required=False
    )
    opens_at = _datetime_field(_("Ouverture"))
    closes_at = _datetime_field(_("Clôture"))
    meeting = forms.ModelChoiceField(label=_("Réunion"), queryset=Meeting.objects.none(), required=False)

    def __init__(self, *args, body: Body | None, **kwargs):
        super().__init__(*args, **kwargs)
        if body is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = Meeting.objects.filter(body=body).order_by("-starts_at")

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("La clôture doit venir après l’ouverture."))
        if data.get("secret") and data.get("allow_change"):
            self.add_error("allow_change", _("Un vote à bulletin secret ne peut pas être modifié."))
        data["option_list"] = [line.strip() for line in (data.get("options") or "").splitlines() if line.strip()]
        if data.get("method") == Method.APPROVAL and len(data["option_list"]) < 2:
            self.add_error("options", _("Donnez au moins deux options, une par ligne."))
        if data.get("quorum_kind") == QuorumKind.PERCENT and not 0 < (data.get("quorum_value") or 0) <= 100:
            self.add_error("quorum_value", _("Un pourcentage est compris entre 1 et 100."))
        if data.get("quorum_kind") == QuorumKind.COUNT and not data.get("quorum_value"):
            self.add_error("quorum_value", _("Indiquez le nombre de votants nécessaire."))
        return data


YES_NO = [(Choice.YES, Choice.YES.label), (Choice.NO, Choice.NO.label), (Choice.ABSTAIN, Choice.ABSTAIN.label)]
CONSENT = [
    (Choice.CONSENT, _("Je consens")),
    (Choice.OBJECT, _("J’objecte (motif obligatoire)")),
]


class VoteForm(forms.Form):
    voter = forms.ChoiceField(label=_("Je vote"), widget=forms.RadioSelect)
    choice = forms.ChoiceField(label=_("Mon vote"), widget=forms.RadioSelect, required=False)
    options = forms.MultipleChoiceField(label=_("J’approuve"), widget=forms.CheckboxSelectMultiple, required=False)
    reason = forms.CharField(
        label=_("Motif de l’objection"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2_000
    )

    def __init__(self, *args, motion, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.motion = motion
        self.fields["voter"].choices = [(v.key, v.label) for v in voters]
        if len(voters) == 1:
            self.fields["voter"].initial = voters[0].key
            self.fields["voter"].widget = forms.HiddenInput()
        if motion.method == Method.APPROVAL:
            del self.fields["choice"], self.fields["reason"]
            self.fields["options"].choices = [(str(o.pk), o.label) for o in motion.options.all()]
        else:
            del self.fields["options"]
            self.fields["choice"].required = True
            self.fields["choice"].choices = YES_NO if motion.method == Method.YES_NO else CONSENT
            if motion.method != Method.CONSENT:
                del self.fields["reason"]

    def clean(self):
        data = super().clean()
        if self.motion.method == Method.APPROVAL:
            data["choice"] = Choice.APPROVAL
            data["option_ids"] = [int(pk) for pk in data.get("options") or []]
        if data.get("choice") == Choice.OBJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Une objection se motive : dites ce qui vous en empêche."))
        return data


class ProxyForm(forms.Form):
    """The holder is picked from the people eligible in this body, found with a search field
    (htmx): never a list of every member, never an e-mail typed from memory."""

    holder = forms.ModelChoiceField(
        label=_("Personne qui votera pour vous"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Cherchez la personne par son nom, puis choisissez-la dans la liste."),
            "invalid_choice": _("Cette personne ne peut pas recevoir de pouvoir dans cette instance."),
        },
    )
    structure = forms.ModelChoiceField(
        label=_("Pour"), queryset=Structure.objects.none(), required=False, empty_label=_("Moi-même")
    )

    def __init__(self, *args, structures, holders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = holders
        if structures:
            self.fields["structure"].queryset = structures
        else:
            del self.fields["structure"]


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    body = forms.ModelChoiceField(
        label=_("Instance"), queryset=Body.objects.none(), required=False, empty_label=_("Toutes")
    )
    year = forms.IntegerField(label=_("Année"), required=False, min_value=1900, max_value=2999)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["body"].queryset = bodies

    def filters(self) -> dict:
        """Valid values only: a malformed parameter is dropped, the rest still applies."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class MotionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous")), ("open", _("En cours ou à venir")), ("closed", _("Clos"))],
    )
