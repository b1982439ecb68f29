"""Performance: the figures are aggregate queries, their number does not grow with the data,
and the report page renders the stored snapshot in a few queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peps.reports import figures, services

from . import factories as rf

START, END = datetime.date(rf.YEAR, 1, 1), datetime.date(rf.YEAR, 12, 31)
MAX_FIGURE_QUERIES = 40  # ~23 today; the contacts, funding and assessment selectors add a few


def _count(pole) -> int:
    with CaptureQueriesContext(connection) as queries:
        figures.compute(pole, START, END)
    return len(queries)


def test_computing_the_figures_takes_a_constant_number_of_queries(pole, coordinator):
    rf.seed_year(pole, scale=1)
    small = _count(pole)
    rf.seed_year(pole, scale=3)
    large = _count(pole)
    assert small == large <= MAX_FIGURE_QUERIES


def test_the_report_page_renders_many_rows_in_few_queries(client, coordinator, pole, django_assert_max_num_queries):
    rf.seed_year(pole, scale=10)  # 60 projects, 40 events, appendices of 30+ rows
    report = services.report_refresh_figures(report=rf.report(pole))
    members = next(s for s in report.figures["sections"] if s["key"] == "members")
    assert len(members["appendix"][0]["rows"]) >= 30
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reports:detail", args=("pollens", report.pk)))
    assert response.status_code == 200


def test_the_list_of_reports_takes_a_few_queries(client, coordinator, pole, django_assert_max_num_queries):
    for year in range(2000, 2035):
        rf.report(pole, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31), created_by=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reports:list", args=("pollens",)))
    assert response.content.decode().count("Bilan d’activité 20") >= 35
