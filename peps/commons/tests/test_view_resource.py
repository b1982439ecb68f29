"""commons:resource — rules and a navigable week calendar of when the resource is free."""

import datetime

import pytest
from django.urls import reverse

from peps.commons.tests.factories import BookingFactory, ResourceFactory
from peps.commons.timeslots import at_local

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2030, 3, 4)


def url(resource, **params):
    base = reverse("commons:resource", kwargs={"pole": resource.pole.slug, "pk": resource.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_calendar_shows_busy_hours_in_paris_time(client, room, member):
    BookingFactory(
        resource=room,
        booked_by=member,
        starts_at=at_local(MONDAY + datetime.timedelta(days=3), datetime.time(18)),
        ends_at=at_local(MONDAY + datetime.timedelta(days=3), datetime.time(20)),
    )
    response = client.get(url(room, semaine="2030-03-06"))
    assert response.status_code == 200
    calendar = response.context["calendar"]
    assert calendar["monday"] == MONDAY
    busy = [(cell.day, cell.starts_at.hour) for row in calendar["rows"] for cell in row["cells"] if not cell.is_free]
    assert busy == [(MONDAY + datetime.timedelta(days=3), 18), (MONDAY + datetime.timedelta(days=3), 19)]
    assert response.text.count("Occupé") == 2
    assert "Semaine du 4 mars 2030" in response.text
    assert member.email not in response.text  # names are for coordinators


def test_coordinator_sees_who_booked(client, room, member, coordinator):
    BookingFactory(
        resource=room,
        booked_by=member,
        starts_at=at_local(MONDAY, datetime.time(10)),
        ends_at=at_local(MONDAY, datetime.time(11)),
    )
    client.force_login(coordinator)
    assert "Marc" in client.get(url(room, semaine="2030-03-04")).text


def test_week_navigation_with_htmx_returns_the_calendar_only(client, room):
    response = client.get(url(room, semaine="2030-03-11"), HTTP_HX_REQUEST="true")
    assert "<h1>" not in response.text
    assert "semaine=2030-03-04" in response.text and "semaine=2030-03-18" in response.text


def test_malformed_week_is_ignored(client, room):
    assert client.get(url(room, semaine="demain")).status_code == 200
    assert client.get(url(room, semaine="0001-01-01")).status_code == 200


def test_rules_are_shown(client, van):
    text = client.get(url(van)).text
    assert "La coordination valide chaque demande." in text
    assert "72 heures" in text


def test_anonymous_is_invited_to_sign_in_and_member_to_book(client, room, member):
    assert "Connectez-vous pour réserver" in client.get(url(room)).text
    client.force_login(member)
    text = client.get(url(room)).text
    assert reverse("commons:book", kwargs={"pole": "pollens", "pk": room.pk}) in text
    assert "Réserver chaque semaine" in text


def test_resource_of_another_pole_is_404(client, other_pole, pole):
    resource = ResourceFactory(pole=other_pole)
    response = client.get(reverse("commons:resource", kwargs={"pole": "pollens", "pk": resource.pk}))
    assert response.status_code == 404


def test_withdrawn_resource_is_404_except_for_coordinators(client, room, member, coordinator):
    room.is_active = False
    room.save()
    client.force_login(member)
    assert client.get(url(room)).status_code == 404
    client.force_login(coordinator)
    assert client.get(url(room)).status_code == 200


def test_busy_calendar_with_a_hundred_bookings_costs_few_queries(
    client, room, coordinator, django_assert_max_num_queries
):
    for day in range(7):
        for slot in range(15):
            if day * 15 + slot >= 100:
                break
            start = at_local(MONDAY + datetime.timedelta(days=day), datetime.time(7, 0)) + datetime.timedelta(
                minutes=60 * slot
            )
            BookingFactory(resource=room, starts_at=start, ends_at=start + datetime.timedelta(minutes=50))
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(url(room, semaine="2030-03-04"))
    assert len(response.context["calendar"]["bookings"]) == 100
