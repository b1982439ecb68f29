"""seed_reports_demo: a draft report of the last full year, with its text and figures."""

import datetime

from peps.reports.demo import seed_reports_demo
from peps.reports.models import Report, ReportStatus


def test_the_demo_creates_one_draft_report_of_the_last_full_year(pole, coordinator):
    report = seed_reports_demo(pole, today=datetime.date(2025, 3, 10))
    assert (report.start, report.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert report.title == "Bilan d’activité 2024"
    assert report.status == ReportStatus.DRAFT and not report.pdf
    assert "consolidation" in report.introduction and report.highlights
    assert report.created_by == coordinator
    assert {s["key"] for s in report.figures["sections"]} >= {"members", "projects", "events", "governance"}
    # Idempotent.
    assert seed_reports_demo(pole, today=datetime.date(2025, 3, 10)) == report
    assert Report.objects.filter(pole=pole).count() == 1
