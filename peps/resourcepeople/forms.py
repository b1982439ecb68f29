"""Forms of the pool of resource people: list filters, a person, a request, an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peps.territory.models import Departement, Region

from .models import Purpose, ResourcePerson


class FilterForm(forms.Form):
    """Choices come from the data; an unknown value is simply ignored (see filters())."""

    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    skill = forms.ChoiceField(label=_("Compétence"), required=False)
    territory = forms.ChoiceField(label=_("Territoire couvert"), required=False)
    language = forms.ChoiceField(label=_("Langue"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", _("Toutes les compétences"))] + [(s, s) for s in choices["skills"]]
        self.fields["language"].choices = [("", _("Toutes les langues"))] + [(s, s) for s in choices["languages"]]
        self.fields["territory"].choices = [
            ("", _("Tous les territoires")),
            (_("Régions"), [(f"r:{code}", name) for code, name in choices["regions"]]),
            (_("Départements"), [(f"d:{code}", f"{name} ({code})") for code, name in choices["departements"]]),
        ]

    def filters(self) -> dict:
        empty = {"query": "", "skill": "", "territory": "", "language": ""}
        if not self.is_bound:
            return empty
        # Keep each valid value even when another one is malformed.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "skill": data.get("skill", ""),
            "territory": data.get("territory", ""),
            "language": data.get("language", ""),
        }


class PersonForm(forms.ModelForm):
    departements = forms.ModelMultipleChoiceField(
        label=_("Départements couverts"),
        queryset=Departement.objects.order_by("code"),
        required=False,
        help_text=_("Facultatif ; maintenez Ctrl (ou Cmd) pour en choisir plusieurs."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Régions couvertes"), queryset=Region.objects.order_by("name"), required=False
    )

    class Meta:
        model = ResourcePerson
        fields = [
            "name",
            "headline",
            "email",
            "skills",
            "tags",
            "territories",
            "departements",
            "regions",
            "availability",
            "languages",
            "visibility",
            "user",
            "is_active",
        ]
        widgets = {"skills": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Linked by e-mail address rather than a select of 100,000 accounts.
        self.fields["user"] = forms.EmailField(
            label=_("Compte sur la plateforme (adresse e-mail)"),
            required=False,
            help_text=_("Facultatif : si la personne a un compte, elle répondra elle-même aux sollicitations."),
        )
        if self.instance.pk and self.instance.user_id:
            self.initial["user"] = self.instance.user.email

    def clean_user(self):
        from peps.accounts.models import User

        email = self.cleaned_data.get("user")
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("Aucun compte n’utilise cette adresse."))
        taken = ResourcePerson.objects.filter(user=user).exclude(pk=self.instance.pk).exists()
        if taken:
            raise forms.ValidationError(_("Ce compte est déjà lié à une autre personne ressource."))
        return user


class RequestForm(forms.Form):
    pole = forms.ModelChoiceField(label=_("Au nom du pôle"), queryset=None, empty_label=None)
    purpose = forms.ChoiceField(
        label=_("Objet"), choices=Purpose.choices, widget=forms.RadioSelect, initial=Purpose.PROJECT
    )
    project = forms.ModelChoiceField(
        label=_("Projet concerné"),
        queryset=None,
        required=False,
        empty_label=_("— aucun projet en particulier —"),
        help_text=_("Pour « Accompagner un projet » : un projet du pôle choisi."),
    )
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Ce que vous attendez, quand, où : la personne le reçoit par e-mail."),
    )

    def __init__(self, *args, poles, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pole"].queryset = poles
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda p: f"{p.title} ({p.pole.short_name or p.pole.name})"

    def clean(self):
        data = super().clean()
        pole, project = data.get("pole"), data.get("project")
        if pole and project and project.pole_id != pole.pk:
            self.add_error("project", _("Ce projet n’appartient pas au pôle choisi."))
        return data


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Réponse"),
        choices=[("accept", _("J’accepte")), ("decline", _("Je décline"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Message au pôle"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
