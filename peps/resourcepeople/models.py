"""The network-wide pool of resource people (personnes ressources) and the requests poles send
them, tracked until answered."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peps.core.text import build_search_text, fold


class PersonVisibility(models.TextChoices):
    PUBLIC = "public", _("Tout le monde")
    MEMBERS = "members", _("Les membres des pôles du réseau")


def split_list(text: str) -> list[str]:
    """« Finance, gouvernance ; ESS » → ["Finance", "gouvernance", "ESS"] (commas or semicolons)."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def keys_of(values: list[str]) -> str:
    """Folded values between bars, so that an exact value is found with LIKE '%|value|%'."""
    return "|" + "|".join(fold(v) for v in values) + "|" if values else ""


class ResourcePerson(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte sur la plateforme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_person",
        help_text=_("Facultatif : la personne liée à un compte répond elle-même aux sollicitations."),
    )
    name = models.CharField(_("nom"), max_length=160)
    headline = models.CharField(_("en une ligne"), max_length=200, blank=True)
    skills = models.TextField(_("compétences"), help_text=_("Ce que la personne peut apporter, en quelques phrases."))
    tags = models.CharField(
        _("mots-clés de compétences"),
        max_length=300,
        blank=True,
        help_text=_("Séparés par des virgules, ex. : financement, gouvernance coopérative, circuits courts."),
    )
    territories = models.CharField(
        _("territoires couverts"), max_length=300, blank=True, help_text=_("En clair, ex. : Roannais, Loire, national.")
    )
    departements = models.ManyToManyField(
        "territory.Departement", verbose_name=_("départements couverts"), blank=True, related_name="+"
    )
    regions = models.ManyToManyField(
        "territory.Region", verbose_name=_("régions couvertes"), blank=True, related_name="+"
    )
    availability = models.CharField(
        _("disponibilités"), max_length=300, blank=True, help_text=_("Ex. : deux demi-journées par mois, en soirée.")
    )
    languages = models.CharField(
        _("langues"), max_length=200, blank=True, default="français", help_text=_("Séparées par des virgules.")
    )
    email = models.EmailField(_("e-mail"))
    visibility = models.CharField(
        _("visible par"), max_length=8, choices=PersonVisibility.choices, default=PersonVisibility.MEMBERS
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Décochez pour retirer la personne du vivier.")
    )
    is_demo = models.BooleanField(default=False, editable=False)
    # Folded copies used by search and filters (LIKE on indexed-free text is fine at a few thousand rows).
    tag_keys = models.CharField(max_length=400, blank=True, editable=False)
    language_keys = models.CharField(max_length=300, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("personne ressource")
        verbose_name_plural = _("personnes ressources")
        indexes = [models.Index(fields=["is_active", "visibility", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resourcepeople:detail", kwargs={"pk": self.pk})

    @property
    def tag_list(self) -> list[str]:
        return split_list(self.tags)

    @property
    def language_list(self) -> list[str]:
        return split_list(self.languages)

    def refresh_search_text(self) -> None:
        self.tag_keys = keys_of(self.tag_list)
        self.language_keys = keys_of(self.language_list)
        self.search_text = build_search_text(
            self.name, self.headline, self.skills, self.tags, self.territories, self.languages
        )


class Purpose(models.TextChoices):
    PROJECT = "project", _("Accompagner un projet")
    BOURSE = "bourse", _("Participer à une Bourse aux projets")
    OTHER = "other", _("Autre")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    WITHDRAWN = "withdrawn", _("Retirée par le pôle")


class ResourceRequest(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="resource_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("demandée par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    person = models.ForeignKey(
        ResourcePerson, verbose_name=_("personne ressource"), on_delete=models.CASCADE, related_name="requests"
    )
    purpose = models.CharField(_("objet"), max_length=8, choices=Purpose.choices, default=Purpose.PROJECT)
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("projet"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("message"))
    status = models.CharField(_("statut"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    answered_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("réponse saisie par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    answer = models.TextField(_("réponse"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sollicitation d’une personne ressource")
        verbose_name_plural = _("sollicitations de personnes ressources")
        indexes = [
            models.Index(fields=["pole", "status", "-created_at"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} ← {self.pole}"

    def get_absolute_url(self) -> str:
        return reverse("resourcepeople:request", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING
