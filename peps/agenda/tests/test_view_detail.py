"""agenda:detail and agenda:register — who sees an event, registering without and with htmx."""

import pytest
from django.core import mail
from django.urls import reverse

from peps.agenda.models import Registration
from peps.core.testing import factories as f

from .factories import EventFactory, register


def url(event, name="agenda:detail", pole="pollens"):
    return reverse(name, kwargs={"pole": pole, "pk": event.pk})


def test_anonymous_sees_a_public_event_and_a_login_link(client, event):
    response = client.get(url(event))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Rencontres solidaires en Roannais" in content
    assert "Se connecter pour s’inscrire" in content
    assert "Ajouter à mon calendrier" in content
    assert 'method="post"' not in content


@pytest.mark.parametrize("who", [None, "outsider", "citizen"])
def test_members_only_event_is_404_for_non_members(client, members_event, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(url(members_event)).status_code == 404
    assert client.get(url(members_event, "agenda:event_ics")).status_code == 404


def test_members_only_event_is_shown_to_members(client, members_event, member):
    client.force_login(member)
    assert client.get(url(members_event)).status_code == 200


def test_event_of_another_pole_and_unknown_ids_are_404(client, event, other_pole):
    assert client.get(url(event, pole="autre-pole")).status_code == 404
    assert client.get("/p/pollens/agenda/999999/").status_code == 404
    assert client.get("/p/pollens/agenda/abc/").status_code == 404


def test_event_page_shows_paris_time(client, pole, commune):
    import datetime

    event = EventFactory(
        pole=pole,
        commune=commune,
        starts_at=datetime.datetime(2026, 3, 29, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 29, 10, 30, tzinfo=datetime.UTC),
    )
    content = client.get(url(event)).content.decode()
    assert "dimanche 29 mars 2026, 10:00" in content
    assert "12:30" in content


def test_anonymous_is_sent_to_login_to_register(client, event):
    response = client.post(url(event, "agenda:register"), {"action": "register"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Registration.objects.exists()


def test_citizen_registers_without_javascript(client, event, citizen, django_capture_on_commit_callbacks):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event, "agenda:register"), {"action": "register"})
    assert response.status_code == 302
    assert Registration.objects.get(event=event, person=citizen).status == "confirmed"
    assert len(mail.outbox) == 1
    page = client.get(url(event)).content.decode()
    assert "Votre place est confirmée." in page
    assert "Annuler mon inscription" in page


def test_full_event_puts_people_on_the_waiting_list_with_htmx(client, event, citizen):
    event.capacity = 1
    event.save()
    register(event)
    client.force_login(citizen)
    response = client.post(url(event, "agenda:register"), {"action": "register"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert '<section id="registration"' in content
    assert "<h1>" not in content
    assert "liste d’attente (position 1)" in content
    assert Registration.objects.get(event=event, person=citizen).status == "waiting"


def test_cancelling_from_the_page_promotes_the_next_person(client, event, citizen, django_capture_on_commit_callbacks):
    event.capacity = 1
    event.save()
    register(event, citizen)
    waiting = register(event, status="waiting")
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(event, "agenda:register"), {"action": "cancel"})
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert [m.to for m in mail.outbox] == [[waiting.person.email]]


def test_registering_on_a_closed_event_shows_a_message_not_an_error(client, event, citizen):
    event.registration_open = False
    event.save()
    client.force_login(citizen)
    response = client.post(url(event, "agenda:register"), {"action": "register"}, follow=True)
    assert response.status_code == 200
    assert "Les inscriptions à cet événement sont fermées." in response.content.decode()


def test_outsider_cannot_register_to_a_members_only_event(client, members_event, outsider):
    client.force_login(outsider)
    assert client.post(url(members_event, "agenda:register"), {"action": "register"}).status_code == 404


def test_event_page_with_sixty_registrations_has_bounded_queries(client, event, member, django_assert_max_num_queries):
    event.capacity = 50
    event.save()
    for i in range(60):
        register(event, f.UserFactory(), status="confirmed" if i < 50 else "waiting")
    register(event, member, status="waiting")
    client.force_login(member)
    with django_assert_max_num_queries(10):
        content = client.get(url(event)).content.decode()
    assert "liste d’attente (position 11)" in content
    assert "11 personnes en liste d’attente" in content
