"""accounts:data and accounts:data_download — start the archive, follow its progress, download
it (only its owner, only until it expires)."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.accounts.models import ExportStatus, PersonalDataExport

pytestmark = pytest.mark.django_db
DATA = reverse("accounts:data")


def download_url(export):
    return reverse("accounts:data_download", args=[export.public_id])


def test_anonymous_is_sent_to_login(client):
    assert "/compte/login/" in client.get(DATA)["Location"]
    assert client.post(DATA).status_code == 302 and not PersonalDataExport.objects.exists()


def test_request_then_download_the_archive(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    page = client.get(DATA).content.decode()
    assert page.count("<h1>") == 1 and "Préparer mon archive" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DATA)
    assert response["Location"] == DATA
    export = PersonalDataExport.objects.get(user=member)
    assert export.status == ExportStatus.READY
    page = client.get(DATA).content.decode()
    assert download_url(export) in page and "Télécharger mon archive" in page
    response = client.get(download_url(export))
    assert response["Content-Type"] == "application/zip" and "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert (
            json.loads(archive.read("donnees.json"))["sections"]["compte"]["lignes"][0]["adresse_email"] == member.email
        )


def test_progress_is_shown_and_polled_while_building(client, member):
    PersonalDataExport.objects.create(user=member, status=ExportStatus.RUNNING, progress=40)
    client.force_login(member)
    html = client.get(DATA).content.decode()
    assert 'value="40"' in html and 'hx-get="/profil/mes-donnees/"' in html
    partial = client.get(DATA, headers={"HX-Request": "true"}).content.decode()
    assert "<h1>" not in partial and 'id="export-status"' in partial
    assert "Préparer" not in partial  # one build at a time


def test_only_the_owner_downloads(client, member, citizen, django_capture_on_commit_callbacks):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(DATA)
    export = PersonalDataExport.objects.get(user=member)
    client.force_login(citizen)
    assert client.get(download_url(export)).status_code == 404
    client.logout()
    assert client.get(download_url(export)).status_code == 302
    assert client.get("/profil/mes-donnees/pas-un-uuid/telecharger/").status_code == 404


def test_the_link_expires(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(DATA)
    export = PersonalDataExport.objects.get(user=member)
    export.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    export.save(update_fields=["expires_at"])
    response = client.get(download_url(export), follow=True)
    html = response.content.decode()
    assert "a expiré" in html and "Préparer une nouvelle archive" in html


def test_a_failed_build_can_be_retried(client, member):
    PersonalDataExport.objects.create(user=member, status=ExportStatus.FAILED)
    client.force_login(member)
    html = client.get(DATA).content.decode()
    assert "a échoué" in html and "Préparer une nouvelle archive" in html
