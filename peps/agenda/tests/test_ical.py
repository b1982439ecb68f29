"""iCalendar feeds (RFC 5545), parsed back with the icalendar library: the pole's public
feed, a person's private feed at a secret URL, and « Ajouter à mon calendrier »."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from peps.agenda import services
from peps.agenda.models import CalendarToken
from peps.core.testing import factories as f

from .factories import EventFactory, register


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    # RFC 5545: CRLF line endings, lines folded at 75 octets.
    assert raw.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar
    return calendar


def vevents(calendar: Calendar) -> dict:
    return {str(component["SUMMARY"]): component for component in calendar.walk("VEVENT")}


def test_pole_feed_lists_public_events_with_required_properties(client, pole, commune):
    event = EventFactory(
        pole=pole,
        commune=commune,
        title="Séminaire : coopérer, mutualiser",
        description="Une très longue description " * 10,
        starts_at=datetime.datetime(2030, 3, 31, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 3, 31, 10, 0, tzinfo=datetime.UTC),
    )
    EventFactory(pole=pole, title="Entre membres", audience="members")
    EventFactory(pole=f.PoleFactory(), title="Ailleurs")
    calendar = parse(client.get(reverse("agenda:feed", kwargs={"pole": "pollens"})))
    events = vevents(calendar)
    assert set(events) == {"Séminaire : coopérer, mutualiser"}
    vevent = events["Séminaire : coopérer, mutualiser"]
    assert str(vevent["UID"]) == f"event-{event.pk}@peps.example.org"
    assert vevent.decoded("DTSTART") == datetime.datetime(2030, 3, 31, 8, 0, tzinfo=datetime.UTC)
    assert vevent.decoded("DTEND") == datetime.datetime(2030, 3, 31, 10, 0, tzinfo=datetime.UTC)
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert "Roanne" in str(vevent["LOCATION"])
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert "VTIMEZONE" not in [c.name for c in calendar.walk()]  # UTC times need none


def test_a_cancelled_event_stays_in_the_feed_as_cancelled(client, pole):
    EventFactory(pole=pole, title="Annulé", status="cancelled", sequence=2)
    vevent = vevents(parse(client.get(reverse("agenda:feed", kwargs={"pole": "pollens"}))))["Annulé"]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 2


def test_single_event_download(client, event):
    response = client.get(reverse("agenda:event_ics", kwargs={"pole": "pollens", "pk": event.pk}))
    assert 'attachment; filename="evenement-' in response["Content-Disposition"]
    assert list(vevents(parse(response))) == ["Rencontres solidaires en Roannais"]


def test_online_event_gives_its_link_as_location(client, pole):
    event = EventFactory(pole=pole, place_kind="online", commune=None, online_url="https://visio.example.org/ess")
    response = client.get(reverse("agenda:event_ics", kwargs={"pole": "pollens", "pk": event.pk}))
    vevent = next(iter(vevents(parse(response)).values()))
    assert str(vevent["LOCATION"]) == "https://visio.example.org/ess"


def test_private_feed_lists_the_persons_registrations_only(client, pole, member, members_event, event):
    register(members_event, member)
    register(event, member, status="waiting")
    register(EventFactory(pole=pole, title="Pas inscrit"))
    cancelled = EventFactory(pole=pole, title="Désinscrit")
    register(cancelled, member, status="cancelled")
    token = services.calendar_token_for(person=member)
    response = client.get(reverse("agenda:private_feed", kwargs={"pole": "pollens", "token": token.token}))
    assert response["Cache-Control"] == "private, max-age=300"
    events = vevents(parse(response))
    assert set(events) == {"Assemblée réservée", "Rencontres solidaires en Roannais"}
    assert str(events["Rencontres solidaires en Roannais"]["STATUS"]) == "TENTATIVE"


def test_private_feed_needs_the_right_token(client, pole, member):
    assert client.get(reverse("agenda:private_feed", kwargs={"pole": "pollens", "token": "devine"})).status_code == 404
    old = services.calendar_token_for(person=member).token
    new = services.calendar_token_for(person=member, regenerate=True).token
    assert old != new
    assert client.get(reverse("agenda:private_feed", kwargs={"pole": "pollens", "token": old})).status_code == 404
    assert client.get(reverse("agenda:private_feed", kwargs={"pole": "pollens", "token": new})).status_code == 200


def test_my_calendar_page_shows_the_secret_url_and_can_renew_it(client, pole, member, event):
    register(event, member)
    client.force_login(member)
    page = reverse("agenda:my_calendar", kwargs={"pole": "pollens"})
    content = client.get(page).content.decode()
    token = CalendarToken.objects.get(person=member).token
    assert f"https://peps.example.org/p/pollens/agenda/flux/{token}.ics" in content
    assert "Rencontres solidaires en Roannais" in content
    assert client.post(page).status_code == 302
    assert CalendarToken.objects.get(person=member).token != token


def test_my_calendar_needs_login(client, pole):
    response = client.get(reverse("agenda:my_calendar", kwargs={"pole": "pollens"}))
    assert response.status_code == 302


@pytest.mark.parametrize("count", [45])
def test_pole_feed_queries_are_bounded(client, pole, commune, count, django_assert_max_num_queries):
    for _ in range(count):
        EventFactory(pole=pole, commune=commune)
    with django_assert_max_num_queries(4):
        calendar = parse(client.get(reverse("agenda:feed", kwargs={"pole": "pollens"})))
    assert len(calendar.walk("VEVENT")) == count
