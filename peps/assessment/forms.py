"""Forms of the self-assessment: a campaign, the questionnaire (built from the referential
tree: one group of fields per indicator), reopening an answer, and evidence links."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from peps.poles.models import Pole, PoleKind
from peps.referentials.models import Version

from . import evidence
from .models import Campaign, CampaignStatus

MAX_EVIDENCE = 10

LEVEL_CHOICES = [
    (0, _("0 — rien n’est engagé")),
    (1, _("1 — premières actions")),
    (2, _("2 — en cours")),
    (3, _("3 — bien avancé")),
    (4, _("4 — pleinement atteint")),
]
IMPORTANCE_CHOICES = [
    ("", _("— non renseignée —")),
    (0, _("0 — pas important")),
    (1, _("1 — peu important")),
    (2, _("2 — important")),
    (3, _("3 — très important")),
]


def parse_evidence(text: str) -> list[dict]:
    """One link per line: an address (http(s) or a path on this site, starting with /, stored
    as a full address), then an optional label. Refuses anything else (see evidence.py) with a
    message naming the line."""
    links = []
    validate_url = URLValidator(schemes=["http", "https"])
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        url, _sep, label = line.partition(" ")
        url = evidence.absolute(url)
        try:
            validate_url(url)
            if not evidence.is_safe_url(url):
                raise ValidationError("unsafe")
        except ValidationError:
            raise ValidationError(
                _(
                    "Ligne %(n)d : « %(url)s » n’est pas une adresse valable ; indiquez une adresse qui "
                    "commence par https:// ou un chemin de ce site qui commence par /."
                ),
                params={"n": number, "url": line.partition(" ")[0][:80]},
            ) from None
        links.append({"url": url[:500], "label": label.strip()[:200] or url[:200]})
    if len(links) > MAX_EVIDENCE:
        raise ValidationError(_("%(max)d liens au plus par indicateur."), params={"max": MAX_EVIDENCE})
    return links


def evidence_text(links: list[dict]) -> str:
    return "\n".join(f"{link['url']} {link['label']}".strip() for link in links or [])


class CampaignForm(forms.ModelForm):
    invite_all_ptce = forms.BooleanField(
        label=_("Inviter aussi tous les pôles territoriaux de coopération économique"), required=False
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "description",
            "version",
            "opens_on",
            "closes_on",
            "invited_poles",
            "max_most_important",
            "uses_importance_scale",
            "reminder_days",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "invited_poles": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = Version.objects.select_related("referential").order_by(
            "referential__name", "-number"
        )
        self.fields["version"].label_from_instance = lambda version: (
            f"{version.referential.name} — v{version.number}{' ' + version.label if version.label else ''}"
        )
        self.fields["invited_poles"].queryset = Pole.objects.only("pk", "name").order_by("name")
        self.fields["invited_poles"].required = False
        self.fields["max_most_important"].widget.attrs.update(min=1, max=100)
        if self.instance.pk and self.instance.status != CampaignStatus.DRAFT:
            for name in ("version", "max_most_important", "uses_importance_scale"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("La campagne est ouverte : ce réglage ne change plus.")

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("La date de clôture doit suivre la date d’ouverture."))
        if not data.get("max_most_important") and not data.get("uses_importance_scale"):
            self.add_error(
                "max_most_important",
                _("Demandez au moins le choix des indicateurs les plus importants ou l’échelle d’importance."),
            )
        return data

    def poles(self):
        poles = set(self.cleaned_data.get("invited_poles") or [])
        if self.cleaned_data.get("invite_all_ptce"):
            poles |= set(Pole.objects.filter(kind=PoleKind.PTCE).only("pk"))
        return poles


class AnswerForm(forms.Form):
    """The questionnaire: for each indicator, fields named i<item id>_<what>."""

    def __init__(self, *args, campaign: Campaign, tree, rows: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.tree = tree
        for indicator in tree.indicators:
            row = rows.get(indicator.pk)
            prefix = f"i{indicator.pk}_"
            if campaign.max_most_important:
                self.fields[prefix + "chosen"] = forms.BooleanField(
                    label=_("%(code)s : parmi les %(n)d plus importants")
                    % {"code": indicator.code, "n": campaign.max_most_important},
                    required=False,
                    initial=row.chosen_most_important if row else False,
                )
            if campaign.uses_importance_scale:
                self.fields[prefix + "importance"] = forms.TypedChoiceField(
                    label=_("%(code)s : importance pour le pôle") % {"code": indicator.code},
                    choices=IMPORTANCE_CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=row.importance if row else None,
                )
            self.fields[prefix + "level"] = forms.TypedChoiceField(
                label=_("%(code)s : niveau atteint par le pôle") % {"code": indicator.code},
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=row.level if row else None,
            )
            self.fields[prefix + "comment"] = forms.CharField(
                label=_("%(code)s : commentaire") % {"code": indicator.code},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.comment if row else "",
            )
            self.fields[prefix + "evidence"] = forms.CharField(
                label=_("%(code)s : liens vers des preuves") % {"code": indicator.code},
                help_text=_("Un lien par ligne : l’adresse (https://… ou /p/…) puis son intitulé."),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=evidence_text(row.evidence) if row else "",
            )

    def groups(self):
        """The tree with each indicator's bound fields, for the template."""
        for group in self.tree.groups:
            yield {
                "code": group["code"],
                "label": group["label"],
                "objectives": [
                    {
                        "objective": entry["objective"],
                        "indicators": [
                            {
                                "indicator": indicator,
                                "fields": [
                                    self[f"i{indicator.pk}_{name}"]
                                    for name in ("chosen", "importance", "level", "comment", "evidence")
                                    if f"i{indicator.pk}_{name}" in self.fields
                                ],
                            }
                            for indicator in entry["indicators"]
                        ],
                    }
                    for entry in group["objectives"]
                ],
            }

    def clean(self):
        data = super().clean()
        for indicator in self.tree.indicators:
            name = f"i{indicator.pk}_evidence"
            if name in data:
                try:
                    data[f"i{indicator.pk}_links"] = parse_evidence(data[name])
                except ValidationError as error:
                    self.add_error(name, error)
        limit = self.campaign.max_most_important
        if limit:
            chosen = sum(1 for ind in self.tree.indicators if data.get(f"i{ind.pk}_chosen"))
            if chosen > limit:
                raise ValidationError(
                    _("Vous avez choisi %(count)d indicateurs « les plus importants » : %(max)d au plus."),
                    params={"count": chosen, "max": limit},
                )
        return data

    def values(self) -> dict[int, dict]:
        """The cleaned answer as answer_save expects it."""
        data = self.cleaned_data
        values = {}
        for indicator in self.tree.indicators:
            prefix = f"i{indicator.pk}_"
            values[indicator.pk] = {
                "chosen_most_important": bool(data.get(prefix + "chosen")),
                "importance": data.get(prefix + "importance"),
                "level": data.get(prefix + "level"),
                "comment": data.get(prefix + "comment", ""),
                "evidence": data.get(prefix + "links", []),
            }
        return values


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la réouverture"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le motif est conservé dans l’historique de la réponse et envoyé à la coordination du pôle."),
    )


class PublishForm(forms.Form):
    public = forms.BooleanField(label=_("Rendre publique la réponse détaillée du pôle"), required=False)
