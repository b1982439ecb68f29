"""Governing bodies of a pole (board, bureau, commissions, general meeting), their meetings,
votes (motions, participations, ballots, proxies) and the register of decisions."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peps.core.visibility import Visibility


class BodyKind(models.TextChoices):
    BOARD = "board", _("Conseil d’administration")
    BUREAU = "bureau", _("Bureau")
    COMMISSION = "commission", _("Commission")
    GENERAL_MEETING = "general_meeting", _("Assemblée générale")
    # A charter network's open meeting of all its members, instead of a board with colleges.
    PLENARY = "plenary", _("Assemblée plénière")


# Bodies a pole has at most once.
SINGLE_BODIES = (BodyKind.BOARD, BodyKind.BUREAU, BodyKind.GENERAL_MEETING, BodyKind.PLENARY)


class Body(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("type d’instance"), max_length=16, choices=BodyKind.choices)
    name = models.CharField(_("nom"), max_length=160)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown accepté."))
    visibility = models.CharField(
        _("qui peut voir l’instance"),
        max_length=12,
        choices=[(Visibility.PUBLIC, Visibility.PUBLIC.label), (Visibility.MEMBERS, Visibility.MEMBERS.label)],
        default=Visibility.MEMBERS,
    )
    allows_proxies = models.BooleanField(
        _("les pouvoirs sont admis"),
        default=False,
        help_text=_("Selon les statuts : un votant absent peut confier son vote à un autre votant de l’instance."),
    )
    max_proxies_per_person = models.PositiveSmallIntegerField(
        _("pouvoirs au plus par personne"), default=2, help_text=_("Si les pouvoirs sont admis.")
    )
    open_to_join = models.BooleanField(
        _("ouverte"),
        default=False,
        help_text=_(
            "Pour une commission : les membres du pôle la rejoignent d’un clic, les structures extérieures le demandent."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instance")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pole", "kind"], condition=Q(kind__in=SINGLE_BODIES), name="unique_single_body_kind"
            ),
            models.UniqueConstraint(fields=["pole", "name"], name="unique_body_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_general_meeting(self) -> bool:
        return self.kind == BodyKind.GENERAL_MEETING

    @property
    def is_board(self) -> bool:
        return self.kind == BodyKind.BOARD

    @property
    def is_plenary(self) -> bool:
        return self.kind == BodyKind.PLENARY

    @property
    def is_open_commission(self) -> bool:
        return self.kind == BodyKind.COMMISSION and self.open_to_join


class SeatRole(models.TextChoices):
    MEMBER = "member", _("Membre")
    CHAIR = "chair", _("Présidence")
    VICE_CHAIR = "vice_chair", _("Vice-présidence")
    SECRETARY = "secretary", _("Secrétariat")
    TREASURER = "treasurer", _("Trésorerie")


# These roles may run the body: meetings, minutes, motions.
MANAGING_ROLES = (SeatRole.CHAIR, SeatRole.SECRETARY)


class Mandate(models.TextChoices):
    ELECTED = "elected", _("Élu·e")
    APPOINTED = "appointed", _("Désigné·e")
    VOLUNTEER = "volunteer", _("Volontaire")


class BodyMember(models.Model):
    """A seat in a body, held by a person or a structure, from `since` until `until`."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="body_seats"
    )
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="body_seats"
    )
    college = models.ForeignKey(
        "poles.College", verbose_name=_("collège"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("fonction"), max_length=12, choices=SeatRole.choices, default=SeatRole.MEMBER)
    mandate = models.CharField(_("mandat"), max_length=10, choices=Mandate.choices, default=Mandate.ELECTED)
    since = models.DateField(_("depuis le"))
    until = models.DateField(_("fin du mandat le"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membre d’une instance")
        ordering = ["college__position", "since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, structure__isnull=True) | Q(person__isnull=True, structure__isnull=False)
                ),
                name="body_member_person_xor_structure",
            ),
            models.UniqueConstraint(
                fields=["body", "person"],
                condition=Q(until__isnull=True, person__isnull=False),
                name="unique_current_person_seat",
            ),
            models.UniqueConstraint(
                fields=["body", "structure"],
                condition=Q(until__isnull=True, structure__isnull=False),
                name="unique_current_structure_seat",
            ),
        ]
        indexes = [models.Index(fields=["body", "until", "college"])]

    def __str__(self) -> str:
        return str(self.holder)

    @property
    def holder(self):
        return self.person or self.structure


class BodyFollow(models.Model):
    """Someone who wants to hear about a body's meetings, motions and results."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "person"], name="unique_body_follow")]


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("intitulé"), max_length=200)
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    minutes = models.TextField(_("compte rendu"), blank=True, help_text=_("Markdown accepté."))
    minutes_published_at = models.DateTimeField(_("compte rendu publié le"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réunion")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["body", "-starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"pole": self.body.pole.slug, "pk": self.pk})


class AgendaItem(models.Model):
    """A point on a body's agenda; without a meeting it waits to be scheduled. A commission's
    proposal to the board is an item of the board whose `origin_body` is the commission."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="agenda_items")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="items")
    title = models.CharField(_("intitulé"), max_length=200)
    text = models.TextField(_("exposé"), blank=True, help_text=_("Markdown accepté."))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    origin_body = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="sent_items", verbose_name=_("proposé par")
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("point à l’ordre du jour")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Présent·e")
    REPRESENTED = "represented", _("Représenté·e")
    EXCUSED = "excused", _("Excusé·e")
    ABSENT = "absent", _("Absent·e")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    seat = models.ForeignKey(BodyMember, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("présence"), max_length=12, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="unique_attendance")]


class Method(models.TextChoices):
    YES_NO = "yes_no", _("Pour / contre / abstention")
    APPROVAL = "approval", _("Vote par approbation entre options")
    CONSENT = "consent", _("Consentement (adopté sauf objection)")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Majorité simple (plus de pour que de contre)")
    ABSOLUTE = "absolute", _("Majorité absolue (plus de la moitié des votants inscrits)")
    TWO_THIRDS = "two_thirds", _("Majorité des deux tiers des suffrages exprimés")


class QuorumKind(models.TextChoices):
    NONE = "none", _("Pas de quorum")
    COUNT = "count", _("Nombre de votants")
    PERCENT = "percent", _("Pourcentage des votants inscrits")


class MotionStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adoptée")
    REJECTED = "rejected", _("Rejetée")
    NO_QUORUM = "no_quorum", _("Quorum non atteint")
    TIE = "tie", _("Égalité entre options")


class Motion(models.Model):
    """A vote, in a body or (body empty) open to every member of the pole."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="motions")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, null=True, blank=True, related_name="motions")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="motions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="motions"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    text = models.TextField(_("texte soumis au vote"), help_text=_("Markdown accepté."))
    method = models.CharField(_("mode de scrutin"), max_length=10, choices=Method.choices, default=Method.YES_NO)
    majority = models.CharField(_("majorité"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE)
    quorum_kind = models.CharField(_("quorum"), max_length=8, choices=QuorumKind.choices, default=QuorumKind.NONE)
    quorum_value = models.PositiveIntegerField(_("valeur du quorum"), default=0)
    secret = models.BooleanField(_("vote à bulletin secret"), default=False)
    allow_change = models.BooleanField(_("on peut changer son vote jusqu’à la clôture"), default=False)
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    status = models.CharField(_("statut"), max_length=8, choices=MotionStatus.choices, default=MotionStatus.OPEN)
    # Filled by motion_close; `governance_recount` must find the same from the ballots.
    closed_at = models.DateTimeField(null=True, blank=True)
    eligible_count = models.PositiveIntegerField(null=True, blank=True)
    participation_count = models.PositiveIntegerField(null=True, blank=True)
    quorum_required = models.PositiveIntegerField(null=True, blank=True)
    tally = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(_("résultat"), max_length=10, choices=Outcome.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="motion_closes_after_opening"),
            # A secret ballot cannot be changed: nothing links a ballot back to its voter.
            models.CheckConstraint(condition=Q(secret=False) | Q(allow_change=False), name="secret_cannot_change"),
        ]
        indexes = [models.Index(fields=["pole", "status", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:motion", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status == MotionStatus.CLOSED

    def window(self, now=None) -> str:
        """'before', 'open' or 'after' the voting window."""
        now = now or timezone.now()
        if self.is_closed or now >= self.closes_at:
            return "after"
        return "before" if now < self.opens_at else "open"


class MotionOption(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class Participation(models.Model):
    """Who took part in a vote (a person, or a member structure through a representative),
    and who actually cast it (themselves, a representative or a proxy holder)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_proxy = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, structure__isnull=True) | Q(person__isnull=True, structure__isnull=False)
                ),
                name="participation_person_xor_structure",
            ),
            # One vote per eligible voter per motion, whatever the race.
            models.UniqueConstraint(
                fields=["motion", "person"], condition=Q(person__isnull=False), name="one_participation_per_person"
            ),
            models.UniqueConstraint(
                fields=["motion", "structure"],
                condition=Q(structure__isnull=False),
                name="one_participation_per_structure",
            ),
        ]


class Choice(models.TextChoices):
    YES = "yes", _("Pour")
    NO = "no", _("Contre")
    ABSTAIN = "abstain", _("Abstention")
    APPROVAL = "approval", _("Approbation")
    CONSENT = "consent", _("Consentement")
    OBJECT = "object", _("Objection")


class Ballot(models.Model):
    """One voter's choice. In a secret ballot the voter fields stay empty, the key is random and
    there is no timestamp, so nothing ties a ballot back to a Participation row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    options = models.ManyToManyField(MotionOption, blank=True, related_name="ballots")
    reason = models.TextField(_("motif de l’objection"), blank=True)
    # Open ballots only.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "person"], condition=Q(person__isnull=False), name="one_open_ballot_per_person"
            ),
            models.UniqueConstraint(
                fields=["motion", "structure"],
                condition=Q(structure__isnull=False),
                name="one_open_ballot_per_structure",
            ),
        ]


class Proxy(models.Model):
    """A pouvoir: a voter of a general meeting lets another member vote for them."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="proxies")
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    giver_structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pouvoir")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(giver__isnull=False, giver_structure__isnull=True)
                    | Q(giver__isnull=True, giver_structure__isnull=False)
                ),
                name="proxy_giver_person_xor_structure",
            ),
            models.UniqueConstraint(
                fields=["body", "giver"],
                condition=Q(revoked_at__isnull=True, giver__isnull=False),
                name="one_active_proxy_per_giver",
            ),
            models.UniqueConstraint(
                fields=["body", "giver_structure"],
                condition=Q(revoked_at__isnull=True, giver_structure__isnull=False),
                name="one_active_proxy_per_structure",
            ),
        ]


class Decision(models.Model):
    """An entry of the decisions register, numbered per pole and year without gaps."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="decisions")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("numéro"), max_length=16)
    decided_on = models.DateField(_("date"))
    body = models.ForeignKey(Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions")
    motion = models.OneToOneField(Motion, on_delete=models.SET_NULL, null=True, blank=True, related_name="decision")
    title = models.CharField(_("intitulé"), max_length=200)
    text = models.TextField(_("texte"), help_text=_("Markdown accepté."))
    result = models.CharField(_("résultat du vote"), max_length=300)
    search_text = models.TextField(blank=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("décision")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["pole", "year", "sequence"], name="unique_decision_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"
