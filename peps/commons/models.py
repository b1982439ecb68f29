"""Shared resources (mutualisation): a pole's catalogue of books, equipment and rooms,
their bookings and loans, and weekly recurring series of bookings."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peps.commons.isbn import validate_isbn
from peps.core.models import PoleOwned
from peps.core.text import build_search_text


class ResourceKind(models.TextChoices):
    BOOK = "book", _("Livre")
    DOCUMENT = "document", _("Document")
    EQUIPMENT = "equipment", _("Matériel")
    ROOM = "room", _("Salle ou espace")


class EquipmentCategory(models.TextChoices):
    AUDIOVISUAL = "audiovisual", _("Audiovisuel")
    OFFICE = "office", _("Bureautique")
    COMPUTER = "computer", _("Informatique")
    VEHICLE = "vehicle", _("Véhicule")
    OTHER = "other", _("Autre matériel")


class WhoMayBook(models.TextChoices):
    """Ordered from the narrowest to the widest audience."""

    MEMBERS = "members", _("Les membres du pôle")
    PARTNERS = "partners", _("Les membres et les structures partenaires")
    SIGNED_IN = "signed_in", _("Toute personne connectée")


class Resource(PoleOwned):
    # The base's pole field, with the reverse accessor this model always had (no migration).
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("type"), max_length=10, choices=ResourceKind.choices)
    equipment_category = models.CharField(
        _("catégorie de matériel"), max_length=12, choices=EquipmentCategory.choices, blank=True
    )
    name = models.CharField(_("nom"), max_length=160)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown accepté."))
    location = models.CharField(_("lieu"), max_length=200, blank=True)
    # Books and documents.
    author = models.CharField(_("auteur ou autrice"), max_length=160, blank=True)
    publisher = models.CharField(_("éditeur"), max_length=120, blank=True)
    isbn = models.CharField(
        _("ISBN"), max_length=13, blank=True, validators=[validate_isbn], help_text=_("ISBN-10 ou ISBN-13.")
    )
    # Rooms and spaces.
    capacity = models.PositiveIntegerField(_("capacité (personnes)"), null=True, blank=True)
    is_accessible = models.BooleanField(_("accessible aux personnes à mobilité réduite"), default=False)
    accessibility_notes = models.TextField(_("accessibilité"), blank=True)
    # Rules.
    who_may_book = models.CharField(
        _("qui peut réserver"), max_length=10, choices=WhoMayBook.choices, default=WhoMayBook.MEMBERS
    )
    requires_approval = models.BooleanField(_("validation par la coordination"), default=False)
    max_duration_hours = models.PositiveIntegerField(
        _("durée maximale (heures)"), null=True, blank=True, help_text=_("Laissez vide pour ne pas limiter.")
    )
    deposit_note = models.CharField(_("caution"), max_length=240, blank=True)
    is_active = models.BooleanField(_("disponible à la réservation"), default=True)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ressource")
        ordering = ["name"]
        indexes = [models.Index(fields=["pole", "is_active", "kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("commons:resource", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_loan(self) -> bool:
        """Books, documents and equipment leave the premises: they are lent and returned."""
        return self.kind != ResourceKind.ROOM

    def refresh_search_text(self) -> None:
        self.search_text = build_search_text(
            self.name,
            self.get_kind_display(),
            self.get_equipment_category_display() if self.equipment_category else "",
            self.author,
            self.publisher,
            self.isbn,
            self.location,
            self.description[:1000],
        )


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    CONFIRMED = "confirmed", _("Confirmée")
    REFUSED = "refused", _("Refusée")
    CANCELLED = "cancelled", _("Annulée")
    RETURNED = "returned", _("Rendue")


# A requested booking already holds its slot: otherwise two people could wait for approval
# of the same slot. A returned loan frees what remains of its period.
ACTIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)
NO_OVERLAP_CONSTRAINT = "commons_booking_no_overlap"


class DateTimeRangeFunc(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint that is silent on other databases: SQLite gets the same
    rule from a trigger created in migration 0001 (see there)."""

    @staticmethod
    def _is_postgres(schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if self._is_postgres(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if self._is_postgres(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if self._is_postgres(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


class BookingSeries(models.Model):
    """A weekly recurring booking of a room (e.g. a structure's permanence), kept as an
    RFC 5545 rule; its occurrences are ordinary Booking rows."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="series")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rrule = models.CharField(_("règle de récurrence"), max_length=300)
    first_date = models.DateField(_("première date"))
    start_time = models.TimeField(_("heure de début"))
    end_time = models.TimeField(_("heure de fin"))
    purpose = models.CharField(_("objet"), max_length=200, blank=True)
    skipped = models.JSONField(_("dates écartées"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("série de réservations")

    def __str__(self) -> str:
        return f"{self.resource} — {self.rrule}"


class Booking(models.Model):
    """One booking (a room) or loan (an item) of a resource for a period, stored in UTC."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="bookings")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings")
    structure = models.ForeignKey(
        "directory.Structure",
        verbose_name=_("pour la structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )
    series = models.ForeignKey(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="occurrences"
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"), help_text=_("Pour un prêt : la date de retour prévue."))
    is_loan = models.BooleanField(_("prêt"), default=False)
    status = models.CharField(
        _("statut"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    purpose = models.CharField(_("objet"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decision_note = models.CharField(_("motif"), max_length=300, blank=True)
    returned_at = models.DateTimeField(_("rendue le"), null=True, blank=True)
    returned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    last_reminder_at = models.DateTimeField(_("dernière relance"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réservation")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["resource", "status", "starts_at"]),
            models.Index(fields=["pole", "status", "ends_at"]),
            models.Index(fields=["booked_by", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="commons_booking_ends_after"),
            PostgresExclusionConstraint(
                name=NO_OVERLAP_CONSTRAINT,
                expressions=[
                    ("resource", RangeOperators.EQUAL),
                    (DateTimeRangeFunc("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=ACTIVE_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} — {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("commons:booking", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class WeekOfMonth(models.IntegerChoices):
    """Which weeks a permanence is held: every week, or the n-th weekday of each month."""

    EVERY = 0, _("chaque semaine")
    FIRST = 1, _("le 1er du mois")
    SECOND = 2, _("le 2e du mois")
    THIRD = 3, _("le 3e du mois")
    FOURTH = 4, _("le 4e du mois")
    LAST = -1, _("le dernier du mois")


class Permanence(models.Model):
    """A named, recurring, public slot held by a structure or a person in a room of the
    resource space (« permanence de l'URSCOP le 1er mardi du mois, 14 h–17 h »). Its dates
    are ordinary bookings of the room (one BookingSeries); people book a time with its host."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="permanences")
    resource = models.ForeignKey(
        Resource, verbose_name=_("salle"), on_delete=models.CASCADE, related_name="permanences"
    )
    series = models.OneToOneField(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="permanence"
    )
    title = models.CharField(_("nom de la permanence"), max_length=160)
    description = models.TextField(_("pour qui, pour quoi"), blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tenue par"), on_delete=models.CASCADE, related_name="+"
    )
    structure = models.ForeignKey(
        "directory.Structure",
        verbose_name=_("au nom de la structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="permanences",
    )
    weekday = models.PositiveSmallIntegerField(_("jour"))  # 0 = Monday, as datetime.weekday()
    week_of_month = models.SmallIntegerField(_("semaines"), choices=WeekOfMonth.choices, default=WeekOfMonth.EVERY)
    start_time = models.TimeField(_("de"))
    end_time = models.TimeField(_("à"))
    first_date = models.DateField(_("à partir du"))
    until = models.DateField(_("jusqu’au"))
    slot_minutes = models.PositiveSmallIntegerField(_("durée d’un rendez-vous (minutes)"), default=30)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("permanence")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["pole", "is_active"])]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="permanence_ends_after"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="permanence_weekday"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=10), name="permanence_slot_minutes"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commons:permanence", kwargs={"pole": self.pole.slug, "pk": self.pk})


class PermanenceAppointment(models.Model):
    """A time booked with the host of a permanence, within one of its dates."""

    permanence = models.ForeignKey(Permanence, on_delete=models.CASCADE, related_name="appointments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    topic = models.CharField(_("objet du rendez-vous"), max_length=200)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rendez-vous de permanence")
        ordering = ["starts_at"]
        constraints = [
            # Two people clicking the same time at once: one gets it, the other is told.
            models.UniqueConstraint(
                fields=["permanence", "starts_at"],
                condition=Q(cancelled_at__isnull=True),
                name="unique_permanence_appointment",
            )
        ]
