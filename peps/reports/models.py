"""The annual report (bilan d'activité) of a pole: a period, free text sections written by
the coordination, a frozen snapshot of the figures, and the PDF generated from it."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Files never served by the web server: a view checks permissions and streams them.
    The location is read from the settings on use, so tests can point it elsewhere."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return str(getattr(settings, "PEPS_PRIVATE_ROOT", None) or Path(settings.VAR_DIR) / "private")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @cached_property
    def base_url(self):  # no public URL: see reports.views.download
        return None


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def pdf_path(report: "Report", filename: str) -> str:
    # A random folder: the file name cannot be guessed even if the directory leaked.
    return f"reports/{report.pole_id}/{uuid.uuid4().hex}/{filename}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    GENERATING = "generating", _("PDF en cours de création")
    READY = "ready", _("Prêt")
    FAILED = "failed", _("Échec de la création du PDF")


class Report(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("titre"), max_length=200)
    start = models.DateField(_("du"))
    end = models.DateField(_("au"))
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown accepté."))
    highlights = models.TextField(_("faits marquants"), blank=True, help_text=_("Markdown accepté."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("état"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to=pdf_path, storage=private_storage, blank=True, max_length=200)
    generated_at = models.DateTimeField(_("PDF créé le"), null=True, blank=True)
    # The figures as computed at `figures_at`: the web page and the PDF both render this,
    # so they cannot disagree (see figures.py for the definitions).
    figures = models.JSONField(default=dict, blank=True)
    figures_at = models.DateTimeField(_("chiffres calculés le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bilan d’activité")
        ordering = ["-end", "-pk"]
        indexes = [models.Index(fields=["pole", "status", "-end"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="report_period_in_order"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY and bool(self.pdf)

    @property
    def is_generating(self) -> bool:
        return self.status == ReportStatus.GENERATING
