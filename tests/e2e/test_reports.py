"""The coordinator creates the annual report of a period, writes its introduction, generates
the PDF (tasks run inline), watches the polled status and downloads the file; axe checks
every page, including the report with its charts."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from peps.reports.models import Report, ReportStatus
from peps.reports.tests.factories import seed_year

from .conftest import ARTIFACTS


@pytest.fixture(autouse=True)
def _inline_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_PRIVATE_ROOT = str(tmp_path / "private")


@pytest.mark.slow
def test_coordinator_builds_the_annual_report_and_downloads_its_pdf(journey, pole, coordinator, member):
    seed_year(pole, by=coordinator)
    page = journey.page
    journey.sign_in(coordinator.email)

    journey.visit("/p/pollens/bilan/")
    with journey.navigation():
        page.get_by_role("link", name="Nouveau bilan").click()
    page.get_by_label("Une autre période (dates ci-dessous)").check()
    page.get_by_label("Du", exact=True).fill("2024-01-01")
    page.get_by_label("Au", exact=True).fill("2024-12-31")
    page.get_by_label("Titre").fill("Bilan d’activité 2024")
    with journey.navigation():
        page.get_by_role("button", name="Créer le bilan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bilan d’activité 2024")
    expect(page.locator('[data-figure="projects.submitted"]')).to_have_text("4")
    expect(page.get_by_role("img", name="Projets déposés, par domaine")).to_be_visible()
    report = Report.objects.get(pole=pole)

    with journey.navigation():
        page.get_by_role("link", name="Modifier les textes et la période").click()
    page.get_by_label("Introduction").fill("Une année de **consolidation** pour le pôle.")
    with journey.navigation():
        page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".report-text strong")).to_have_text("consolidation")
    # The report as a pole shows it: kept for the people who review the charts (not committed).
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "annual-report.png"), full_page=True)

    # Inline, the PDF is made within the request: give WeasyPrint time on a busy machine.
    page.set_default_timeout(120_000)
    with journey.navigation():
        page.get_by_role("button", name="Créer le PDF").click()
    page.set_default_timeout(15_000)
    download_link = page.get_by_role("link", name="Télécharger le PDF")
    expect(download_link).to_be_visible()
    with page.expect_download() as info:
        download_link.click()
    path = Path(info.value.path())
    assert path.read_bytes().startswith(b"%PDF-")
    assert info.value.suggested_filename.endswith(".pdf")
    info.value.save_as(ARTIFACTS / "annual-report.pdf")

    # While a PDF is being made the status box polls every 2 s, then reloads the page.
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.GENERATING, progress=35)
    journey.visit(f"/p/pollens/bilan/{report.pk}/")
    expect(page.get_by_label("Avancement de la création du PDF")).to_have_attribute("value", "35")
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.READY, progress=100)
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible(timeout=10_000)
    journey.check_a11y()
    journey.check_reflow()


def test_a_member_reads_the_ready_report_but_not_the_drafts(journey_factory, pole, coordinator, member):
    from peps.reports.tests.factories import report

    report(pole, title="Bilan brouillon")
    ready = report(pole, title="Bilan publié", status=ReportStatus.READY)
    journey = journey_factory()
    journey.sign_in(member.email)
    journey.visit("/p/pollens/bilan/")
    expect(journey.page.get_by_role("link", name="Bilan publié")).to_be_visible()
    expect(journey.page.get_by_text("Bilan brouillon")).to_have_count(0)
    journey.visit(f"/p/pollens/bilan/{ready.pk}/")
    expect(journey.page.get_by_role("heading", level=1)).to_have_text(re.compile("Bilan publié"))
