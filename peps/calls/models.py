"""The national call for projects: a call with its application form and weighted criteria,
applications by poles or would-be poles, and the steering committee's reviews."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peps.core.text import build_search_text


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    CLOSED = "closed", _("Clos")
    DECIDED = "decided", _("Décidé")


# Statuses in which the public sees the call.
PUBLIC_STATUSES = (CallStatus.PUBLISHED, CallStatus.CLOSED, CallStatus.DECIDED)


class Call(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    text = models.TextField(_("texte de l’appel"), blank=True, help_text=_("Markdown accepté."))
    opens_at = models.DateTimeField(_("ouverture des candidatures"))
    closes_at = models.DateTimeField(_("clôture des candidatures"))
    status = models.CharField(_("statut"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CallReviewer", related_name="calls_reviewed", blank=True
    )
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    outcomes_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("appel à projets")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="calls_call_closes_after_opens"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def is_open(self, now=None) -> bool:
        """Accepting applications: published, and between its opening and closing times."""
        now = now or timezone.now()
        return self.status == CallStatus.PUBLISHED and self.opens_at <= now < self.closes_at


class CallStatusChange(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=CallStatus.choices)
    to_status = models.CharField(max_length=10, choices=CallStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]


class FieldKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Texte court")
    LONG_TEXT = "long_text", _("Texte long")
    NUMBER = "number", _("Nombre")
    CHOICE = "choice", _("Choix dans une liste")
    YES_NO = "yes_no", _("Oui / non")
    FILE = "file", _("Pièce jointe")


class CallField(models.Model):
    """One question of a call's application form, defined by the administrator."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="fields")
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("intitulé"), max_length=200)
    help_text = models.CharField(_("aide"), max_length=500, blank=True)
    kind = models.CharField(_("type de réponse"), max_length=12, choices=FieldKind.choices)
    required = models.BooleanField(_("réponse obligatoire"), default=False)
    choices = models.TextField(_("choix proposés"), blank=True, help_text=_("Un choix par ligne."))

    class Meta:
        verbose_name = _("question du formulaire")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def key(self) -> str:
        """The key of this field in the answers and in the dynamic form."""
        return f"f{self.pk}"

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("critère"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("pondération"), default=1)
    max_score = models.PositiveSmallIntegerField(_("note maximale"), default=5)

    class Meta:
        verbose_name = _("critère d’évaluation")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1), name="calls_criterion_weight_positive"),
            models.CheckConstraint(condition=Q(max_score__gte=1), name="calls_criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.label


class CallReviewer(models.Model):
    """A member of the call's steering committee."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="calls_reviewer_once")]


class ApplicationKind(models.TextChoices):
    APPLICATION = "application", _("Candidature")
    EXPRESSION = "expression", _("Manifestation d’intérêt")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")


class Decision(models.TextChoices):
    PENDING = "pending", _("En attente")
    RETAINED = "retained", _("Retenue")
    NOT_RETAINED = "not_retained", _("Non retenue")


class Application(models.Model):
    """An answer to a call, for an existing pole (its coordination applies) or a would-be pole."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    kind = models.CharField(
        _("nature"), max_length=12, choices=ApplicationKind.choices, default=ApplicationKind.APPLICATION
    )
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="call_applications")
    pole = models.ForeignKey(
        "poles.Pole", on_delete=models.PROTECT, null=True, blank=True, related_name="call_applications"
    )
    # A would-be pole, described in words until it exists on the platform.
    pole_name = models.CharField(_("nom du pôle en projet"), max_length=160, blank=True)
    territory = models.CharField(_("territoire"), max_length=300, blank=True)
    contact_name = models.CharField(_("personne à contacter"), max_length=160, blank=True)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    reference = models.CharField(_("numéro de dépôt"), max_length=20, null=True, blank=True, unique=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=12, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(_("note sur la décision"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidature")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pole__isnull=False) | ~Q(pole_name=""), name="calls_application_has_a_pole"
            ),
            models.UniqueConstraint(
                fields=["call", "pole"], condition=Q(pole__isnull=False), name="calls_one_application_per_pole"
            ),
        ]
        indexes = [models.Index(fields=["call", "status", "decision"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("calls:application", kwargs={"pk": self.pk})

    @property
    def name(self) -> str:
        return self.pole.name if self.pole_id else self.pole_name

    @property
    def is_submitted(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED

    @property
    def notify_to(self) -> list[str]:
        """Who hears about the application: the applicant and the would-be pole's contact."""
        return list(dict.fromkeys(a for a in [self.applicant.email, self.contact_email] if a))

    def refresh_search_text(self) -> None:
        self.search_text = build_search_text(self.name, self.territory, self.contact_name, self.reference or "")


class ApplicationEvent(models.Model):
    """History of an application: created, submitted, decided, outcome sent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    what = models.CharField(max_length=40)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class ReferenceCounter(models.Model):
    """Last reference number given in a year (APP-2026-0042): one row per year, locked on use."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


def attachment_path(instance, filename: str) -> str:
    # A random name: the original one is kept in the row, and no path is guessable.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"calls/{instance.application.call_id}/{instance.application_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file given in answer to a "file" field; served only through a permission-checking view."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    field = models.ForeignKey(CallField, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "field"], name="calls_one_file_per_field")]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("calls:attachment", kwargs={"pk": self.application_id, "attachment": self.pk})


class Assignment(models.Model):
    """An application given to a reviewer of the committee."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    conflict = models.BooleanField(_("conflit d’intérêts déclaré"), default=False)
    conflict_note = models.TextField(_("précision sur le conflit d’intérêts"), blank=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="calls_assigned_once")]

    def get_absolute_url(self) -> str:
        return reverse("calls:review", kwargs={"pk": self.pk})


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(_("note"))
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="calls_score_once")]
