"""Writes of annual reports: create, edit, refresh the figures, generate the PDF."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import figures
from .models import Report, ReportStatus

logger = logging.getLogger("peps.reports")

MAX_PERIOD_DAYS = 5 * 366


def _check_period(start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise ValidationError({"end": _("La fin de la période doit venir après son début.")})
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationError({"end": _("Choisissez une période de cinq ans au plus.")})


def report_create(
    *, pole, by, title: str, start: datetime.date, end: datetime.date, introduction: str = "", highlights: str = ""
) -> Report:
    """A draft report for the period, with its figures computed at once."""
    _check_period(start, end)
    with transaction.atomic():
        report = Report.objects.create(
            pole=pole,
            created_by=by,
            title=title,
            start=start,
            end=end,
            introduction=introduction,
            highlights=highlights,
        )
        report_refresh_figures(report=report)
    return report


def report_update(
    *, report: Report, title: str, start: datetime.date, end: datetime.date, introduction: str, highlights: str
) -> Report:
    """Edit the texts or the period. A generated PDF no longer matches: the report goes back
    to draft and the old file is removed, so nobody downloads an outdated report."""
    if report.status == ReportStatus.GENERATING:
        raise ValidationError(_("Le PDF est en cours de création : attendez la fin pour modifier le bilan."))
    _check_period(start, end)
    period_changed = (start, end) != (report.start, report.end)
    old_pdf = report.pdf.name if report.pdf else ""
    with transaction.atomic():
        report.title, report.start, report.end = title, start, end
        report.introduction, report.highlights = introduction, highlights
        report.status, report.progress, report.error = ReportStatus.DRAFT, 0, ""
        report.pdf, report.generated_at = None, None
        report.save()
        if period_changed:
            report_refresh_figures(report=report)
    if old_pdf:
        storage = report.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_pdf))
    return report


def report_refresh_figures(*, report: Report) -> Report:
    """Recompute the figures snapshot from the database (aggregate queries only)."""
    report.figures = figures.compute(report.pole, report.start, report.end)
    report.figures_at = timezone.now()
    report.save(update_fields=["figures", "figures_at", "updated_at"])
    return report


def report_generate(*, report: Report, by) -> Report:
    """Queue the PDF: the task recomputes the figures and renders them; the page polls."""
    from .tasks import generate_report_pdf_task

    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status == ReportStatus.GENERATING:
            raise ValidationError(_("Le PDF est déjà en cours de création."))
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.GENERATING, progress=0, error="", updated_at=timezone.now()
        )
        transaction.on_commit(lambda: generate_report_pdf_task.enqueue(report_id=report.pk))
    report.refresh_from_db()
    return report


def _set_progress(report_id: int, progress: int) -> None:
    # A plain UPDATE, committed at once: the polling page reads it while the task runs.
    Report.objects.filter(pk=report_id).update(progress=min(progress, 100))


def report_build_pdf(*, report_id: int) -> Report | None:
    """The task's work: fresh figures (0–60 %), HTML (70 %), PDF (95 %), saved (100 %).
    A failure leaves a readable message and the report ready to retry."""
    from .pdf import render_pdf

    report = Report.objects.select_related("pole").filter(pk=report_id).first()
    if report is None or report.status != ReportStatus.GENERATING:
        return None
    try:
        report.figures = figures.compute(
            report.pole, report.start, report.end, on_progress=lambda p: _set_progress(report_id, p * 60 // 100)
        )
        report.figures_at = timezone.now()
        _set_progress(report_id, 70)
        content = render_pdf(report)
        _set_progress(report_id, 95)
        old_pdf = report.pdf.name if report.pdf else ""
        name = f"{slugify(report.title) or 'bilan'}.pdf"
        report.pdf.save(name, ContentFile(content), save=False)
        report.status, report.progress, report.generated_at, report.error = (
            ReportStatus.READY,
            100,
            timezone.now(),
            "",
        )
        report.save(
            update_fields=["figures", "figures_at", "pdf", "status", "progress", "generated_at", "error", "updated_at"]
        )
        if old_pdf and old_pdf != report.pdf.name:
            report.pdf.storage.delete(old_pdf)
    except Exception as error:
        logger.exception("Report %s: PDF generation failed", report_id)
        Report.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED,
            error=_(
                "La création du PDF a échoué (%(error)s). Réessayez ; si l’échec se répète, prévenez l’équipe technique."
            )
            % {"error": type(error).__name__},
        )
        raise
    return report


def report_recount(*, report: Report) -> Report:
    """Recompute a draft's figures on request. A ready report keeps the figures of its PDF
    (regenerating it recounts); a report being generated is left to its task."""
    if report.status in (ReportStatus.READY, ReportStatus.GENERATING):
        raise ValidationError(_("Ce bilan a un PDF : recréez le PDF pour recalculer ses chiffres."))
    return report_refresh_figures(report=report)
