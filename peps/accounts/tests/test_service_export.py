"""The personal data archive: every section, every row that points to the person (found through
the model registry), no secret, no link to a secret ballot, attachments, progress and expiry."""

import datetime
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from peps.accounts import personal_data, services
from peps.accounts.models import ExportStatus, PersonalDataExport

from .life import live_a_year

pytestmark = pytest.mark.django_db


def build(user, django_capture_on_commit_callbacks) -> PersonalDataExport:
    with django_capture_on_commit_callbacks(execute=True):
        export = services.personal_data_export_request(user=user)
    export.refresh_from_db()
    return export


def archive_of(export) -> tuple[dict, list[str]]:
    with zipfile.ZipFile(services.export_path(export)) as archive:
        return json.loads(archive.read("donnees.json")), archive.namelist()


def test_the_archive_holds_every_section_of_a_busy_person(
    pole, member, coordinator, django_capture_on_commit_callbacks
):
    life = live_a_year(pole, member, coordinator)
    export = build(member, django_capture_on_commit_callbacks)
    assert export.status == ExportStatus.READY and export.progress == 100 and export.size > 0
    data, names = archive_of(export)
    assert {"donnees.json", "LISEZMOI.txt"} <= set(names)
    sections = {key: value["lignes"] for key, value in data["sections"].items()}
    assert sections["compte"][0]["adresse_email"] == member.email
    assert sections["compte"][0]["adresses_email"][0]["verified"] is True
    assert sections["adhesions"][0]["pole"] == pole.name
    assert sections["cotisations"][0]["annee"] == 2025
    assert sections["structures_representees"][0]["structure"] == "La Ressourcerie"
    assert sections["projets_portes"][0]["titre"] == "Épicerie solidaire"
    assert sections["commentaires"][0]["texte"] == life["comment"].text
    assert sections["projets_suivis"][0]["projet"] == "Recyclerie"
    assert sections["projets_soutenus"][0]["projet"] == "Recyclerie"
    assert sections["besoins"][0]["titre"] == "Besoin d’un comptable"
    assert sections["offres"][0]["titre"] == "Je prête ma camionnette"
    assert {r["evenement"] for r in sections["inscriptions"]} == {"Rencontres solidaires", "Séminaire d’hiver"}
    assert sections["reservations"][0]["ressource"] == "Salle d’échange"
    assert sections["arguments"][0]["texte"] == "Oui, pour l’emploi local."
    assert sections["reactions"][0]["argument"] == "Le coût."
    assert sections["sieges"][0]["instance"] == "Commission actions"
    assert sections["pouvoirs"][0]["confie_a"] == "Claire"
    assert {r["vote"] for r in sections["participations_aux_votes"]} == {"Budget de l’étude", "Élection du bureau"}
    # Open ballots only: the secret one is not linked to anybody.
    assert [(r["vote"], r["choix"]) for r in sections["votes_a_bulletin_ouvert"]] == [("Budget de l’étude", "yes")]
    assert any("bulletin secret" in note for note in data["notes"])
    assert sections["notifications_reglages"] == [{"emails": "daily"}]
    assert sections["lettres_d_information"][0]["pole__name"] == pole.name


def test_the_generic_part_covers_every_model_pointing_to_the_person(
    pole, member, coordinator, django_capture_on_commit_callbacks
):
    life = live_a_year(pole, member, coordinator)
    data, _names = archive_of(build(member, django_capture_on_commit_callbacks))
    tables = {block["table"]: block for block in data["toutes_les_lignes"]}
    expected = {
        "poles.Membership", "directory.Representative", "projects.Project", "projects.Comment", "projects.Follow",
        "projects.Support", "partnerships.Need", "partnerships.Offer", "agenda.Registration", "agenda.CalendarToken",
        "commons.Booking", "deliberation.Argument", "deliberation.Reaction", "deliberation.Follow",
        "governance.BodyMember", "governance.BodyFollow", "governance.Proxy", "governance.Participation",
        "governance.Ballot", "governance.Decision", "notifications.NotificationSettings",
        "newsletters.Subscription", "account.EmailAddress",
    }  # fmt: skip
    assert expected <= set(tables)
    assert "accounts.PersonalDataExport" not in tables
    assert tables["projects.Comment"]["libelle"] and tables["projects.Comment"]["colonnes"]["text"]
    # The person is "vous"; others are never named nor numbered.
    proxy = tables["governance.Proxy"]["lignes"][0]
    assert proxy["giver"] == "vous" and proxy["holder"] == "une autre personne"
    # Secrets and derived columns stay out.
    token_row = tables["agenda.CalendarToken"]["lignes"][0]
    assert "token" not in token_row and "secret-calendrier" not in json.dumps(data)
    # Only the open ballot is found: a secret ballot has no person at all.
    assert [row["motion"] for row in tables["governance.Ballot"]["lignes"]] == [life["open_motion"].pk]


def test_the_registry_finds_every_foreign_key_to_the_user_model():
    found = {(model._meta.label, field.name) for model, fields in personal_data.user_relations() for field in fields}
    assert {("projects.Comment", "author"), ("governance.Proxy", "giver"), ("governance.Proxy", "holder")} <= found
    assert {("newsletters.Subscription", "user"), ("notifications.NotificationSettings", "person")} <= found
    assert not any(label == "accounts.PersonalDataExport" for label, _field in found)


def test_nothing_of_another_person_leaks_into_the_archive(
    pole, member, coordinator, django_capture_on_commit_callbacks
):
    live_a_year(pole, member, coordinator)
    data, _names = archive_of(build(coordinator, django_capture_on_commit_callbacks))
    text = json.dumps(data, ensure_ascii=False)
    assert member.email not in text and "Oui, pour l’emploi local." not in text
    assert data["sections"]["commentaires"]["lignes"] == []


def test_attached_files_are_written_into_the_archive(pole, member, tmp_path):
    pole.logo.save("logo.png", ContentFile(b"\x89PNG du logo"), save=True)
    path = tmp_path / "archive.zip"
    missing = services._write_archive(path, {"sections": {}}, [("poles.Pole", pole.pk, pole.logo)])
    with zipfile.ZipFile(path) as archive:
        name = f"pieces-jointes/poles.Pole/{pole.pk}/{pole.logo.name.split('/')[-1]}"
        assert archive.read(name) == b"\x89PNG du logo"
        assert json.loads(archive.read("donnees.json"))["fichiers_introuvables"] == [] == missing


def test_one_build_at_a_time_and_a_new_request_replaces_the_old_archive(member, django_capture_on_commit_callbacks):
    pending = PersonalDataExport.objects.create(user=member)
    assert services.personal_data_export_request(user=member) == pending  # still being built
    later = timezone.now() + services.EXPORT_STALE + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = services.personal_data_export_request(user=member, now=later)
    assert fresh != pending and list(PersonalDataExport.objects.filter(user=member)) == [fresh]
    first_path = services.export_path(PersonalDataExport.objects.get(pk=fresh.pk))
    assert first_path.exists()
    second = build(member, django_capture_on_commit_callbacks)
    assert not first_path.exists() and services.export_path(second).exists()


def test_expired_archives_are_purged(member, django_capture_on_commit_callbacks):
    export = build(member, django_capture_on_commit_callbacks)
    path = services.export_path(export)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.personal_data_exports_purge(now=timezone.now()) == 0
        assert services.personal_data_exports_purge(now=export.expires_at + datetime.timedelta(seconds=1)) == 1
    assert not path.exists() and not PersonalDataExport.objects.exists()
