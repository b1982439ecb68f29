"""agenda:list and agenda:month — upcoming events, the month table, who sees what, bounded queries."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.core.testing import factories as f
from peps.core.typography import french_text

from .factories import EventFactory, register

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def list_url(pole="pollens"):
    return reverse("agenda:list", kwargs={"pole": pole})


def month_url(year, month, pole="pollens"):
    return reverse("agenda:month", kwargs={"pole": pole, "year": year, "month": month})


def test_anonymous_sees_upcoming_public_events(client, event, members_event):
    content = client.get(list_url()).content.decode()
    assert "Rencontres solidaires en Roannais" in content
    assert "Assemblée réservée" not in content
    assert 'method="post"' not in content  # cacheable for anonymous visitors
    assert "Publier un événement" not in content


@pytest.mark.parametrize("who", ["outsider", "citizen"])
def test_members_only_events_are_hidden_from_non_members(client, members_event, who, request):
    client.force_login(request.getfixturevalue(who))
    assert "Assemblée réservée" not in client.get(list_url()).content.decode()


def test_members_see_members_only_events(client, members_event, member):
    client.force_login(member)
    assert "Assemblée réservée" in client.get(list_url()).content.decode()


def test_past_events_and_other_poles_events_are_not_listed(client, pole, other_pole, commune):
    last_week = timezone.now() - datetime.timedelta(days=7)
    EventFactory(pole=pole, title="Passé", starts_at=last_week, ends_at=last_week + datetime.timedelta(hours=1))
    EventFactory(pole=other_pole, title="Ailleurs")
    content = client.get(list_url()).content.decode()
    assert "Passé" not in content
    assert "Ailleurs" not in content
    assert "Aucun événement à venir" in content


def test_coordinator_is_offered_to_publish(client, pole, coordinator):
    client.force_login(coordinator)
    content = client.get(list_url()).content.decode()
    assert "Publier un événement" in content
    assert "Programmer une bourse aux projets" in content


def test_a_full_event_says_so_in_words(client, event):
    event.capacity = 1
    event.save()
    register(event)
    assert french_text("Complet : liste d’attente") in client.get(list_url()).content.decode()


def test_list_of_forty_events_is_paginated_with_bounded_queries(
    client, pole, member, commune, django_assert_max_num_queries
):
    start = timezone.now() + datetime.timedelta(days=1)
    for i in range(40):
        event = EventFactory(
            pole=pole,
            commune=commune,
            title=f"Atelier {i:02d}",
            starts_at=start + datetime.timedelta(hours=i),
            ends_at=start + datetime.timedelta(hours=i, minutes=90),
        )
        if i % 5 == 0:
            register(event)
    client.force_login(member)
    with django_assert_max_num_queries(10):
        response = client.get(list_url())
    content = response.content.decode()
    assert "Atelier 00" in content and "Atelier 19" in content and "Atelier 20" not in content
    assert "40 événements à venir" in content
    with django_assert_max_num_queries(10):
        page_two = client.get(list_url() + "?page=2").content.decode()
    assert "Atelier 20" in page_two
    assert client.get(list_url() + "?page=abc").status_code == 200


def test_list_partial_for_htmx(client, event):
    response = client.get(list_url(), headers={"HX-Request": "true"})
    assert "<h1>" not in response.content.decode()
    assert "Rencontres solidaires" in response.content.decode()


def test_month_view_is_an_accessible_table_in_paris_time(client, pole, commune, django_assert_max_num_queries):
    # The day of the clock change: 10:00 in Paris is 08:00 UTC.
    EventFactory(
        pole=pole,
        commune=commune,
        title="Temps d’échange du dimanche",
        starts_at=datetime.datetime(2026, 3, 29, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 29, 10, 0, tzinfo=datetime.UTC),
    )
    for day in range(1, 29):
        EventFactory(
            pole=pole,
            commune=commune,
            starts_at=datetime.datetime(2026, 3, day, 18, 0, tzinfo=PARIS),
            ends_at=datetime.datetime(2026, 3, day, 20, 0, tzinfo=PARIS),
        )
    with django_assert_max_num_queries(6):
        response = client.get(month_url(2026, 3))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col">' in content
    assert "10:00 Temps d’échange du dimanche" in content
    assert "mars 2026" in content.lower()
    assert "29 événements ce mois-ci" in content
    assert month_url(2026, 2) in content and month_url(2026, 4) in content


def test_month_view_default_and_bad_months(client, pole):
    assert client.get(reverse("agenda:month_current", kwargs={"pole": "pollens"})).status_code == 200
    assert client.get("/p/pollens/agenda/mois/2026/13/").status_code == 404
    assert client.get("/p/pollens/agenda/mois/1850/1/").status_code == 404
    assert client.get("/p/pollens/agenda/mois/abc/1/").status_code == 404


def test_members_only_events_are_not_in_the_month_view_for_the_public(client, members_event):
    local = timezone.localtime(members_event.starts_at)
    assert "Assemblée réservée" not in client.get(month_url(local.year, local.month)).content.decode()


def test_unknown_pole_is_404(client, db):
    assert client.get(list_url(pole="nulle-part")).status_code == 404
    f.PoleFactory(slug="vide")
    assert client.get(list_url(pole="vide")).status_code == 200


def test_an_events_card_tells_when_where_and_its_state_in_french_and_english(client, pole, member, commune, settings):
    EventFactory(
        pole=pole,
        commune=commune,
        title="Séminaire <deux> jours",
        address="3 rue du Lin",
        audience="members",
        status="cancelled",
        starts_at=datetime.datetime(2030, 3, 29, 9, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2030, 3, 30, 17, 30, tzinfo=PARIS),
    )
    client.force_login(member)
    content = client.get(list_url()).content.decode()
    assert "Séminaire &lt;deux&gt; jours" in content
    assert '<time datetime="2030-03-29T09:00:00+01:00">' in content
    assert french_text("vendredi 29 mars 2030, 09:00</time> – ") in content
    assert '<time datetime="2030-03-30T17:30:00+01:00">' + french_text("samedi 30 mars 2030, 17:30</time>") in content
    for words in ("Réservé aux membres", "Annulé", "Lieu : 3 rue du Lin, Roanne", "1 événement à venir"):
        assert french_text(words) in content, words
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get(list_url()).content.decode()
    assert "Friday 29 March 2030, 09:00" in content and "1 upcoming event" in content
