"""agenda:bourse and its tools — the session page (who presented, who came, what came out
of it), the coordination's forms without JavaScript, permissions and bounded queries."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from peps.agenda import bourse
from peps.agenda.models import BourseContribution, PresentationSlot, ResourcePerson
from peps.core.testing import factories as f
from peps.poles.models import Membership
from peps.projects.models import SupportLogEntry

from .factories import EventFactory, register

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def url(session, name="agenda:bourse", **kwargs):
    return reverse(name, kwargs={"pole": "pollens", "pk": session.event_id, **kwargs})


@pytest.fixture
def slot(session, project, coordinator):
    return bourse.slot_add(
        session=session, project=project, starts_at=session.event.starts_at, duration_minutes=20, by=coordinator
    )


def test_anonymous_sees_the_programme_but_not_names_nor_advice(client, session, slot, resource_person, coordinator):
    bourse.contribution_add(
        session=session,
        project=slot.project,
        by=coordinator,
        kind="advice",
        text="Conseil confidentiel.",
        given_by=resource_person,
    )
    register(session.event, f.UserFactory(display_name="Albertine"))
    content = client.get(url(session)).content.decode()
    assert "Recyclerie du Roannais" in content
    assert "1 conseil ou offre d’aide enregistré." in content
    assert "Conseil confidentiel." not in content
    assert "Albertine" not in content
    assert 'method="post"' not in content


def test_members_see_who_came_and_what_came_out(client, session, slot, resource_person, coordinator, member):
    bourse.resource_person_invite(session=session, person=resource_person, by=coordinator)
    bourse.contribution_add(
        session=session,
        project=slot.project,
        by=coordinator,
        kind="help_offer",
        text="Je prête une camionnette.",
        given_by=resource_person,
    )
    present = register(session.event, f.UserFactory(display_name="Albertine"))
    register(session.event, f.UserFactory(display_name="Basile"))
    present.attendance = "present"
    present.save()
    client.force_login(member)
    content = client.get(url(session)).content.decode()
    assert "Rose" in content
    assert "1 personne présente" in content and "Albertine" in content and "Basile" not in content
    assert "Je prête une camionnette." in content and "Offre d’aide" in content
    assert "Outils de la coordination" not in content


def test_a_plain_event_has_no_session_page(client, event):
    assert client.get(reverse("agenda:bourse", kwargs={"pole": "pollens", "pk": event.pk})).status_code == 404


def test_member_gets_403_on_the_coordination_tools(client, session, slot, member, project):
    client.force_login(member)
    assert client.post(url(session, "agenda:slot_add"), {}).status_code == 403
    assert client.post(url(session, "agenda:resource_invite"), {}).status_code == 403
    assert client.post(url(session, "agenda:contribution_add"), {}).status_code == 403
    assert client.post(url(session, "agenda:outcome"), {}).status_code == 403


def test_outsider_gets_404_on_a_members_only_session(client, session, outsider):
    session.event.audience = "members"
    session.event.save()
    client.force_login(outsider)
    assert client.get(url(session)).status_code == 404
    assert client.post(url(session, "agenda:contribution_add"), {}).status_code == 404


def test_coordinator_runs_a_session_without_javascript(client, session, project, coordinator, resource_person, pole):
    client.force_login(coordinator)
    assert "Outils de la coordination" in client.get(url(session)).content.decode()
    start = (session.event.starts_at + datetime.timedelta(minutes=30)).astimezone(PARIS)
    response = client.post(
        url(session, "agenda:slot_add"),
        {"slot-project": project.pk, "slot-starts_at": start.strftime("%Y-%m-%dT%H:%M"), "slot-duration_minutes": "25"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PresentationSlot.objects.get().starts_at == session.event.starts_at + datetime.timedelta(minutes=30)

    response = client.post(url(session, "agenda:resource_invite"), {"invite-email": "ROSE.ressource@example.org"})
    assert response.status_code == 302
    assert ResourcePerson.objects.get().person == resource_person

    response = client.post(
        url(session, "agenda:contribution_add"),
        {
            "contribution-project": project.pk,
            "contribution-kind": "advice",
            "contribution-given_by": resource_person.pk,
            "contribution-text": "Rencontrer la CRESS.",
        },
    )
    assert response.status_code == 302
    contribution = BourseContribution.objects.get()
    assert SupportLogEntry.objects.get(project=project).pk == contribution.log_entry_id

    edit = url(session, "agenda:contribution_edit", contribution_pk=contribution.pk)
    assert "Rencontrer la CRESS." in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "contribution-kind": "advice",
            "contribution-given_by": resource_person.pk,
            "contribution-text": "Rencontrer la CRESS AURA.",
        },
    )
    assert response.status_code == 302
    assert SupportLogEntry.objects.get(project=project).text.endswith("Rencontrer la CRESS AURA.")

    delete = url(session, "agenda:contribution_delete", contribution_pk=contribution.pk)
    assert "disparaîtra aussi du suivi" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not SupportLogEntry.objects.filter(project=project).exists()

    response = client.post(url(session, "agenda:outcome"), {"outcome-outcome": "Trois projets, **douze** conseils."})
    assert response.status_code == 302
    assert "<strong>douze</strong>" in client.get(url(session)).content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"slot-project": "", "slot-starts_at": "2030-01-01T10:00", "slot-duration_minutes": "20"},
            "Ce champ est obligatoire.",
        ),
        (
            {"slot-project": "999999", "slot-starts_at": "2030-01-01T10:00", "slot-duration_minutes": "20"},
            "Sélectionnez un choix valide",
        ),
        (
            {"slot-starts_at": "n’importe quand", "slot-duration_minutes": "20"},
            "Saisissez une date et une heure valides",
        ),
        ({"slot-starts_at": "2030-01-01T10:00", "slot-duration_minutes": "0"}, "supérieure ou égale à 1"),
    ],
)
def test_bad_slot_input_shows_the_page_with_errors(client, session, project, coordinator, data, message):
    data = {"slot-project": project.pk, **data}
    client.force_login(coordinator)
    response = client.post(url(session, "agenda:slot_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PresentationSlot.objects.exists()


def test_a_slot_outside_the_session_is_a_form_error(client, session, project, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url(session, "agenda:slot_add"),
        {"slot-project": project.pk, "slot-starts_at": "2001-01-01T10:00", "slot-duration_minutes": "20"},
    )
    assert "La présentation doit tenir dans l’horaire de la session." in response.content.decode()


def test_inviting_an_unknown_address_is_a_form_error(client, session, coordinator):
    client.force_login(coordinator)
    response = client.post(url(session, "agenda:resource_invite"), {"invite-email": "personne@nulle-part.org"})
    assert response.status_code == 200
    assert "Aucun compte n’utilise cette adresse." in response.content.decode()


def test_a_contribution_without_giver_is_a_form_error(client, session, slot, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url(session, "agenda:contribution_add"),
        {"contribution-project": slot.project_id, "contribution-kind": "advice", "contribution-text": "Un conseil."},
    )
    assert "Indiquez qui a donné ce conseil" in response.content.decode()
    assert not BourseContribution.objects.exists()


def test_only_presenting_projects_receive_contributions(client, session, slot, coordinator, resource_person, pole):
    other = f.ProjectFactory(pole=pole, title="Pas au programme")
    client.force_login(coordinator)
    response = client.post(
        url(session, "agenda:contribution_add"),
        {
            "contribution-project": other.pk,
            "contribution-kind": "advice",
            "contribution-given_by": resource_person.pk,
            "contribution-text": "Un conseil.",
        },
    )
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_a_contribution_of_another_session_is_404(client, session, slot, coordinator, resource_person, pole):
    from .factories import bourse_session

    other = bourse_session(pole=pole, by=coordinator, title="Autre bourse")
    bourse.slot_add(
        session=other, project=slot.project, starts_at=other.event.starts_at, duration_minutes=20, by=coordinator
    )
    contribution = bourse.contribution_add(
        session=other, project=slot.project, by=coordinator, kind="advice", text="Ailleurs.", given_by=resource_person
    )
    client.force_login(coordinator)
    assert client.get(url(session, "agenda:contribution_edit", contribution_pk=contribution.pk)).status_code == 404
    assert client.post(url(session, "agenda:contribution_delete", contribution_pk=contribution.pk)).status_code == 404


def test_session_page_with_three_projects_and_twenty_contributions_has_bounded_queries(
    client, session, coordinator, pole, django_assert_max_num_queries
):
    givers = [f.UserFactory(display_name=f"Ressource {i}") for i in range(4)]
    structure = f.StructureFactory(pole=pole)
    Membership.objects.create(pole=pole, structure=structure)
    projects = [f.ProjectFactory(pole=pole, title=f"Projet présenté {i}") for i in range(3)]
    for i, project in enumerate(projects):
        bourse.slot_add(
            session=session,
            project=project,
            starts_at=session.event.starts_at + datetime.timedelta(minutes=30 * i),
            duration_minutes=30,
            by=coordinator,
        )
    for giver in givers:
        bourse.resource_person_invite(session=session, person=giver, by=coordinator)
    for i in range(20):
        bourse.contribution_add(
            session=session,
            project=projects[i % 3],
            by=coordinator,
            kind="advice" if i % 2 else "help_offer",
            text=f"Contribution {i}",
            given_by=givers[i % 4],
            given_by_structure=structure if i % 5 == 0 else None,
        )
    for _ in range(25):
        register(session.event, f.UserFactory())
    client.force_login(coordinator)
    # The coordination's page also fills four forms' choices (projects, people, structures).
    with django_assert_max_num_queries(13):
        content = client.get(url(session)).content.decode()
    assert all(f"Contribution {i}" in content for i in range(20))
    assert content.index("Projet présenté 0") < content.index("Projet présenté 2")
    member = f.member_of(pole)
    client.force_login(member)
    with django_assert_max_num_queries(9):
        assert "Contribution 19" in client.get(url(session)).content.decode()


def test_event_page_links_to_the_session(client, session):
    content = client.get(reverse("agenda:detail", kwargs={"pole": "pollens", "pk": session.event_id})).content.decode()
    assert url(session) in content


def test_events_without_bourse_record_are_404(client, pole):
    event = EventFactory(pole=pole, kind="bourse")
    assert client.get(reverse("agenda:bourse", kwargs={"pole": "pollens", "pk": event.pk})).status_code == 404
