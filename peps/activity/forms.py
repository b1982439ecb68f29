"""Forms of the contact log: the quick form (also on a structure's page), the full form,
and the list's filters. A structure or a member is chosen by typing its name, helped by a
<datalist> filled by htmx (a pole has thousands of structures: no giant <select>)."""

import datetime
import re

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from peps.accounts.models import User
from peps.core.text import fold
from peps.directory.models import Representative, RepresentativeStatus, Structure
from peps.poles.models import Membership, MembershipStatus, Pole

from .models import Channel, Contact

# « Élise Martin — elise@example.org »: a suggestion for a person with an account.
PERSON_LABEL = re.compile(r"^(?P<name>.*?)\s+—\s+(?P<email>[^\s@]+@[^\s@]+)$")


def person_label(user: User) -> str:
    return f"{user.public_name} — {user.email}"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SuggestInput(forms.TextInput):
    """A text input tied to its own <datalist>, filled by htmx from `url` as one types."""

    def __init__(self, *, url: str = "", list_id: str = "", attrs=None):
        self.url, self.list_id = url, list_id
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "autocomplete": "off",
                "list": self.list_id,
                "hx-get": self.url,
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{self.list_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        return mark_safe(f'{html}<datalist id="{self.list_id}"></datalist>')  # noqa: S308 - ids are ours


class StructureField(forms.Field):
    """A structure of the pole's directory, typed by its name (or given by id in a link)."""

    default_error_messages = {
        "unknown": _("Aucune structure de l’annuaire du pôle ne porte ce nom : choisissez-la dans la liste proposée."),
        "ambiguous": _("Plusieurs structures portent ce nom : choisissez-la dans la liste proposée."),
    }

    def __init__(self, *, pole: Pole, **kwargs):
        self.pole = pole
        kwargs.setdefault("label", _("Structure"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Structure):
            return value.name
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            found = Structure.objects.filter(pole=self.pole, pk=int(value)).values_list("name", flat=True).first()
            return found or value
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Structure):
            return value
        text = " ".join(str(value).split())[:200]
        candidates = Structure.objects.filter(pole=self.pole)
        if text.isdigit():
            found = list(candidates.filter(pk=int(text))[:1])
        else:
            found = list(candidates.filter(name__iexact=text)[:2])
            if not found:
                # Accents, case and apostrophes do not matter: « maison de l'emploi » finds
                # « Maison de l’Emploi ». search_text holds the folded name.
                wanted = _loose(text)
                word = max(re.split(r"[\s'’]+", text), key=len)
                near = candidates.filter(Q(search_text__contains=fold(word)) | Q(name__icontains=word))
                found = [s for s in near.only("pk", "name", "pole_id")[:200] if _loose(s.name) == wanted][:2]
        if not found:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        if len(found) > 1:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous")
        return found[0]


def _loose(text: str) -> str:
    return " ".join(fold(text).replace("’", "'").split())


def people_of_pole(pole: Pole):
    """People who belong to the pole: their own membership or a represented member structure."""
    active = Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE)
    represented = Representative.objects.filter(
        status=RepresentativeStatus.APPROVED, structure__in=active.filter(structure__isnull=False).values("structure")
    ).values("person")
    return User.objects.filter(is_active=True).filter(
        pk__in=active.filter(person__isnull=False).values("person")
    ) | User.objects.filter(is_active=True, pk__in=represented)


class ContactForm(forms.ModelForm):
    """The quick form has the essentials; `full=True` adds the notes and the follow-up state."""

    structure = forms.Field(required=False)  # replaced in __init__ (needs the pole)
    person_text = forms.CharField(
        label=_("Personne"),
        required=False,
        max_length=180,
        help_text=_("Son nom ; une personne inscrite au pôle peut être choisie dans la liste proposée."),
    )

    class Meta:
        model = Contact
        fields = ["date", "channel", "topic", "notes", "follow_up", "follow_up_on", "done"]
        widgets = {
            "date": DateInput(),
            "follow_up_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, pole: Pole, full: bool = False, fixed_structure: Structure | None = None, **kwargs):
        self.pole = pole
        self.fixed_structure = fixed_structure
        super().__init__(*args, **kwargs)
        slug = pole.slug
        if fixed_structure is not None:
            del self.fields["structure"]
        else:
            self.fields["structure"] = StructureField(
                pole=pole,
                required=False,
                help_text=_("Tapez le début du nom puis choisissez dans la liste."),
                widget=SuggestInput(
                    url=reverse("activity:structure_suggestions", kwargs={"pole": slug}),
                    list_id="structure-suggestions",
                ),
            )
            if self.instance.pk and self.instance.structure_id and not self.is_bound:
                self.initial["structure"] = self.instance.structure
        self.fields["person_text"].widget = SuggestInput(
            url=reverse("activity:person_suggestions", kwargs={"pole": slug}), list_id="person-suggestions"
        )
        if self.instance.pk and not self.is_bound:
            if self.instance.person_id and self.instance.person:
                self.initial["person_text"] = person_label(self.instance.person)
            else:
                self.initial["person_text"] = self.instance.person_name
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
        if not full:
            for name in ("notes", "done"):
                del self.fields[name]
        self.order_fields(
            ["date", "channel", "structure", "person_text", "topic", "notes", "follow_up", "follow_up_on", "done"]
        )
        self.fields["follow_up"].help_text = _(
            "Facultatif : ce qui reste à faire, par exemple « envoyer la plaquette »."
        )

    def clean_person_text(self):
        """A suggestion « Name — email » of someone in the pole links the account; any other
        text is kept as the person's name."""
        text = " ".join(self.cleaned_data.get("person_text", "").split())
        self.person, self.person_name = None, text[:120]
        match = PERSON_LABEL.match(text)
        if match:
            user = people_of_pole(self.pole).filter(email__iexact=match["email"]).first()
            if user is not None:
                self.person, self.person_name = user, ""
            else:
                self.person_name = match["name"][:120]
        return text

    def clean(self):
        data = super().clean()
        structure = self.fixed_structure or data.get("structure")
        if "structure" in self.fields and self.errors.get("structure"):
            return data
        if structure is None and not data.get("person_text"):
            self.add_error(
                "person_text", _("Indiquez la structure ou la personne contactée (au moins l’une des deux).")
            )
        date, follow_on = data.get("date"), data.get("follow_up_on")
        if date and follow_on and follow_on < date:
            self.add_error("follow_up_on", _("La suite à donner ne peut pas être prévue avant la date du contact."))
        return data

    def service_fields(self) -> dict:
        """Keyword arguments for contact_create / contact_update."""
        data = self.cleaned_data
        fields = {
            "date": data["date"],
            "channel": data["channel"],
            "topic": data["topic"],
            "structure": self.fixed_structure or data.get("structure"),
            "person": self.person,
            "person_name": self.person_name,
            "follow_up": data.get("follow_up", ""),
            "follow_up_on": data.get("follow_up_on"),
        }
        if "notes" in self.fields:
            fields["notes"] = data.get("notes", "")
        if "done" in self.fields:
            fields["done"] = data.get("done", False)
        return fields


FOLLOW_UP_CHOICES = [
    ("", _("Tous les contacts")),
    ("due", _("Suites à donner échues")),
    ("open", _("Toutes les suites à donner")),
]


class ContactFilterForm(forms.Form):
    start = forms.DateField(label=_("Du"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Au"), required=False, widget=DateInput())
    channel = forms.ChoiceField(
        label=_("Moyen"), required=False, choices=[("", _("Tous les moyens")), *Channel.choices]
    )
    structure = forms.Field(label=_("Structure"), required=False)
    follow_up = forms.ChoiceField(label=_("Suites"), required=False, choices=FOLLOW_UP_CHOICES)

    def __init__(self, *args, pole: Pole, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"] = StructureField(
            pole=pole,
            required=False,
            widget=SuggestInput(
                url=reverse("activity:structure_suggestions", kwargs={"pole": pole.slug}),
                list_id="filter-structure-suggestions",
            ),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("La date de fin doit venir après la date de début."))
        return data

    def filters(self) -> dict:
        """Valid filters only: a malformed parameter is ignored, the others still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {
            "start": data.get("start") if "end" not in self.errors else None,
            "end": data.get("end") if "end" not in self.errors else None,
            "channel": data.get("channel") or "",
            "structure": data.get("structure"),
            "follow_up": data.get("follow_up") or "",
        }


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, today included: the summary shown when no period is chosen."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=364), today
