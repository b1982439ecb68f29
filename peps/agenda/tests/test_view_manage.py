"""agenda:create, agenda:edit, agenda:cancel — who may publish, bad input as form errors."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from peps.agenda.models import Event
from peps.core.testing import factories as f
from peps.directory.models import Representative
from peps.poles.models import Membership

from .factories import register

CREATE = "/p/pollens/agenda/nouveau/"


def form_data(**changes):
    values = {
        "title": "Séminaire « Coopérer sur le territoire »",
        "kind": "seminar",
        "starts_at": "2030-06-11T18:00",
        "ends_at": "2030-06-11T20:00",
        "place_kind": "address",
        "address": "12 rue Jean Jaurès",
        "commune": "Roanne (42)",
        "online_url": "",
        "description": "**Ouvert** à toutes et tous.",
        "capacity": "30",
        "audience": "public",
        "registration_open": "on",
    }
    values.update(changes)
    return values


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["member", "citizen", "outsider"])
def test_non_coordinators_may_not_publish(client, pole, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403


def test_coordinator_publishes_an_event(client, pole, coordinator, commune):
    client.force_login(coordinator)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, form_data())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == event.get_absolute_url()
    assert event.starts_at == datetime.datetime(2030, 6, 11, 16, 0, tzinfo=datetime.UTC)
    assert event.commune == commune and event.capacity == 30


def test_coordinator_schedules_a_bourse_and_lands_on_its_page(client, pole, coordinator, commune):
    client.force_login(coordinator)
    assert 'value="bourse" selected' in client.get(CREATE + "?type=bourse").content.decode()
    response = client.post(CREATE, form_data(kind="bourse", title="Bourse aux projets d’automne"))
    event = Event.objects.get()
    assert response.url == reverse("agenda:bourse", kwargs={"pole": "pollens", "pk": event.pk})
    assert event.bourse is not None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"ends_at": "2030-06-11T17:00"}, "La fin doit venir après le début."),
        ({"capacity": "0"}, "au moins 1"),
        ({"capacity": "-5"}, "au moins 1"),
        ({"capacity": "beaucoup"}, "Saisissez un nombre entier."),
        ({"starts_at": "2030-02-30T18:00"}, "Saisissez une date et une heure valides"),
        ({"starts_at": "demain soir"}, "Saisissez une date et une heure valides"),
        ({"commune": "Atlantide"}, "Commune inconnue"),
        ({"place_kind": "online", "online_url": ""}, "Indiquez le lien"),
        ({"place_kind": "online", "online_url": "pas une adresse"}, "Saisissez une URL valide"),
        ({"place_kind": "room"}, "Choisissez une salle du pôle."),
        ({"kind": "bal"}, "Sélectionnez un choix valide"),
        # 02:30 does not exist in Paris on 29 March 2026: the clock jumps from 02:00 to 03:00.
        ({"starts_at": "2026-03-29T02:30", "ends_at": "2026-03-29T04:00"}, "fuseau horaire"),
    ],
)
def test_bad_input_gives_form_errors_that_keep_what_was_typed(client, pole, coordinator, commune, changes, message):
    client.force_login(coordinator)
    response = client.post(CREATE, form_data(**changes))
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Séminaire « Coopérer sur le territoire »" in content
    assert not Event.objects.exists()


def test_member_structure_representative_publishes_when_the_pole_allows_it(client, pole, member, commune):
    structure = f.StructureFactory(pole=pole, name="Les Jardins de Marc")
    Membership.objects.create(pole=pole, structure=structure)
    Representative.objects.create(structure=structure, person=member, status="approved")
    client.force_login(member)
    assert client.get(CREATE).status_code == 403
    pole.members_can_publish_events = True
    pole.save()
    content = client.get(CREATE).content.decode()
    assert "Les Jardins de Marc" in content
    assert 'value="bourse"' not in content  # the Bourse aux projets is the coordination's
    response = client.post(CREATE, form_data())
    assert response.status_code == 200 and "Ce champ est obligatoire." in response.content.decode()
    response = client.post(CREATE, form_data(organiser_structure=structure.pk))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organiser_structure == structure and event.created_by == member
    # The one who published may edit; other members may not.
    assert client.get(reverse("agenda:edit", kwargs={"pole": "pollens", "pk": event.pk})).status_code == 200


def test_member_gets_403_on_edit_and_cancel(client, event, member):
    client.force_login(member)
    for name in ("agenda:edit", "agenda:cancel", "agenda:attendees", "agenda:attendees_csv"):
        assert client.get(reverse(name, kwargs={"pole": "pollens", "pk": event.pk})).status_code == 403


def test_outsider_gets_404_on_a_members_only_event_tools(client, members_event, outsider):
    client.force_login(outsider)
    assert client.get(reverse("agenda:edit", kwargs={"pole": "pollens", "pk": members_event.pk})).status_code == 404


def test_coordinator_edits_an_event(client, event, coordinator):
    client.force_login(coordinator)
    edit = reverse("agenda:edit", kwargs={"pole": "pollens", "pk": event.pk})
    content = client.get(edit).content.decode()
    assert "Rencontres solidaires en Roannais" in content
    assert 'value="bourse"' not in content
    response = client.post(edit, form_data(title="Rencontres solidaires — 2e édition", commune="Roanne (42)"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Rencontres solidaires — 2e édition"
    assert event.sequence == 1


def test_cancel_asks_for_confirmation_then_notifies(client, event, coordinator, django_capture_on_commit_callbacks):
    registration = register(event)
    client.force_login(coordinator)
    cancel = reverse("agenda:cancel", kwargs={"pole": "pollens", "pk": event.pk})
    page = client.get(cancel).content.decode()
    assert "1 personne inscrite" in page
    response = client.post(cancel, {"reason": "Intempéries"})
    assert response.status_code == 200
    assert "Cochez la case pour confirmer" in response.content.decode()
    event.refresh_from_db()
    assert not event.is_cancelled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel, {"reason": "Intempéries", "confirm": "on"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    assert [m.to for m in mail.outbox] == [[registration.person.email]]
    assert "Cet événement est annulé." in client.get(event.get_absolute_url()).content.decode()
