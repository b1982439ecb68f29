"""Pages of reports: who sees what (coordination, board, members, outsiders), creating with
quick periods, editing, generating with a polled status, failure and retry, downloading."""

import datetime

import pytest
from django.urls import reverse
from weasyprint import HTML

from peps.core.typography import french_text
from peps.reports import pdf, services
from peps.reports.models import Report, ReportStatus

from . import factories as rf


def url(name, report=None, pole="pollens"):
    return reverse(f"reports:{name}", args=(pole, report.pk) if report else (pole,))


@pytest.fixture
def draft(pole, coordinator):
    report = rf.report(pole, created_by=coordinator, introduction="Une **belle** année.")
    return services.report_refresh_figures(report=report)


# A small but real PDF, for the tests of who may see and do what with a ready report: laying
# out the whole report with WeasyPrint took 2–3 s of CPU (15–40 s under CI's load) for each
# of them. The real document is made in test_generating_makes_the_pdf_and_offers_the_download
# here, and read in test_pdf.py and test_charts.py.
SMALL_PDF = HTML(string="<p>Bilan prêt</p>").write_pdf()


@pytest.fixture
def ready(pole, coordinator, django_capture_on_commit_callbacks, monkeypatch):
    report = rf.report(pole, created_by=coordinator, title="Bilan prêt")
    with monkeypatch.context() as patched, django_capture_on_commit_callbacks(execute=True):
        patched.setattr(pdf, "render_pdf", lambda report: SMALL_PDF)
        services.report_generate(report=report, by=coordinator)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    return report


# --- Access ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, draft):
    for target in (url("list"), url("detail", draft), url("download", draft)):
        response = client.get(target)
        assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_an_outsider_gets_404_everywhere(client, outsider, draft, ready):
    client.force_login(outsider)
    assert client.get(url("list")).status_code == 404
    assert client.get(url("create")).status_code == 404
    for report in (draft, ready):
        assert client.get(url("detail", report)).status_code == 404
        assert client.get(url("download", report)).status_code == 404
        assert client.post(url("generate", report)).status_code == 404


def test_a_member_sees_ready_reports_only_and_cannot_manage_them(client, member, draft, ready):
    client.force_login(member)
    listing = client.get(url("list")).content.decode()
    assert "Bilan prêt" in listing and draft.title not in listing
    assert client.get(url("detail", draft)).status_code == 404
    assert client.get(url("detail", ready)).status_code == 200
    assert client.get(url("download", ready)).status_code == 200
    assert client.get(url("create")).status_code == 403
    assert client.post(url("generate", ready)).status_code == 403
    assert client.get(url("edit", ready)).status_code == 403


def test_the_board_sees_drafts_but_cannot_edit_them(client, board_member, draft):
    client.force_login(board_member)
    page = client.get(url("detail", draft))
    assert page.status_code == 200
    assert "Créer le PDF" not in page.content.decode()
    assert client.get(url("edit", draft)).status_code == 403
    assert client.post(url("refresh", draft)).status_code == 403


def test_a_network_admin_sees_every_report(client, network_admin, draft):
    client.force_login(network_admin)
    assert client.get(url("detail", draft)).status_code == 200


def test_a_report_of_another_pole_is_not_found(client, coordinator, other_pole):
    other = rf.report(other_pole)
    client.force_login(coordinator)
    assert client.get(url("detail", other)).status_code == 404
    assert client.get(url("detail", other, pole="autre-pole")).status_code == 404


# --- Creating and editing ----------------------------------------------------------------


def test_the_coordinator_creates_a_report_of_the_last_calendar_year(client, coordinator, pole):
    client.force_login(coordinator)
    assert client.get(url("create")).status_code == 200
    response = client.post(url("create"), {"period": "last_year"})
    report = Report.objects.get(pole=pole)
    assert response["Location"] == report.get_absolute_url()
    year = datetime.date.today().year - 1
    assert (report.start, report.end) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    assert report.title == f"Bilan d’activité {year}"
    assert report.status == ReportStatus.DRAFT and report.figures["sections"]
    assert report.created_by == coordinator


def test_quick_periods_cover_the_last_six_full_months():
    from peps.reports.forms import last_six_months

    assert last_six_months(datetime.date(2025, 3, 10)) == (datetime.date(2024, 9, 1), datetime.date(2025, 2, 28))
    assert last_six_months(datetime.date(2025, 7, 1)) == (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))


def test_a_custom_period_needs_dates_in_order_and_keeps_what_was_typed(client, coordinator, pole):
    client.force_login(coordinator)
    response = client.post(
        url("create"), {"period": "custom", "start": "2024-06-30", "end": "2024-01-01", "title": "Mon bilan"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "La fin de la période doit venir après son début." in page
    assert 'value="Mon bilan"' in page and 'value="2024-06-30"' in page
    response = client.post(url("create"), {"period": "custom", "start": "", "end": "pas une date"})
    assert "Indiquez le début de la période." in response.content.decode()
    assert client.post(url("create"), {"period": "autre"}).status_code == 200
    assert not Report.objects.filter(pole=pole).exists()
    client.post(url("create"), {"period": "custom", "start": "2024-03-01", "end": "2024-08-31", "title": "Mon bilan"})
    report = Report.objects.get(pole=pole)
    assert (report.title, report.start, report.end) == (
        "Mon bilan",
        datetime.date(2024, 3, 1),
        datetime.date(2024, 8, 31),
    )


def test_editing_the_introduction_shows_it_on_the_page(client, coordinator, draft):
    client.force_login(coordinator)
    assert client.get(url("edit", draft)).status_code == 200
    data = {
        "title": draft.title,
        "start": "2024-01-01",
        "end": "2024-12-31",
        "introduction": "Une année **forte**.",
        "highlights": "- La Bourse",
    }
    response = client.post(url("edit", draft), data)
    assert response.status_code == 302
    page = client.get(url("detail", draft)).content.decode()
    assert "<strong>forte</strong>" in page and "Faits marquants" in page


def test_editing_a_ready_report_puts_it_back_to_draft_and_removes_the_old_pdf(
    client, coordinator, ready, django_capture_on_commit_callbacks
):
    storage, name = ready.pdf.storage, ready.pdf.name
    client.force_login(coordinator)
    data = {
        "title": ready.title,
        "start": "2024-01-01",
        "end": "2024-12-31",
        "introduction": "Nouveau",
        "highlights": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("edit", ready), data)
    ready.refresh_from_db()
    assert ready.status == ReportStatus.DRAFT and not ready.pdf
    assert not storage.exists(name)
    assert client.get(url("download", ready)).status_code == 404


def test_recounting_updates_a_draft_but_not_a_ready_report(client, coordinator, draft, ready):
    client.force_login(coordinator)
    rf.seed_year(draft.pole)
    client.post(url("refresh", draft))
    draft.refresh_from_db()
    projects = next(s for s in draft.figures["sections"] if s["key"] == "projects")
    assert projects["figures"][0]["value"] == 4
    before = ready.figures
    response = client.post(url("refresh", ready), follow=True)
    assert "recréez le PDF" in response.content.decode()
    ready.refresh_from_db()
    assert ready.figures == before


# --- Generating, polling, failing, downloading ---------------------------------------------


def test_generating_makes_the_pdf_and_offers_the_download(
    client, coordinator, draft, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("generate", draft))
    page = client.get(url("detail", draft)).content.decode()
    assert "Télécharger le PDF" in page
    assert url("download", draft) in page
    draft.refresh_from_db()
    assert draft.status == ReportStatus.READY and draft.progress == 100 and draft.generated_at
    download = client.get(url("download", draft))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_while_generating_the_status_box_polls_every_two_seconds(client, coordinator, draft):
    Report.objects.filter(pk=draft.pk).update(status=ReportStatus.GENERATING, progress=40)
    client.force_login(coordinator)
    page = client.get(url("detail", draft)).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    partial = client.get(url("status", draft) + "?suivi=1", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in partial.content.decode()
    assert "HX-Refresh" not in partial
    assert "Modifier les textes" not in page
    # A second click while generating does not queue a second task.
    response = client.post(url("generate", draft), follow=True)
    assert "déjà en cours" in response.content.decode()


def test_when_generation_ends_the_polled_status_reloads_the_page(client, coordinator, ready):
    client.force_login(coordinator)
    partial = client.get(url("status", ready) + "?suivi=1", headers={"HX-Request": "true"})
    assert partial["HX-Refresh"] == "true"
    assert "every 2s" not in partial.content.decode()


def test_a_failure_shows_a_clear_message_and_a_retry_button(
    client, coordinator, draft, monkeypatch, django_capture_on_commit_callbacks
):
    import peps.reports.pdf as pdf

    real = pdf.render_pdf

    def broken(report):
        raise OSError("disque plein")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("generate", draft))
    page = client.get(url("detail", draft)).content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportStatus.FAILED and not draft.pdf
    assert "La création du PDF a échoué (OSError)" in page
    assert "Réessayer la création du PDF" in page
    monkeypatch.setattr(pdf, "render_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("generate", draft))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.READY and draft.error == ""


def test_the_page_shows_charts_with_titles_tables_and_text_alternatives(client, coordinator, pole, seeded):
    report = services.report_refresh_figures(report=rf.report(pole))
    client.force_login(coordinator)
    page = client.get(url("detail", report)).content.decode()
    assert page.count("<h1") == 1
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert '<title id="chart-projects-by_domain-title">Projets déposés, par domaine</title>' in page
    assert french_text("Alimentation et restauration : 1") in page  # the chart's text alternative (<desc>)
    assert '<th scope="row">Alimentation et restauration</th>' in page
    assert "?domain=food" in page  # traceable to the list
    assert french_text("Annexes : les listes derrière les chiffres") in page
    assert "style=" not in page and "<script>" not in page


def test_links_to_coordinator_pages_are_hidden_from_members(client, member, ready):
    client.force_login(member)
    page = client.get(url("detail", ready)).content.decode()
    assert "/ressources/statistiques/" not in page and "/projets/suivi/" not in page
    assert "/projets/?economic_model=market" in page


def test_the_download_of_a_missing_file_is_not_found(client, coordinator, ready):
    ready.pdf.storage.delete(ready.pdf.name)
    client.force_login(coordinator)
    assert client.get(url("download", ready)).status_code == 404
