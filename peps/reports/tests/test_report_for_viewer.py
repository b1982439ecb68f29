"""report_for_viewer(): the report read by its written-out query is what the ORM reads (its
figures, dates and file included); another pole's, a missing or a hidden report is not found."""

import pytest
from django.http import Http404

from peps.reports.models import Report, ReportStatus
from peps.reports.selectors import report_for_viewer

from . import factories as rf

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_a_report_is_read_as_the_orm_reads_it(pole, coordinator):
    report = rf.report(pole, introduction="Une année *dense*.", figures={"version": 1, "sections": [{"key": "a"}]})
    found = report_for_viewer(user=coordinator, pole=pole, pk=report.pk)
    assert _values(found) == _values(Report.objects.get(pk=report.pk))
    assert found.figures == {"version": 1, "sections": [{"key": "a"}]}
    assert found.pole == pole


def test_another_poles_missing_or_hidden_report_is_not_found(pole, other_pole, coordinator, member):
    for pk in (rf.report(other_pole).pk, 999_999):
        with pytest.raises(Http404):
            report_for_viewer(user=coordinator, pole=pole, pk=pk)
    draft = rf.report(pole, status=ReportStatus.DRAFT)
    with pytest.raises(Http404):  # a member sees a report once its PDF is ready
        report_for_viewer(user=member, pole=pole, pk=draft.pk)
