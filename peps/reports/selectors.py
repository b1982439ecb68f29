"""Reads of annual reports, scoped to the pole and to who asks."""

from django.db.models import QuerySet
from django.http import Http404

from peps.core import tenancy
from peps.core.sql import read_one

from .models import Report, ReportStatus
from .rules import can_see_all


def reports_visible_to(*, user, pole) -> QuerySet:
    reports = Report.objects.filter(pole=pole).select_related("pole", "created_by")
    if can_see_all.test(user, pole):
        return reports
    if tenancy.is_member(user, pole):
        return reports.filter(status=ReportStatus.READY)
    return reports.none()


def report_for_viewer(*, user, pole, pk: int) -> Report:
    """The report, or 404 when it is missing, of another pole or hidden from the viewer."""
    # Written out (read_one): the ORM's query and first()'s ordering cost about 1 ms in-process
    # to build and compile, several times the indexed read.
    report = read_one(Report, pole=pole.pk, id=pk)
    if report is not None:
        report.pole = pole  # the pole asked for, already loaded: not joined again
    if report is None or not user.has_perm("reports.view_report", report):
        raise Http404
    return report
