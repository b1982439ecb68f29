"""Ideas and projects of a pole, the support pipeline, and what people do around them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peps.core.text import build_search_text

from .stages import Stage


class Domain(models.TextChoices):
    CULTURE = "culture", _("Culture et patrimoine")
    TOURISM = "tourism", _("Tourisme")
    FOOD = "food", _("Alimentation et restauration")
    RETAIL = "retail", _("Commerce")
    ECOLOGY = "ecology", _("Services écologiques")
    LODGING = "lodging", _("Hébergement")
    SPORT = "sport", _("Sport")
    INTEGRATION = "integration", _("Insertion par l’activité économique")
    TRAINING = "training", _("Formation")
    DIGITAL = "digital", _("Numérique")
    FARMING = "farming", _("Agriculture et circuits courts")
    MOBILITY = "mobility", _("Mobilité")
    HOUSING = "housing", _("Logement")
    HEALTH = "health", _("Santé et action sociale")
    ENERGY = "energy", _("Énergie")
    OTHER = "other", _("Autre")


class EconomicModel(models.TextChoices):
    MARKET = "market", _("Marchand")
    ASSOCIATIVE = "associative", _("Associatif")
    MIXED = "mixed", _("Mixte")


class ProjectVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Réservé aux membres du pôle")


class RequestKind(models.TextChoices):
    INFORMATION = "information", _("Demande d’information")
    RELAY = "relay", _("Mise en relation ou relais")
    FULL_SUPPORT = "full_support", _("Accompagnement complet")


class Project(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("titre"), max_length=160)
    summary = models.CharField(_("l’idée en une phrase"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Who takes part or should: people, associations, firms, the commune… in the holder's words.
    involved = models.TextField(_("qui est impliqué"), blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("porteur ou porteuse"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="held_projects",
    )
    holder_structure = models.ForeignKey(
        "directory.Structure",
        verbose_name=_("au nom de la structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    domain = models.CharField(_("domaine"), max_length=16, choices=Domain.choices)
    # Worked out with the coordination during the support, not asked when the idea is submitted.
    economic_model = models.CharField(_("modèle"), max_length=12, choices=EconomicModel.choices, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, null=True, blank=True
    )
    visibility = models.CharField(
        _("visibilité"), max_length=8, choices=ProjectVisibility.choices, default=ProjectVisibility.PUBLIC
    )
    stage = models.CharField(_("étape"), max_length=16, choices=Stage.choices, default=Stage.SUBMITTED)
    stage_changed_at = models.DateTimeField(_("étape depuis le"), auto_now_add=True)
    request_kind = models.CharField(_("type de demande"), max_length=14, choices=RequestKind.choices, blank=True)
    # When a coordinator of the pole first opened the project's page: until then the board
    # marks a new idea « pas encore ouverte » (a read receipt, not a guess from other fields).
    coordination_opened_at = models.DateTimeField(_("ouvert par la coordination le"), null=True, blank=True)
    supporters_count = models.PositiveIntegerField(default=0)
    followers_count = models.PositiveIntegerField(default=0)
    comments_count = models.PositiveIntegerField(default=0)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("projet")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["pole", "visibility", "-created_at"]),
            models.Index(fields=["pole", "stage", "-stage_changed_at"]),
            models.Index(fields=["pole", "domain", "-created_at"]),
            # The open data page counts public projects and their last change.
            models.Index(fields=["visibility", "updated_at"], name="project_visibility_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def holder_name(self) -> str:
        """Who carries the project, as shown on cards: the structure, else the person."""
        if self.holder_structure_id and self.holder_structure:
            return self.holder_structure.name
        if self.holder_id and self.holder:
            return self.holder.public_name
        return str(_("Compte supprimé"))

    def refresh_search_text(self) -> None:
        self.search_text = build_search_text(self.title, self.summary, self.description[:1000])


class StageChange(models.Model):
    """The history of the pipeline: who moved the project, when, from where, to where, why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("motif"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]


class LogEntryKind(models.TextChoices):
    MEETING = "meeting", _("Rendez-vous")
    ADVICE = "advice", _("Conseil")
    NEXT_STEP = "next_step", _("Prochaine étape")
    REFERRAL = "referral", _("Orientation")
    NOTE = "note", _("Note")


class SupportLogEntry(models.Model):
    """A dated entry of the support log, seen only by the holder and the coordinators."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="log_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(_("type"), max_length=10, choices=LogEntryKind.choices, default=LogEntryKind.MEETING)
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("compte rendu"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("entrée du suivi")
        ordering = ["-happened_on", "-pk"]


class Referral(models.Model):
    """The pole works by subsidiarity: it refers holders to the outside support networks."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="referrals")
    network = models.CharField(_("réseau d’accompagnement"), max_length=160)
    contact = models.CharField(_("contact"), max_length=160, blank=True)
    referred_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("orientation")
        ordering = ["-referred_on", "-pk"]


class Follow(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="unique_follow")]


class Support(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="unique_support")]


class Comment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("commentaire"))
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["project", "is_hidden", "created_at"])]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty")]
