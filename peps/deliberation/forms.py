"""Forms of deliberation: filters, debates and arguments, consultations and proposals,
moderation. Limits are the models'; over-long or empty text gives a clear French message."""

import functools

from django import forms
from django.template import engines
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup

from peps.projects.models import Domain, EconomicModel

from .models import (
    ARGUMENT_MAX_LENGTH,
    PROPOSAL_MAX_LENGTH,
    REASON_MAX_LENGTH,
    REPLY_MAX_LENGTH,
    DebateStatus,
    DebateVisibility,
    ProposalStatus,
    Stance,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LongTextField(forms.CharField):
    """A textarea with a clear French message when the text is too long."""

    def __init__(self, *, max_length: int, rows: int = 5, **kwargs):
        super().__init__(max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)
        self.error_messages["max_length"] = _(
            "Ce texte ne peut pas dépasser %(limit_value)d caractères (il en compte %(show_value)d)."
        )

    def widget_attrs(self, widget):
        # No maxlength: the browser would silently cut the text; the server says it instead.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class DebateFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("État"), required=False, choices=[("", _("Tous")), *DebateStatus.choices])
    project = forms.ModelChoiceField(label=_("Projet"), required=False, queryset=None, empty_label=_("Tous"))

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["project"].queryset = projects

    def filters(self) -> dict:
        """The valid values only: a malformed parameter is dropped, the rest still applies."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class DebateForm(forms.Form):
    title = forms.CharField(label=_("Question débattue"), max_length=200)
    description = LongTextField(
        label=_("Présentation"),
        required=False,
        max_length=10_000,
        rows=6,
        help_text=_("Le contexte, les options sur la table, ce qu’on attend du débat. Markdown accepté."),
    )
    visibility = forms.ChoiceField(label=_("Visibilité"), choices=DebateVisibility.choices)
    project = forms.ModelChoiceField(
        label=_("Projet concerné"), required=False, queryset=None, empty_label=_("Aucun : débat du pôle")
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class ArgumentForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Votre position"),
        choices=Stance.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Choisissez « pour », « contre » ou « question »."),
            "required": _("Choisissez « pour », « contre » ou « question »."),
        },
    )
    text = LongTextField(
        label=_("Votre argument"),
        max_length=ARGUMENT_MAX_LENGTH,
        error_messages={"required": _("Écrivez votre argument.")},
    )


def argument_fields(form: ArgumentForm) -> Markup:
    """The stance and text fields of the form to post an argument, for the debate page's
    Jinja2 partial. A blank form's depend on nothing but this code and the language: rendered
    once per language and process, where every member's debate page rendered its radio
    buttons and textarea again (a tenth of the page's template calls)."""
    if form.is_bound or form.initial:
        return _fields(form)
    return _blank_fields(get_language(), form.prefix)


@functools.lru_cache(maxsize=16)
def _blank_fields(language: str | None, prefix: str | None) -> Markup:
    # Rendered in `language` itself, so that the key says what the value is.
    with override(language):
        return _fields(ArgumentForm(prefix=prefix))


def _fields(form: ArgumentForm) -> Markup:
    html = engines["jinja2"].env.get_template("deliberation/_argument_fields.html").render(argument_form=form)
    return Markup(html)  # noqa: S704 - rendered by an autoescaping template


class ReplyForm(forms.Form):
    text = LongTextField(
        label=_("Votre réponse"),
        max_length=REPLY_MAX_LENGTH,
        rows=3,
        error_messages={"required": _("Écrivez votre réponse.")},
    )


class CloseForm(forms.Form):
    synthesis = LongTextField(
        label=_("Synthèse du débat"),
        max_length=20_000,
        rows=10,
        help_text=_("Ce qui ressort des arguments, les points d’accord et de désaccord, la suite. Markdown accepté."),
        error_messages={"required": _("Écrivez la synthèse du débat.")},
    )


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = LongTextField(label=_("Description"), max_length=10_000, rows=6, help_text=_("Markdown accepté."))
    starts_on = forms.DateField(label=_("Ouverte à partir du"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Ouverte jusqu’au (inclus)"), widget=DATE_INPUT)
    visibility = forms.ChoiceField(label=_("Visibilité"), choices=DebateVisibility.choices)
    open_to_citizens = forms.BooleanField(
        label=_("Ouverte aux citoyens : toute personne connectée peut proposer et soutenir"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("La date de fin doit suivre la date de début."))
        if data.get("open_to_citizens") and data.get("visibility") != DebateVisibility.PUBLIC:
            self.add_error("open_to_citizens", _("Une consultation ouverte aux citoyens doit être publique."))
        return data


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Titre de la proposition"), max_length=160)
    body = LongTextField(
        label=_("Votre proposition"),
        max_length=PROPOSAL_MAX_LENGTH,
        rows=8,
        help_text=_("Ce que vous proposez, pour qui, avec quels moyens."),
        error_messages={"required": _("Décrivez votre proposition.")},
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Statut"), choices=ProposalStatus.choices)
    answer = LongTextField(
        label=_("Réponse publique"),
        required=False,
        max_length=10_000,
        help_text=_("Obligatoire pour retenir, rejeter ou déclarer réalisée une proposition. Markdown accepté."),
    )


class ToProjectForm(forms.Form):
    domain = forms.ChoiceField(
        label=_("Domaine du projet"), choices=[("", _("Choisissez un domaine")), *Domain.choices]
    )
    economic_model = forms.ChoiceField(
        label=_("Modèle économique"), choices=[("", _("Choisissez un modèle")), *EconomicModel.choices]
    )


class ReasonForm(forms.Form):
    reason = LongTextField(label=_("Motif"), max_length=REASON_MAX_LENGTH, rows=3)


class ReportForm(forms.Form):
    reason = LongTextField(
        label=_("Qu’est-ce qui pose problème ?"),
        max_length=REASON_MAX_LENGTH,
        rows=4,
        error_messages={"required": _("Dites en quelques mots ce qui pose problème.")},
    )


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Décision"),
        choices=[("hide", _("Masquer le message")), ("dismiss", _("Écarter le signalement"))],
        widget=forms.RadioSelect,
    )
    reason = LongTextField(
        label=_("Motif (montré à l’auteur si le message est masqué)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        rows=3,
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "hide" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif : l’auteur du message le verra."))
        return data


class AppealForm(forms.Form):
    text = LongTextField(
        label=_("Pourquoi ce message devrait-il être rétabli ?"),
        max_length=REASON_MAX_LENGTH,
        rows=5,
        error_messages={"required": _("Expliquez pourquoi ce message devrait être rétabli.")},
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("grant", _("Rétablir le message")), ("reject", _("Laisser le message masqué"))],
        widget=forms.RadioSelect,
    )
    reason = LongTextField(
        label=_("Motif de la décision (montré à l’auteur)"),
        max_length=REASON_MAX_LENGTH,
        rows=3,
        error_messages={"required": _("Indiquez le motif de la décision : l’auteur le verra.")},
    )
