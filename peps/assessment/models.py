"""Self-assessment campaigns on a referential version: who is invited, each pole's answer
(per indicator: importance, level, comment, evidence) and the history of every answer."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LEVELS = range(0, 5)  # self-assessed level 0–4
IMPORTANCES = range(0, 4)  # importance scale 0–3


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Clôturée")


class Campaign(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("présentation"), blank=True, help_text=_("Markdown accepté."))
    version = models.ForeignKey(
        "referentials.Version",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("version du référentiel"),
    )
    opens_on = models.DateField(_("ouverture le"))
    closes_on = models.DateField(_("clôture le"))
    invited_poles = models.ManyToManyField(
        "poles.Pole", related_name="assessment_campaigns", blank=True, verbose_name=_("pôles invités")
    )
    max_most_important = models.PositiveSmallIntegerField(
        _("nombre d’indicateurs « les plus importants »"),
        null=True,
        blank=True,
        help_text=_(
            "Chaque pôle en choisit au plus ce nombre (10 en 2012). Laisser vide pour ne pas demander ce choix."
        ),
    )
    uses_importance_scale = models.BooleanField(_("demander l’importance de chaque indicateur (0 à 3)"), default=False)
    reminder_days = models.PositiveSmallIntegerField(
        _("relance (jours avant la clôture)"),
        default=7,
        validators=[MaxValueValidator(365)],
        help_text=_("Les pôles qui n’ont pas transmis leur réponse sont relancés ce nombre de jours avant la clôture."),
    )
    status = models.CharField(
        _("état"), max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(_("ouverte le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("campagne d’autoévaluation")
        verbose_name_plural = _("campagnes d’autoévaluation")
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="campaign_dates_order")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == CampaignStatus.CLOSED

    @property
    def asks_most_important(self) -> bool:
        return bool(self.max_most_important)


class CampaignEvent(models.Model):
    """History of a campaign's status: who opened or closed it, and when."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=8, choices=CampaignStatus.choices)
    to_status = models.CharField(max_length=8, choices=CampaignStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Transmise")


class Answer(models.Model):
    """One pole's answer to one campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="answers")
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="assessment_answers")
    status = models.CharField(
        _("état"), max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT, db_index=True
    )
    public = models.BooleanField(
        _("réponse détaillée publique"),
        default=False,
        help_text=_("Si coché, tout le monde peut lire le détail de la réponse du pôle."),
    )
    submitted_at = models.DateTimeField(_("transmise le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "pole__name"]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [models.UniqueConstraint(fields=["campaign", "pole"], name="assessment_one_answer_per_pole")]

    def __str__(self):
        return f"{self.campaign} — {self.pole}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AnswerStatus.SUBMITTED


class ItemAnswer(models.Model):
    """The answer about one indicator (a leaf of the referential tree)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey("referentials.Item", on_delete=models.PROTECT, related_name="+")
    chosen_most_important = models.BooleanField(_("parmi les plus importants"), default=False)
    importance = models.PositiveSmallIntegerField(
        _("importance (0 à 3)"), null=True, blank=True, validators=[MaxValueValidator(3)]
    )
    level = models.PositiveSmallIntegerField(
        _("niveau (0 à 4)"), null=True, blank=True, validators=[MaxValueValidator(4)]
    )
    comment = models.TextField(_("commentaire"), blank=True)
    # [{"url": "https://…", "label": "…"}]: checked by evidence.check_links (older rows may hold
    # « /p/… » paths or worse: evidence_links decides what may be a link).
    evidence = models.JSONField(_("preuves"), default=list, blank=True)

    class Meta:
        verbose_name = _("réponse à un indicateur")
        verbose_name_plural = _("réponses aux indicateurs")
        constraints = [
            models.UniqueConstraint(fields=["answer", "item"], name="assessment_one_row_per_item"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__lte=4), name="assessment_level_range"
            ),
            models.CheckConstraint(
                condition=models.Q(importance__isnull=True) | models.Q(importance__lte=3),
                name="assessment_importance_range",
            ),
        ]

    @property
    def evidence_links(self) -> list[dict]:
        """The evidence for display: `href` is the address to link to, or None when the stored
        value is not a safe http(s) address (it is then shown as text)."""
        from .evidence import link_url

        return [
            {"label": link.get("label") or link.get("url"), "url": link.get("url"), "href": link_url(link.get("url"))}
            for link in self.evidence or []
            if isinstance(link, dict)
        ]


class AnswerEventKind(models.TextChoices):
    SAVED = "saved", _("Brouillon enregistré")
    SUBMITTED = "submitted", _("Réponse transmise")
    REOPENED = "reopened", _("Réponse rouverte par le réseau")
    PUBLISHED = "published", _("Réponse rendue publique")
    UNPUBLISHED = "unpublished", _("Réponse rendue privée")


class AnswerEvent(models.Model):
    """History of an answer: a submitted answer only changes after a logged reopening."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=AnswerEventKind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(_("motif"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Reminder(models.Model):
    """One reminder sent to a late pole: each pole is reminded once per campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "pole"], name="assessment_one_reminder")]


class CampaignResults(models.Model):
    """A campaign's figures computed from its submitted answers (selectors.campaign_results),
    stored so that the results pages read one row instead of every answer. `stamp` names what
    they were computed from (the submitted answers, the questions, the tree): a row whose stamp
    differs from the current one is never shown, so stored figures cannot be stale. The
    services that submit or reopen an answer store the new figures next to the write."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, primary_key=True, related_name="stored_results")
    stamp = models.CharField(max_length=200)
    figures = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("résultats enregistrés d’une campagne")
        verbose_name_plural = _("résultats enregistrés des campagnes")

    def __str__(self):
        return f"{self.campaign_id} {self.stamp}"
