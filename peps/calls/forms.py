"""Forms of the calls for projects: the call and its form editor, the start of an
application, the application form built from the call's fields, the committee's tools,
the scoring form and the selection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peps.accounts.models import User

from . import answers as answer_rules
from .models import (
    ApplicationKind,
    ApplicationStatus,
    Call,
    CallField,
    Criterion,
    Decision,
    FieldKind,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def _datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": _("Saisissez une date et une heure valides, par exemple 12/03/2026 18:00.")},
        help_text=_("Heure de Paris."),
    )


class CallForm(forms.ModelForm):
    opens_at = _datetime_field(_("Ouverture des candidatures"))
    closes_at = _datetime_field(_("Clôture des candidatures"))

    class Meta:
        model = Call
        fields = ["title", "summary", "text", "opens_at", "closes_at"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("La clôture doit venir après l’ouverture."))
        return data


class CallFieldForm(forms.ModelForm):
    class Meta:
        model = CallField
        fields = ["label", "help_text", "kind", "required", "choices"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        choices = [c for c in (data.get("choices") or "").splitlines() if c.strip()]
        if data.get("kind") == FieldKind.CHOICE and len(choices) < 2:
            self.add_error("choices", _("Proposez au moins deux choix, un par ligne."))
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["label", "description", "weight", "max_score"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "weight": _("Poids du critère dans la note finale (1 ou plus)."),
            "max_score": _("Les notes vont de 0 à ce maximum (5 par exemple)."),
        }

    def clean_weight(self):
        if (self.cleaned_data["weight"] or 0) < 1:
            raise forms.ValidationError(_("Une pondération de 1 au moins."))
        return self.cleaned_data["weight"]

    def clean_max_score(self):
        if (self.cleaned_data["max_score"] or 0) < 1:
            raise forms.ValidationError(_("Une note maximale de 1 au moins."))
        return self.cleaned_data["max_score"]


class ApplicationStartForm(forms.Form):
    """For whom the application is made: one of the person's poles, or a pole in the making."""

    NEW = "new"
    kind = forms.ChoiceField(
        label=_("Nature de la réponse"),
        choices=ApplicationKind.choices,
        widget=forms.RadioSelect,
        initial=ApplicationKind.APPLICATION,
        help_text=_("Une manifestation d’intérêt signale un pôle en réflexion, sans dossier complet."),
    )
    pole = forms.ChoiceField(label=_("Pôle candidat"), widget=forms.RadioSelect)
    pole_name = forms.CharField(label=_("Nom du pôle en projet"), max_length=160, required=False)
    territory = forms.CharField(
        label=_("Territoire"), max_length=300, required=False, help_text=_("Par exemple : pays de Roanne (Loire).")
    )
    contact_name = forms.CharField(label=_("Personne à contacter"), max_length=160, required=False)
    contact_email = forms.EmailField(label=_("E-mail de contact"), required=False)
    contact_phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)

    def __init__(self, *args, poles, **kwargs):
        super().__init__(*args, **kwargs)
        self.poles = {str(p.pk): p for p in poles}
        self.fields["pole"].choices = [(k, p.name) for k, p in self.poles.items()] + [
            (self.NEW, _("Un pôle en projet, pas encore sur la plateforme"))
        ]
        self.fields["pole"].initial = next(iter(self.poles), self.NEW)

    def clean(self):
        data = super().clean()
        if data.get("pole") == self.NEW:
            for name, message in [
                ("pole_name", _("Donnez le nom du pôle en projet.")),
                ("territory", _("Indiquez le territoire du pôle en projet.")),
            ]:
                if not (data.get(name) or "").strip():
                    self.add_error(name, message)
        return data

    def chosen_pole(self):
        return self.poles.get(self.cleaned_data.get("pole"))


YES_NO = [("yes", _("Oui")), ("no", _("Non"))]


class ApplicationForm(forms.Form):
    """The call's questions. Nothing is required here, so that a draft can be saved half
    done; completeness is checked on submission by the service, with errors on the fields."""

    def __init__(self, *args, fields: list[CallField], application, **kwargs):
        self.call_fields = fields
        initial = {}
        for field in fields:
            value = application.answers.get(field.key)
            if field.kind == FieldKind.YES_NO and value is not None:
                value = "yes" if value else "no"
            initial[field.key] = value
        super().__init__(*args, initial=initial, **kwargs)
        attachments = {a.field_id: a for a in application.attachments.all()}
        self.attachments = attachments
        for field in fields:
            self.fields[field.key] = self._form_field(field)
            if field.kind == FieldKind.FILE and field.pk in attachments:
                self.fields[f"remove_{field.pk}"] = forms.BooleanField(
                    label=_("Retirer le fichier « %(name)s »") % {"name": attachments[field.pk].original_name},
                    required=False,
                )

    @staticmethod
    def _form_field(field: CallField):
        label = field.label
        common = {"label": label, "required": False, "help_text": field.help_text}
        if field.required:
            common["help_text"] = (field.help_text + " " if field.help_text else "") + str(
                _("Obligatoire pour déposer la candidature.")
            )
        if field.kind == FieldKind.SHORT_TEXT:
            return forms.CharField(max_length=answer_rules.SHORT_MAX, **common)
        if field.kind == FieldKind.LONG_TEXT:
            return forms.CharField(max_length=answer_rules.LONG_MAX, widget=forms.Textarea(attrs={"rows": 6}), **common)
        if field.kind == FieldKind.NUMBER:
            return forms.DecimalField(max_digits=15, decimal_places=2, localize=True, **common)
        if field.kind == FieldKind.CHOICE:
            return forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in field.choice_list], **common)
        if field.kind == FieldKind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        common["help_text"] = (common["help_text"] + " " if common["help_text"] else "") + str(
            _("Formats acceptés : %(formats)s ; %(max)d Mo au plus.")
            % {"formats": answer_rules.accepted_extensions(), "max": answer_rules.max_file_bytes() // (1024 * 1024)}
        )
        return forms.FileField(**common)

    def answers(self) -> dict:
        """The typed answers in the shape the service validates."""
        result = {}
        for field in self.call_fields:
            if field.kind == FieldKind.FILE:
                continue
            value = self.cleaned_data.get(field.key)
            result[field.key] = None if value in (None, "") else str(value)
        return result

    def files_given(self) -> dict:
        return {
            f.pk: self.cleaned_data[f.key]
            for f in self.call_fields
            if f.kind == FieldKind.FILE and self.cleaned_data.get(f.key)
        }

    def files_removed(self) -> list[int]:
        return [f.pk for f in self.call_fields if self.cleaned_data.get(f"remove_{f.pk}")]

    def bound_call_fields(self):
        """Each question with its form field and the file already given, for the template."""
        for field in self.call_fields:
            remove = self[f"remove_{field.pk}"] if f"remove_{field.pk}" in self.fields else None
            yield field, self[field.key], self.attachments.get(field.pk), remove


class ReviewerAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail de la personne à nommer"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Aucun compte n’existe avec cette adresse : la personne doit d’abord s’inscrire.")
            )
        self.user = user
        return email


class AssignForm(forms.Form):
    application = forms.TypedChoiceField(label=_("Candidature"), coerce=int)
    reviewer = forms.TypedChoiceField(label=_("Membre du comité"), coerce=int)

    def __init__(self, *args, applications, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [("", "—")] + [(a.pk, f"{a.reference} — {a.name}") for a in applications]
        self.fields["reviewer"].choices = [("", "—")] + [(r.user_id, r.user.public_name) for r in reviewers]


class DistributeForm(forms.Form):
    per_application = forms.IntegerField(label=_("Évaluateurs par candidature"), min_value=1, max_value=10, initial=2)


class ReviewForm(forms.Form):
    """One score and one comment per criterion; an empty score leaves the review incomplete."""

    def __init__(self, *args, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"c{criterion.pk}_score"] = forms.TypedChoiceField(
                label=_("Note (0 à %(max)d)") % {"max": criterion.max_score},
                choices=[("", "—")] + [(n, str(n)) for n in range(criterion.max_score + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                initial=existing.score if existing else None,
            )
            self.fields[f"c{criterion.pk}_comment"] = forms.CharField(
                label=_("Commentaire"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=existing.comment if existing else "",
            )

    def rows(self):
        for criterion in self.criteria:
            yield criterion, self[f"c{criterion.pk}_score"], self[f"c{criterion.pk}_comment"]

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data.get(f"c{c.pk}_score"), self.cleaned_data.get(f"c{c.pk}_comment") or "")
            for c in self.criteria
        }


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("Précisez le lien (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Par exemple : je suis administratrice d’une structure membre de ce pôle."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Décision"), choices=Decision.choices)
    note = forms.CharField(
        label=_("Commentaire sur la décision"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("Tous"))] + list(ApplicationStatus.choices)
    )
    kind = forms.ChoiceField(
        label=_("Nature"), required=False, choices=[("", _("Toutes"))] + list(ApplicationKind.choices)
    )
    decision = forms.ChoiceField(
        label=_("Décision"), required=False, choices=[("", _("Toutes"))] + list(Decision.choices)
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: self.cleaned_data.get(k) or "" for k in ("q", "status", "kind", "decision")}
