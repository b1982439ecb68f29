"""Forms of the network app: directory and map filters, the fiche editor, the choice of
the poles to compare."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from peps.core.forms import ReadyChoices
from peps.poles.models import PoleKind

from . import selectors
from .models import COMPARISON_FIELDS, EMERGENCE_FIELDS, PoleProfile, Theme

MIN_COMPARED = 2
MAX_COMPARED = 4


class SearchInput(forms.TextInput):
    input_type = "search"


class DirectoryFilterForm(forms.Form):
    """GET filters shared by the directory and the map; a bad value is ignored, not an error page."""

    q = forms.CharField(label=_("Rechercher un pôle"), required=False, max_length=100, widget=SearchInput)
    kind = forms.ChoiceField(label=_("Type de pôle"), required=False)
    region = forms.ChoiceField(label=_("Région"), required=False)
    theme = forms.ChoiceField(label=_("Thème"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Tous"))]
        regions, themes = selectors.filter_choices()
        self.fields["kind"].choices = ReadyChoices(every + list(PoleKind.choices))
        self.fields["region"].choices = ReadyChoices([("", _("Toutes")), *regions])
        self.fields["theme"].choices = ReadyChoices(every + themes)

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        # Keep what validated, drop the rest (e.g. a region code from an old link).
        return {name: value for name, value in self.cleaned_data.items() if value}


class ProfileForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Secteurs et thèmes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_themes = forms.CharField(
        label=_("Autres thèmes"),
        required=False,
        max_length=400,
        help_text=_("Séparés par des virgules, par exemple : Alimentation, Mobilité."),
    )

    class Meta:
        model = PoleProfile
        fields = ["public", *COMPARISON_FIELDS, *EMERGENCE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        self.fields["approach"].help_text = _(
            "Ascendante : le pôle est né des acteurs du territoire ; descendante : il a été impulsé "
            "par l’État ou une grande institution, comme un pôle de compétitivité."
        )
        self.fields["territory_relation"].help_text = _(
            "Le territoire est-il une ressource pour le pôle, ou le pôle une ressource pour le territoire ?"
        )
        self.fields["organisation"].help_text = _("Instances, commissions, équipe salariée, locaux.")

    def clean_new_themes(self) -> list[str]:
        names = [" ".join(n.split()) for n in self.cleaned_data["new_themes"].split(",")]
        names = [n for n in names if n]
        if any(len(n) > 80 for n in names):
            raise forms.ValidationError(_("Un thème tient en 80 caractères au plus."))
        return names

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "themes"}


class SlugsField(forms.MultipleChoiceField):
    """Repeated ?poles= values; blank ones (an empty select, a stray `poles=`) are dropped."""

    def to_python(self, value):
        return [v for v in super().to_python(value) if v.strip()]


class ComparisonForm(forms.Form):
    poles = SlugsField(
        label=_("Pôles à comparer (de deux à quatre)"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choisissez au moins deux pôles à comparer."),
            "invalid_choice": _(
                "Le pôle « %(value)s » est inconnu, ou sa fiche n’est pas publique : retirez-le de la comparaison."
            ),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["poles"].choices = selectors.comparable_poles(user=user)

    def clean_poles(self) -> list[str]:
        slugs = list(dict.fromkeys(self.cleaned_data["poles"]))  # keep the order, drop repeats
        if len(slugs) < MIN_COMPARED:
            raise forms.ValidationError(_("Choisissez au moins deux pôles à comparer."))
        if len(slugs) > MAX_COMPARED:
            raise forms.ValidationError(
                ngettext(
                    "Choisissez au plus quatre pôles à comparer (vous en avez choisi %(n)d).",
                    "Choisissez au plus quatre pôles à comparer (vous en avez choisi %(n)d).",
                    len(slugs),
                )
                % {"n": len(slugs)}
            )
        return slugs
