"""Needs of projects and structures, offers of structures and people, and the partnerships
formed between them: the part of PEPS that helps an idea find what makes it real."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


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


class Kind(models.TextChoices):
    """The nature of the resource within its category (optional, asked for three categories)."""

    # Premises
    MEETING_ROOM = "meeting_room", _("Salle de réunion ou d’activité")
    WORKSHOP = "workshop", _("Atelier")
    OFFICE = "office", _("Bureau")
    KITCHEN = "kitchen", _("Cuisine")
    STORAGE = "storage", _("Stockage ou entrepôt")
    SHOP = "shop", _("Local commercial ou boutique")
    HOUSING = "housing", _("Hébergement ou logement")
    LAND = "land", _("Terrain ou jardin")
    # Funding
    GRANT = "grant", _("Subvention")
    LOAN = "loan", _("Prêt")
    DONATION = "donation", _("Don")
    SPONSORSHIP = "sponsorship", _("Mécénat ou parrainage")
    EQUITY = "equity", _("Entrée au capital")
    # Volunteering
    REGULAR = "regular", _("Régulier (chaque semaine ou chaque mois)")
    ONE_OFF = "one_off", _("Ponctuel (une journée, un événement)")


# Which kinds belong to which category: the form shows only these, the engine compares them.
KINDS_BY_CATEGORY = {
    "premises": (
        Kind.MEETING_ROOM,
        Kind.WORKSHOP,
        Kind.OFFICE,
        Kind.KITCHEN,
        Kind.STORAGE,
        Kind.SHOP,
        Kind.HOUSING,
        Kind.LAND,
    ),
    "funding": (Kind.GRANT, Kind.LOAN, Kind.DONATION, Kind.SPONSORSHIP, Kind.EQUITY),
    "volunteering": (Kind.REGULAR, Kind.ONE_OFF),
}


# The optional structured answers of needs and offers (the fields below, on NeedOfferBase):
# lists that show them (cards, API) load them with the rest.
DETAIL_FIELDS = (
    "kind",
    "skilled",
    "capacity",
    "area_m2",
    "weekdays",
    "day_parts",
    "periods",
    "served_departements",
    "served_epcis",
    "beneficiaries",
    "remote_ok",
    "travels",
)


class Weekday(models.TextChoices):
    MONDAY = "mon", _("lundi")
    TUESDAY = "tue", _("mardi")
    WEDNESDAY = "wed", _("mercredi")
    THURSDAY = "thu", _("jeudi")
    FRIDAY = "fri", _("vendredi")
    SATURDAY = "sat", _("samedi")
    SUNDAY = "sun", _("dimanche")


class DayPart(models.TextChoices):
    MORNING = "morning", _("le matin")
    AFTERNOON = "afternoon", _("l’après-midi")
    EVENING = "evening", _("le soir")


class Period(models.TextChoices):
    """Parts of the year. « Hors vacances scolaires » and « pendant les vacances » are the
    two answers people give most; seasons for what depends on the weather."""

    SCHOOL_TERM = "school_term", _("hors vacances scolaires")
    SCHOOL_HOLIDAYS = "school_holidays", _("pendant les vacances scolaires")
    SPRING = "spring", _("au printemps")
    SUMMER = "summer", _("en été")
    AUTUMN = "autumn", _("en automne")
    WINTER = "winter", _("en hiver")


class Beneficiary(models.TextChoices):
    """Kinds of beneficiaries: for an offer, whom it is reserved to; for a need, who carries it."""

    EMPLOYER = "employer", _("structures employeuses (au moins un salarié)")
    ASSOCIATION = "association", _("associations")
    COMPANY = "company", _("entreprises (dont coopératives)")
    PUBLIC = "public", _("collectivités et organismes publics")
    INDIVIDUAL = "individual", _("particuliers et porteurs de projet sans structure")
    YOUNG = "young", _("jeunes de moins de 30 ans")


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
    # What the engine compares beyond words (all optional; see docs/matching.md). For a need they
    # say what is needed, for an offer what is offered.
    kind = models.CharField(_("nature"), max_length=14, choices=Kind.choices, blank=True)
    skilled = models.BooleanField(_("avec un savoir-faire particulier"), default=False)
    capacity = models.PositiveIntegerField(_("nombre de personnes"), null=True, blank=True)
    area_m2 = models.PositiveIntegerField(_("surface (m²)"), null=True, blank=True)
    weekdays = models.JSONField(_("jours"), default=list, blank=True)
    day_parts = models.JSONField(_("moments de la journée"), default=list, blank=True)
    periods = models.JSONField(_("périodes de l’année"), default=list, blank=True)
    # Offer: the départements (codes) and intercommunalities (SIREN) it serves, the beneficiaries
    # it is reserved to. Need: who carries it (its départements come from its commune).
    served_departements = models.JSONField(_("départements servis"), default=list, blank=True)
    served_epcis = models.JSONField(_("intercommunalités servies"), default=list, blank=True)
    beneficiaries = models.JSONField(_("bénéficiaires"), default=list, blank=True)
    remote_ok = models.BooleanField(_("à distance possible"), default=False)
    travels = models.BooleanField(_("se déplace"), default=False)
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

    @property
    def details(self) -> list[str]:
        """The structured answers given, as short French phrases (cards and detail pages)."""
        phrases = []
        if self.kind:
            phrases.append(str(self.get_kind_display()))
        if self.capacity:
            phrases.append(ngettext("%(n)s personne", "%(n)s personnes", self.capacity) % {"n": self.capacity})
        if self.area_m2:
            phrases.append(_("%(n)s m²") % {"n": self.area_m2})
        for values, choices in ((self.weekdays, Weekday), (self.day_parts, DayPart), (self.periods, Period)):
            labels = dict(choices.choices)
            if values:
                phrases.append(", ".join(str(labels.get(v, v)) for v in values))
        if self.served_departements:
            phrases.append(_("départements : %(codes)s") % {"codes": ", ".join(self.served_departements)})
        if self.beneficiaries:
            labels = dict(Beneficiary.choices)
            phrases.append(", ".join(str(labels.get(v, v)) for v in self.beneficiaries))
        if self.skilled:
            phrases.append(str(_("avec un savoir-faire particulier")))
        if self.remote_ok:
            phrases.append(str(_("à distance possible")))
        if self.travels:
            phrases.append(str(_("se déplace")))
        return phrases


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
        # The second serves the hub's « newest first » page: read in order, no sort of the pole's all.
        indexes = [models.Index(fields=["pole", "is_open", "category"]), models.Index(fields=["pole", "created_at"])]
        constraints = [
            *NeedOfferBase.Meta.constraints,
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(structure__isnull=False), name="need_has_an_owner"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("partnerships:need", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def owner_name(self) -> str:
        """The project's title, or the structure's name (a need has one or the other)."""
        if self.project is not None:
            return self.project.title
        return self.structure.name if self.structure is not None else ""


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
        # The second serves the hub's « newest first » page: read in order, no sort of the pole's all.
        indexes = [models.Index(fields=["pole", "is_open", "category"]), models.Index(fields=["pole", "created_at"])]
        constraints = [
            *NeedOfferBase.Meta.constraints,
            models.CheckConstraint(
                condition=Q(structure__isnull=False) | Q(person__isnull=False), name="offer_has_an_owner"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("partnerships:offer", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def owner_name(self) -> str:
        """The structure's name, or the person's public name (an offer has one or the other)."""
        if self.structure is not None:
            return self.structure.name
        return self.person.public_name if self.person is not None else ""


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    ACCEPTED = "accepted", _("Accepté")
    DECLINED = "declined", _("Décliné")
    ACTIVE = "active", _("En cours")
    COMPLETED = "completed", _("Terminé")
    ENDED = "ended", _("Arrêté")
    EXPIRED = "expired", _("Expiré sans réponse")


class ReachedVia(models.TextChoices):
    """Who receives a proposal: decided when it is made, shown before it is made."""

    PERSON = "person", _("La personne qui fait l’offre")
    REPRESENTATIVE = "representative", _("Un représentant de la structure")
    EMAIL = "email", _("L’adresse e-mail publique de la structure")
    COORDINATION = "coordination", _("La coordination du pôle, en relais")


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
    # How the answering side was reached, and the address used when it has no account.
    reached_via = models.CharField(max_length=14, choices=ReachedVia.choices, blank=True)
    contact_email = models.EmailField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # When the coordination passed on a proposal to a structure with no representative and no e-mail.
    relayed_at = models.DateTimeField(null=True, blank=True)
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
    # Someone without an account who answered through the signed link of the e-mail.
    author_name = models.CharField(max_length=120, blank=True)
    from_status = models.CharField(max_length=10, choices=PartnershipStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=PartnershipStatus.choices, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


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


class MatchNotice(models.Model):
    """A strong match already told to a need's holder, so an offer edited ten times tells once."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="unique_match_notice")]
