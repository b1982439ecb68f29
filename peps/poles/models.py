"""The pole is the tenant: every pole-owned row points to one. Also its colleges,
its territory (a union of administrative units) and its memberships."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peps.core import typography


class PoleKind(models.TextChoices):
    PTCE = "ptce", _("Pôle territorial de coopération économique")
    RESOURCE = "resource", _("Pôle ressource")
    NETWORK = "network", _("Réseau")
    PREPARATION = "preparation", _("Pôle en préparation")
    # Not a PTCE: described on the network only for contrast, as the source study does.
    COMPETITIVENESS = "competitive", _("Pôle de compétitivité")


class PoleLegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SCIC = "scic", _("SCIC")
    CHARTER = "charter", _("Sans structure juridique, avec une charte")
    OTHER = "other", _("Autre")


class Pole(models.Model):
    slug = models.SlugField(_("identifiant d’adresse"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=160)
    short_name = models.CharField(_("nom court"), max_length=40, blank=True)
    # The article a sentence needs before the name: « Rejoindre le Réseau des musées… », « de POLLENS ».
    article = models.CharField(
        _("article devant le nom"),
        max_length=3,
        blank=True,
        choices=[("le", "le"), ("la", "la"), ("les", "les"), ("l’", "l’")],
        help_text=_("Pour les phrases comme « Rejoindre le Réseau… » ; vide pour un nom sans article (POLLENS)."),
    )
    kind = models.CharField(_("type de pôle"), max_length=12, choices=PoleKind.choices, default=PoleKind.PTCE)
    legal_form = models.CharField(
        _("forme juridique"), max_length=12, choices=PoleLegalForm.choices, default=PoleLegalForm.ASSOCIATION
    )
    territory_name = models.CharField(_("nom du territoire"), max_length=160, blank=True)
    tagline = models.CharField(_("accroche"), max_length=240, blank=True)
    purpose = models.TextField(_("raison d’être"), blank=True, help_text=_("Markdown accepté."))
    charter = models.TextField(_("charte"), blank=True, help_text=_("Markdown accepté."))
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="poles/logos/", blank=True)
    is_demo = models.BooleanField(_("données de démonstration"), default=False)
    members_can_publish_events = models.BooleanField(default=False)
    # What a member reads when their fee is unpaid: the yearly amount and how to pay it.
    fee_amount = models.DecimalField(
        _("cotisation annuelle (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    fee_how_to_pay = models.TextField(
        _("comment régler la cotisation"),
        blank=True,
        help_text=_("Par exemple : virement (IBAN…), chèque à l’ordre de…, ou en main propre à l’accueil."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pôle")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("poles:home", kwargs={"pole": self.slug})

    @property
    def name_with_article(self) -> str:
        """« le Réseau des musées du Roannais », « POLLENS »."""
        return typography.with_article(self.name, self.article)

    @property
    def of_name(self) -> str:
        """« du Réseau des musées du Roannais », « de POLLENS », « d’ARDES »."""
        return typography.de_article(self.name, self.article)

    @property
    def to_name(self) -> str:
        """« au Réseau des musées du Roannais », « à POLLENS »."""
        return typography.a_article(self.name, self.article)

    @property
    def is_charter_network(self) -> bool:
        """A network run by a charter and open plenary meetings, without a legal structure,
        colleges or board (the museums network of DOMAIN.md)."""
        return self.legal_form == PoleLegalForm.CHARTER


class TerritoryUnitKind(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    COMMUNE = "commune", _("Commune")


class TerritoryUnit(models.Model):
    """One administrative unit of a pole's territory; the territory is their union."""

    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="territory_units")
    kind = models.CharField(_("niveau"), max_length=16, choices=TerritoryUnitKind.choices)
    code = models.CharField(_("code"), max_length=9)
    label = models.CharField(_("libellé"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("unité de territoire")
        constraints = [models.UniqueConstraint(fields=["pole", "kind", "code"], name="unique_territory_unit")]

    def __str__(self) -> str:
        return self.label or f"{self.get_kind_display()} {self.code}"


class College(models.Model):
    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="colleges")
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    board_seats = models.PositiveSmallIntegerField(_("sièges au conseil d’administration"), default=0)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("collège")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["pole", "name"], name="unique_college_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """A person's role in one pole; ordered from the least to the most rights."""

    MEMBER = "member", _("Membre")
    BOARD = "board", _("Membre du conseil d’administration")
    COORDINATOR = "coordinator", _("Coordination")
    ADMIN = "admin", _("Administration du pôle")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PENDING = "pending", _("En attente de validation")
    LEFT = "left", _("Sortie")
    REFUSED = "refused", _("Demande refusée")


class Membership(models.Model):
    """A person or a structure belonging to a pole, in a college, since a date."""

    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    college = models.ForeignKey(
        College, verbose_name=_("collège"), on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("statut"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    joined_on = models.DateField(_("membre depuis"), null=True, blank=True)
    left_on = models.DateField(_("sortie le"), null=True, blank=True)
    charter_accepted_at = models.DateTimeField(_("charte acceptée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adhésion")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, structure__isnull=True) | Q(person__isnull=True, structure__isnull=False)
                ),
                name="membership_person_xor_structure",
            ),
            models.UniqueConstraint(
                fields=["pole", "person"], condition=Q(person__isnull=False), name="unique_person_membership"
            ),
            models.UniqueConstraint(
                fields=["pole", "structure"], condition=Q(structure__isnull=False), name="unique_structure_membership"
            ),
        ]
        indexes = [models.Index(fields=["pole", "status", "college"])]

    def __str__(self) -> str:
        return f"{self.member} — {self.pole}"

    @property
    def member(self):
        return self.person or self.structure


class MembershipFee(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="fees")
    year = models.PositiveSmallIntegerField(_("année"))
    amount = models.DecimalField(_("montant (€)"), max_digits=9, decimal_places=2)
    paid_on = models.DateField(_("payée le"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("cotisation")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["membership", "year"], name="unique_fee_per_year")]

    def __str__(self) -> str:
        return f"{self.membership} {self.year}"


class MembershipEventKind(models.TextChoices):
    REQUESTED = "requested", _("Demande d’adhésion")
    ADDED = "added", _("Ajout par la coordination")
    APPROVED = "approved", _("Demande acceptée")
    REFUSED = "refused", _("Demande refusée")
    UPDATED = "updated", _("Modification")
    LEFT = "left", _("Sortie")
    FEE = "fee", _("Cotisation enregistrée")


class MembershipEvent(models.Model):
    """The history of a membership: who changed what and when, for the association's records."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("type"), max_length=10, choices=MembershipEventKind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(_("détail"), max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("événement d’adhésion")
        ordering = ["-at", "-pk"]
