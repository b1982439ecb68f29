"""A commune chosen by name: typed text resolved to one Commune, with a clear error."""

import re

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from peps.core.text import fold

from .models import Commune

LABEL_PATTERN = re.compile(r"^(?P<name>.+?)\s*\((?P<dep>[0-9AB]{2,3})\)$")


def commune_label(commune: Commune) -> str:
    return f"{commune.name} ({commune.departement_id})"


class CommuneInput(forms.TextInput):
    """A text input tied to a <datalist> of suggestions filled by htmx."""

    def __init__(self, attrs=None):
        base = {
            "autocomplete": "off",
            "list": "commune-suggestions",
            "hx-get": "/territoires/communes/suggestions/",
            "hx-trigger": "input changed delay:250ms",
            "hx-target": "#commune-suggestions",
            "hx-swap": "innerHTML",
        }
        base.update(attrs or {})
        super().__init__(base)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        return mark_safe(f'{html}<datalist id="commune-suggestions"></datalist>')  # noqa: S308 - static markup

    def format_value(self, value):
        if isinstance(value, Commune):
            return commune_label(value)
        if value and not isinstance(value, str) or (isinstance(value, str) and value.isdigit() and len(value) == 5):
            commune = Commune.objects.filter(pk=value).select_related(None).first()
            return commune_label(commune) if commune else value
        return value


class CommuneField(forms.Field):
    widget = CommuneInput
    default_error_messages = {
        "unknown": _("Commune inconnue : choisissez-la dans la liste proposée, par exemple « Roanne (42) »."),
        "ambiguous": _("Plusieurs communes portent ce nom : précisez le département, par exemple « %(name)s (42) »."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Commune"))
        kwargs.setdefault("help_text", _("Tapez le début du nom puis choisissez, par exemple « Roanne (42) »."))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Commune):
            return value
        text = str(value).strip()[:150]
        if text.isdigit() and len(text) == 5:
            commune = Commune.objects.filter(code=text).first()
            if commune:
                return commune
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        match = LABEL_PATTERN.match(text)
        candidates = Commune.objects.filter(search_name=fold(match["name"] if match else text))
        if match:
            candidates = candidates.filter(departement_id=match["dep"])
        found = list(candidates[:2])
        if not found:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        if len(found) > 1:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"name": text})
        return found[0]
