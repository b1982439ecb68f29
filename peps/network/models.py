"""The descriptive sheet (fiche) of a pole on the network, along the two grids of the source
study (comparison and emergence), with the pole's centre and regions computed from its territory."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Approach(models.TextChoices):
    BOTTOM_UP = "bottom_up", _("Ascendante (partie du territoire)")
    TOP_DOWN = "top_down", _("Descendante (impulsée d’en haut)")
    MIXED = "mixed", _("Mixte")


class InnovationKind(models.TextChoices):
    SOCIAL = "social", _("Sociale")
    SOCIO_ECONOMIC = "socio_economic", _("Socio-économique")
    TECHNOLOGICAL = "technological", _("Technologique")
    MIXED = "mixed", _("Mixte")


class Theme(models.Model):
    """A sector or theme tag shared by the network (e.g. « Alimentation », « Patrimoine »)."""

    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("thème")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# The two grids, in the order the fiche and the comparison show them: (field name, group).
COMPARISON_FIELDS = [
    "purposes",
    "approach",
    "themes",
    "innovation_kind",
    "innovation",
    "funding",
    "actors",
    "governance",
    "territory_relation",
]
EMERGENCE_FIELDS = [
    "context",
    "objectives",
    "citizens_and_firms_role",
    "institutions_role",
    "evolution",
    "organisation",
    "staff_count",
]


class PoleProfile(models.Model):
    pole = models.OneToOneField("poles.Pole", on_delete=models.CASCADE, related_name="profile")
    public = models.BooleanField(
        _("fiche publique"),
        default=True,
        help_text=_("Décochée, seuls les membres du pôle et l’administration du réseau voient la fiche."),
    )
    # --- Comparison grid ---
    purposes = models.TextField(_("finalités"), blank=True)
    approach = models.CharField(_("démarche"), max_length=12, choices=Approach.choices, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("secteurs et thèmes"), blank=True, related_name="profiles")
    innovation_kind = models.CharField(
        _("type d’innovation"), max_length=16, choices=InnovationKind.choices, blank=True
    )
    innovation = models.TextField(_("innovation, en détail"), blank=True)
    funding = models.TextField(_("financement"), blank=True)
    actors = models.TextField(_("acteurs"), blank=True)
    governance = models.TextField(_("gouvernance"), blank=True)
    territory_relation = models.TextField(_("rapport au territoire"), blank=True)
    # --- Emergence grid ---
    context = models.TextField(_("contexte d’émergence"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    citizens_and_firms_role = models.TextField(_("rôle des citoyens et des entreprises"), blank=True)
    institutions_role = models.TextField(_("rôle des institutions"), blank=True)
    evolution = models.TextField(_("évolution"), blank=True)
    organisation = models.TextField(_("organisation actuelle"), blank=True)
    staff_count = models.PositiveSmallIntegerField(_("salariés (nombre)"), null=True, blank=True)
    # --- Computed from the territory by services.profile_locate ---
    latitude = models.FloatField(_("latitude du centre"), null=True, blank=True, editable=False)
    longitude = models.FloatField(_("longitude du centre"), null=True, blank=True, editable=False)
    regions = models.ManyToManyField(
        "territory.Region", verbose_name=_("régions"), blank=True, related_name="pole_profiles", editable=False
    )
    located_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Folded name, territory and themes, searched with LIKE (see peps.core.text).
    search_text = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(_("mise à jour le"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fiche descriptive")
        verbose_name_plural = _("fiches descriptives")

    def __str__(self) -> str:
        return str(self.pole)

    def get_absolute_url(self) -> str:
        return reverse("network:profile", kwargs={"slug": self.pole.slug})

    @property
    def is_described(self) -> bool:
        return any(getattr(self, name) for name in COMPARISON_FIELDS + EMERGENCE_FIELDS if name != "themes")


class PoleProfileChange(models.Model):
    """Who changed a fiche, when, and which fields: the sheet is the pole's public face."""

    profile = models.ForeignKey(PoleProfile, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    fields = models.JSONField(default=list)

    class Meta:
        verbose_name = _("modification de fiche")
        ordering = ["-at", "-pk"]
