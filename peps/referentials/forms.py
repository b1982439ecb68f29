"""Forms of the referential editor: a referential, a version's description, an item, an import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Item, Referential, Version

MAX_UPLOAD_BYTES = 1024 * 1024


def _level_names(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LevelNamesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Noms des niveaux"))
        kwargs.setdefault("help_text", _("Un nom par ligne, de la racine vers les feuilles (ex. : Objectif général)."))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value):
        return _level_names(super().clean(value))


class ReferentialForm(forms.Form):
    name = forms.CharField(label=_("Nom du référentiel"), max_length=200)
    slug = forms.SlugField(
        label=_("Identifiant"), max_length=60, help_text=_("Lettres, chiffres et tirets, ex. : referentiel-ptce.")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version_label = forms.CharField(label=_("Libellé de la première version"), max_length=100, required=False)
    level_names = LevelNamesField()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Referential.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Un référentiel porte déjà cet identifiant."))
        return slug


class VersionForm(forms.ModelForm):
    level_names = LevelNamesField()

    class Meta:
        model = Version
        fields = ["label", "notes", "level_names"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class NewVersionForm(forms.Form):
    label = forms.CharField(label=_("Libellé de la nouvelle version"), max_length=100, required=False)


class ItemForm(forms.Form):
    """The services validate codes and labels; their errors are put back on these fields."""

    parent = forms.ModelChoiceField(
        label=_("Placé sous"), queryset=Item.objects.none(), required=False, empty_label=_("— à la racine —")
    )
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("Unique dans la version, ex. : e2."))
    label = forms.CharField(label=_("Libellé"), max_length=300, required=False)
    to_complete = forms.BooleanField(
        label=_("Libellé à compléter"),
        required=False,
        help_text=_("Cochez tant que le libellé n’est pas arrêté par le réseau : rien n’est inventé."),
    )
    theme = forms.CharField(
        label=_("Thème"),
        max_length=80,
        required=False,
        help_text=_("Facultatif, ex. : Organisation de la délibération."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, version: Version, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        choices = Item.objects.filter(version=version).exclude(pk__in=exclude_ids).order_by("position")
        self.fields["parent"].queryset = choices.only("pk", "code", "label", "depth", "position")
        self.fields["parent"].label_from_instance = lambda item: f"{'— ' * item.depth}{item.code} {item.label}".strip()

    @staticmethod
    def initial_for(item: Item) -> dict:
        return {
            "parent": item.parent_id,
            "code": item.code,
            "label": item.label,
            "to_complete": item.to_complete,
            "theme": item.theme,
            "description": item.description,
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier du référentiel (YAML ou JSON)"),
        help_text=_(
            "Même structure que l’export : referential, version, items (code, label, children…). 1 Mo au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.json"}),
    )
    publish = forms.BooleanField(label=_("Publier la version importée"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 1 Mo."))
        if not upload.name.lower().endswith((".yaml", ".yml", ".json")):
            raise forms.ValidationError(_("Choisissez un fichier .yaml, .yml ou .json."))
        return upload
