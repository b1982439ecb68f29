"""Needs of projects and structures, offers of structures and people, and the partnerships
formed between them: the part of PEPS that helps an idea find what makes it real."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    SKILLS = "skills", _("Compétences ou expertise")
    PREMISES = "premises", _("Local ou espace")
    EQUIPMENT = "equipment", _("Matériel")
    FUNDING = "funding", _("Financement")
    VOLUNTEERING = "volunteering", _("Temps bénévole")
    OUTLET = "outlet", _("Partenaire commercial ou débouché")
    SUPPLIER = "supplier", _("Fournisseur")
    NETWORKING = "networking", _("Mise en réseau ou introductions")
    OTHER = "other", _("Autre")


class Reach(models.TextChoices):
    """Where a need or offer applies: around a commune, or anywhere in the pole's territory."""

    AROUND = "around", _("Autour d’une commune")
    TERRITORY = "territory", _("Tout le territoire du pôle")


class NeedOfferBase(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("catégorie"), max_length=14, choices=Category.choices)
    title = models.CharField(_("en quelques mots"), max_length=160)
    description = models.TextField(_("description"))
    starts_on = models.DateField(_("à partir du"), null=True, blank=True)
    ends_on = models.DateField(_("jusqu’au"), null=True, blank=True, help_text=_("Laisser vide si c’est permanent."))
    reach = models.CharField(_("où"), max_length=10, choices=Reach.choices, default=Reach.AROUND)
    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    radius_km = models.PositiveSmallIntegerField(_("distance maximale (km)"), default=20)
    is_open = models.BooleanField(_("ouvert"), default=True)
    # Folded title and description, searched with LIKE (see peps.core.text).
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="%(class)s_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Need(NeedOfferBase):
    """What a project (or a structure, for pooling) is looking for."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="needs"
    )
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="needs"
    )
    # Set when the coordination opened a collective project from a pooling opportunity.
    pooled_into = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="pooled_needs"
    )

    class Meta(NeedOfferBase.Meta):
        verbose_name = _("besoin")
        indexes = [models.Index(fields=["pole", "is_open", "category"])]
        constraints = [
            *NeedOfferBase.Meta.constraints,
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(structure__isnull=False), name="need_has_an_owner"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("partnerships:need", kwargs={"pole": self.pole.slug, "pk": self.pk})


class Offer(NeedOfferBase):
    """What a structure or a person can bring."""

    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="offers"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="offers"
    )

    class Meta(NeedOfferBase.Meta):
        verbose_name = _("offre")
        indexes = [models.Index(fields=["pole", "is_open", "category"])]
        constraints = [
            *NeedOfferBase.Meta.constraints,
            models.CheckConstraint(
                condition=Q(structure__isnull=False) | Q(person__isnull=False), name="offer_has_an_owner"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("partnerships:offer", kwargs={"pole": self.pole.slug, "pk": self.pk})


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    ACCEPTED = "accepted", _("Accepté")
    DECLINED = "declined", _("Décliné")
    ACTIVE = "active", _("En cours")
    COMPLETED = "completed", _("Terminé")
    ENDED = "ended", _("Arrêté")


class Partnership(models.Model):
    """A partnership between a project (through one of its needs) and a partner."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="partnerships")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="partnerships")
    need = models.ForeignKey(Need, on_delete=models.SET_NULL, null=True, blank=True, related_name="partnerships")
    offer = models.ForeignKey(Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="partnerships")
    partner_structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="partnerships"
    )
    partner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="partnerships"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=PartnershipStatus.choices, default=PartnershipStatus.PROPOSED
    )
    status_reason = models.TextField(_("motif"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Who answers depends on who proposed: the partner (an offer's owner) or the project side.
    proposed_by_partner = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partenariat")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["pole", "status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner_structure__isnull=False) | Q(partner_person__isnull=False),
                name="partnership_has_a_partner",
            ),
            # Proposing the same partnership twice must not create a second one.
            models.UniqueConstraint(
                fields=["project", "partner_structure"],
                condition=Q(partner_structure__isnull=False),
                name="unique_partnership_with_structure",
            ),
            models.UniqueConstraint(
                fields=["project", "partner_person"],
                condition=Q(partner_person__isnull=False),
                name="unique_partnership_with_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ↔ {self.partner_structure or self.partner_person}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def partner_name(self) -> str:
        if self.partner_structure_id:
            return self.partner_structure.name
        return self.partner_person.public_name if self.partner_person_id else ""


class PartnershipEvent(models.Model):
    """The history and short exchange of a partnership: status changes and messages."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_status = models.CharField(max_length=10, choices=PartnershipStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=PartnershipStatus.choices, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class MatchNotice(models.Model):
    """A strong match already told to a need's holder, so an offer edited ten times tells once."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="unique_match_notice")]
    EXPIRED = "expired", _("Expiré sans réponse")


class ReachedVia(models.TextChoices):
    """Who receives a proposal: decided when it is made, shown before it is made."""

    PERSON = "person", _("La personne qui fait l’offre")
    REPRESENTATIVE = "representative", _("Un représentant de la structure")
    EMAIL = "email", _("L’adresse e-mail publique de la structure")
    COORDINATION = "coordination", _("La coordination du pôle, en relais")
    # How the answering side was reached, and the address used when it has no account.
    reached_via = models.CharField(max_length=14, choices=ReachedVia.choices, blank=True)
    contact_email = models.EmailField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # When the coordination passed on a proposal to a structure with no representative and no e-mail.
    relayed_at = models.DateTimeField(null=True, blank=True)
    # Someone without an account who answered through the signed link of the e-mail.
    author_name = models.CharField(max_length=120, blank=True)
class PartnershipSettings(models.Model):
    """A pole's delays for proposals left without answer (the defaults when no row exists)."""

    pole = models.OneToOneField("poles.Pole", on_delete=models.CASCADE, related_name="partnership_settings")
    reminder_days = models.PositiveSmallIntegerField(
        _("relance après (jours)"), default=7, help_text=_("Une seule relance est envoyée.")
    )
    expiry_days = models.PositiveSmallIntegerField(
        _("expiration après (jours)"), default=30, help_text=_("Sans réponse, la proposition expire alors.")
    )

    class Meta:
        verbose_name = _("réglages des partenariats")
        constraints = [
            models.CheckConstraint(
                condition=Q(reminder_days__gte=1) & Q(expiry_days__gt=models.F("reminder_days")),
                name="partnership_delays_in_order",
            )
        ]

    def __str__(self) -> str:
        return str(self.pole)


