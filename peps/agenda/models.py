"""The agenda of a pole: events, registrations with a waiting list, private calendar feeds,
and the Bourse aux projets (sessions, presentation slots, resource people, contributions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peps.core.models import PoleOwned


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Réunion")
    RENCONTRES = "rencontres", _("Rencontres")
    SEMINAR = "seminar", _("Séminaire")
    CONFERENCE = "conference", _("Conférence")
    COLLOQUIUM = "colloquium", _("Colloque")
    WORKSHOP = "workshop", _("Atelier")
    TRAINING = "training", _("Formation")
    PERMANENCE = "permanence", _("Permanence")
    PLENARY = "plenary", _("Assemblée plénière")
    EXCHANGE = "exchange", _("Temps d’échange entre porteurs de projets")
    BOURSE = "bourse", _("Bourse aux projets")
    OTHER = "other", _("Autre")


class PlaceKind(models.TextChoices):
    ROOM = "room", _("Une salle du pôle")
    ADDRESS = "address", _("Une adresse")
    ONLINE = "online", _("En ligne")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Ouvert à tout le monde")
    MEMBERS = "members", _("Réservé aux membres du pôle")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Programmé")
    CANCELLED = "cancelled", _("Annulé")


class Event(PoleOwned):
    # The base's pole field, with the reverse accessor this model always had (no migration).
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("titre"), max_length=160)
    kind = models.CharField(_("type d’événement"), max_length=12, choices=EventKind.choices)
    # Stored in UTC (USE_TZ); forms and pages use Europe/Paris.
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place_kind = models.CharField(_("lieu"), max_length=8, choices=PlaceKind.choices, default=PlaceKind.ADDRESS)
    room = models.ForeignKey(
        "commons.Resource",
        verbose_name=_("salle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    address = models.CharField(_("adresse"), max_length=240, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, null=True, blank=True
    )
    online_url = models.URLField(_("lien de la visioconférence"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown accepté."))
    capacity = models.PositiveIntegerField(
        _("nombre de places"), null=True, blank=True, help_text=_("Laissez vide pour ne pas limiter.")
    )
    audience = models.CharField(_("public"), max_length=8, choices=Audience.choices, default=Audience.PUBLIC)
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED)
    cancel_reason = models.TextField(_("motif de l’annulation"), blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    organiser_structure = models.ForeignKey(
        "directory.Structure",
        verbose_name=_("organisé par la structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    # Incremented under the event's row lock: gives every registration its place in the queue.
    queue_counter = models.PositiveIntegerField(default=0, editable=False)
    # iCalendar SEQUENCE: calendars replace their copy when it grows.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("événement")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["pole", "starts_at"]),
            models.Index(fields=["pole", "audience", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="event_capacity_pos"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:detail", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_bourse(self) -> bool:
        return self.kind == EventKind.BOURSE

    @property
    def place_label(self) -> str:
        """One line for lists, e-mails and calendars."""
        if self.place_kind == PlaceKind.ONLINE:
            return str(_("En ligne"))
        if self.place_kind == PlaceKind.ROOM and self.room_id:
            return self.room.name + (f", {self.room.location}" if self.room.location else "")
        parts = [self.address]
        if self.commune_id:
            parts.append(self.commune.name)
        return ", ".join(part for part in parts if part)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Inscription confirmée")
    WAITING = "waiting", _("Sur liste d’attente")
    CANCELLED = "cancelled", _("Inscription annulée")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Non renseignée")
    PRESENT = "present", _("Présent·e")
    ABSENT = "absent", _("Absent·e")


class Registration(models.Model):
    """One person's place at an event; `position` keeps the order of arrival, so the
    waiting list is served first come, first served."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("statut"), max_length=10, choices=RegistrationStatus.choices)
    position = models.PositiveIntegerField(_("rang d’inscription"))
    attendance = models.CharField(_("présence"), max_length=8, choices=Attendance.choices, blank=True, default="")
    promoted_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("inscrit·e le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inscription")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_registration_per_person")]
        indexes = [models.Index(fields=["event", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"


class CalendarToken(models.Model):
    """The secret part of a person's private calendar URL; regenerating it revokes the old one."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)


class BourseSession(models.Model):
    """A Bourse aux projets: holders present their projects to resource people. The date,
    place and registrations are those of its event."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="bourse")
    outcome = models.TextField(_("ce qui en est sorti"), blank=True, help_text=_("Markdown accepté."))

    class Meta:
        verbose_name = _("bourse aux projets")

    def __str__(self) -> str:
        return str(self.event)


class PresentationSlot(models.Model):
    session = models.ForeignKey(BourseSession, on_delete=models.CASCADE, related_name="slots")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="bourse_slots")
    starts_at = models.DateTimeField(_("heure de passage"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=20)
    position = models.PositiveSmallIntegerField(_("ordre de passage"), default=1)

    class Meta:
        verbose_name = _("présentation")
        ordering = ["position", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "project"], name="one_slot_per_project"),
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="slot_duration_pos"),
        ]


class ResourcePerson(models.Model):
    """Someone invited to give advice at a session (by account; they get an e-mail)."""

    session = models.ForeignKey(BourseSession, on_delete=models.CASCADE, related_name="resource_people")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("personne ressource")
        ordering = ["invited_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_invitation_per_person")]


class ContributionKind(models.TextChoices):
    ADVICE = "advice", _("Conseil")
    HELP_OFFER = "help_offer", _("Offre d’aide")


class BourseContribution(models.Model):
    """Advice or an offer of help given to a presenting project, recorded once: the
    project's support log gets a copy, kept in step through `log_entry`."""

    session = models.ForeignKey(BourseSession, on_delete=models.CASCADE, related_name="contributions")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="bourse_contributions")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("donné par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    given_by_structure = models.ForeignKey(
        "directory.Structure",
        verbose_name=_("au nom de la structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("type"), max_length=10, choices=ContributionKind.choices)
    text = models.TextField(_("contenu"))
    log_entry = models.OneToOneField(
        "projects.SupportLogEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="bourse_contribution"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "project"])]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="contribution_not_empty")]

    @property
    def giver_label(self) -> str:
        names = []
        if self.given_by_id and self.given_by:
            names.append(self.given_by.public_name)
        if self.given_by_structure_id and self.given_by_structure:
            names.append(self.given_by_structure.name)
        return " — ".join(names) or str(_("Anonyme"))
