"""Deliberation in a pole: debates (arguments for, against, questions), consultations with
proposals and supports, following, and the moderation of what people write."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peps.core.text import build_search_text

ARGUMENT_MAX_LENGTH = 3000
REPLY_MAX_LENGTH = 2000
PROPOSAL_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 1000


class DebateVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Réservé aux membres du pôle")


class DebateStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class Stance(models.TextChoices):
    PRO = "pro", _("Pour")
    CON = "con", _("Contre")
    QUESTION = "question", _("Question")


class Debate(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="debates")
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("projet concerné"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="debates",
    )
    title = models.CharField(_("question débattue"), max_length=200)
    description = models.TextField(_("présentation"), blank=True, help_text=_("Markdown accepté."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    visibility = models.CharField(
        _("visibilité"), max_length=8, choices=DebateVisibility.choices, default=DebateVisibility.PUBLIC
    )
    status = models.CharField(_("état"), max_length=8, choices=DebateStatus.choices, default=DebateStatus.OPEN)
    synthesis = models.TextField(_("synthèse"), blank=True, help_text=_("Markdown accepté."))
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Counters kept by the services with F(), so the page never counts 1,000 rows.
    pros_count = models.PositiveIntegerField(default=0)
    cons_count = models.PositiveIntegerField(default=0)
    questions_count = models.PositiveIntegerField(default=0)
    followers_count = models.PositiveIntegerField(default=0)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("ouvert le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("débat")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["pole", "visibility", "-created_at"]),
            models.Index(fields=["pole", "status", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(synthesis=""), name="deliberation_closed_debate_has_synthesis"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deliberation:detail", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == DebateStatus.OPEN

    @property
    def arguments_count(self) -> int:
        return self.pros_count + self.cons_count + self.questions_count

    def refresh_search_text(self) -> None:
        self.search_text = build_search_text(self.title, self.description[:1000])


class Hideable(models.Model):
    """A message that moderators may hide: the reason is shown to its author only."""

    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.TextField(blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Argument(Hideable):
    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="arguments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    stance = models.CharField(_("position"), max_length=8, choices=Stance.choices)
    text = models.TextField(_("argument"))
    reactions_count = models.PositiveIntegerField(default=0)
    replies_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    # Not a column: the first replies, set on the arguments a page shows by
    # selectors._attach_replies (one query for all of them).
    shown_replies: list["Reply"]

    class Meta:
        verbose_name = _("argument")
        ordering = ["-reactions_count", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["debate", "stance", "-reactions_count", "-created_at"]),
            models.Index(fields=["debate", "stance", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="deliberation_argument_not_empty"),
            models.CheckConstraint(condition=Q(stance__in=["pro", "con", "question"]), name="deliberation_stance"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Reply(Hideable):
    argument = models.ForeignKey(Argument, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("réponse"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réponse")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["argument", "created_at"])]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="deliberation_reply_not_empty")]

    def __str__(self) -> str:
        return self.text[:60]


class Reaction(models.Model):
    """« Utile »: one per person and argument, whatever the number of clicks."""

    argument = models.ForeignKey(Argument, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["argument", "person"], name="deliberation_one_reaction")]


class Consultation(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown accepté."))
    starts_on = models.DateField(_("ouverte à partir du"))
    ends_on = models.DateField(_("ouverte jusqu’au"))
    visibility = models.CharField(
        _("visibilité"), max_length=8, choices=DebateVisibility.choices, default=DebateVisibility.PUBLIC
    )
    open_to_citizens = models.BooleanField(
        _("ouverte aux citoyens"),
        default=False,
        help_text=_("Toute personne connectée peut alors proposer et soutenir, pas seulement les membres."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposals_count = models.PositiveIntegerField(default=0)
    followers_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["pole", "visibility", "-starts_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="deliberation_window"),
            models.CheckConstraint(
                condition=Q(open_to_citizens=False) | Q(visibility="public"), name="deliberation_citizens_public"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deliberation:consultation", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def phase(self) -> str:
        today = timezone.localdate()
        if today < self.starts_on:
            return "upcoming"
        if today > self.ends_on:
            return "ended"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.phase == "open"


class ProposalStatus(models.TextChoices):
    DISCUSSION = "discussion", _("En discussion")
    RETAINED = "retained", _("Retenue")
    REJECTED = "rejected", _("Rejetée")
    DONE = "done", _("Réalisée")


class Proposal(Hideable):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(_("titre"), max_length=160)
    body = models.TextField(_("votre proposition"))
    status = models.CharField(
        _("statut"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DISCUSSION
    )
    answer = models.TextField(_("réponse publique"), blank=True, help_text=_("Markdown accepté."))
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    project = models.OneToOneField(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="source_proposal"
    )
    supports_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposition")
        ordering = ["-supports_count", "-created_at", "-pk"]
        indexes = [models.Index(fields=["consultation", "-supports_count", "-created_at"])]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="deliberation_proposal_not_empty")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deliberation:proposal", kwargs={"pole": self.consultation.pole.slug, "pk": self.pk})


class ProposalSupport(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "person"], name="deliberation_one_support")]


class Follow(models.Model):
    """Following a debate or a consultation (exactly one of the two)."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, null=True, blank=True, related_name="follows")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(debate__isnull=True, consultation__isnull=False)
                | Q(debate__isnull=False, consultation__isnull=True),
                name="deliberation_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["debate", "person"], condition=Q(debate__isnull=False), name="deliberation_one_debate_follow"
            ),
            models.UniqueConstraint(
                fields=["consultation", "person"],
                condition=Q(consultation__isnull=False),
                name="deliberation_one_consultation_follow",
            ),
        ]


class TargetKind(models.TextChoices):
    ARGUMENT = "argument", _("Argument")
    REPLY = "reply", _("Réponse")
    PROPOSAL = "proposal", _("Proposition")


class Targeted(models.Model):
    """Points at the one message concerned: an argument, a reply or a proposal."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="+")
    argument = models.ForeignKey(Argument, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(argument__isnull=False, reply__isnull=True, proposal__isnull=True)
                | Q(argument__isnull=True, reply__isnull=False, proposal__isnull=True)
                | Q(argument__isnull=True, reply__isnull=True, proposal__isnull=False),
                name="%(app_label)s_%(class)s_one_target",
            )
        ]

    @property
    def target(self):
        return self.argument or self.reply or self.proposal

    @property
    def target_kind(self) -> str:
        if self.argument_id:
            return TargetKind.ARGUMENT
        if self.reply_id:
            return TargetKind.REPLY
        return TargetKind.PROPOSAL


class ReportStatus(models.TextChoices):
    OPEN = "open", _("À traiter")
    HIDDEN = "hidden", _("Message masqué")
    DISMISSED = "dismissed", _("Signalement écarté")


class Report(Targeted):
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("motif du signalement"))
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta(Targeted.Meta):
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["pole", "status", "created_at"])]


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    GRANTED = "granted", _("Accepté : message rétabli")
    REJECTED = "rejected", _("Rejeté : message toujours masqué")


class Appeal(Targeted):
    """The author of a hidden message asks, once, to have it restored."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("votre demande"))
    status = models.CharField(max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta(Targeted.Meta):
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["pole", "status", "created_at"])]
        constraints = [
            *Targeted.Meta.constraints,
            models.UniqueConstraint(
                fields=["argument"], condition=Q(argument__isnull=False), name="deliberation_one_appeal_argument"
            ),
            models.UniqueConstraint(
                fields=["reply"], condition=Q(reply__isnull=False), name="deliberation_one_appeal_reply"
            ),
            models.UniqueConstraint(
                fields=["proposal"], condition=Q(proposal__isnull=False), name="deliberation_one_appeal_proposal"
            ),
        ]


class ModerationAction(models.TextChoices):
    REPORT = "report", _("Signalement")
    HIDE = "hide", _("Message masqué")
    DISMISS = "dismiss", _("Signalement écarté")
    APPEAL = "appeal", _("Appel de l’auteur")
    APPEAL_GRANTED = "appeal_granted", _("Appel accepté, message rétabli")
    APPEAL_REJECTED = "appeal_rejected", _("Appel rejeté")


class ModerationEvent(Targeted):
    """The moderation log: who did what, to which message, when and why."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=16, choices=ModerationAction.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta(Targeted.Meta):
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["pole", "-at"])]
