"""services.event_publish / event_cancel / event_send_reminders: validation, time zones
(stored in UTC, shown in Europe/Paris, across the clock change), notifications."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from peps.agenda import services
from peps.agenda.models import BourseSession, Event, Registration
from peps.core.testing import factories as f

from .factories import EventFactory, register

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def data(**changes):
    start = datetime.datetime(2026, 6, 11, 18, 0, tzinfo=PARIS)
    values = {
        "title": "Séminaire ESS",
        "kind": "seminar",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "place_kind": "address",
        "address": "1 place de l’Hôtel de ville",
        "commune": None,
        "description": "",
        "capacity": None,
        "audience": "public",
        "registration_open": True,
    }
    values.update(changes)
    return values


def test_publish_stores_utc(pole, coordinator, commune):
    event = services.event_publish(pole=pole, by=coordinator, data=data(commune=commune))
    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2026, 6, 11, 16, 0, tzinfo=datetime.UTC)
    assert event.created_by == coordinator


def test_an_event_on_the_day_of_the_clock_change_keeps_its_local_time(pole, coordinator, commune):
    """29 March 2026: Paris goes from UTC+1 to UTC+2 at 02:00."""
    before = services.event_publish(
        pole=pole,
        by=coordinator,
        data=data(
            commune=commune,
            starts_at=datetime.datetime(2026, 3, 29, 1, 30, tzinfo=PARIS),
            ends_at=datetime.datetime(2026, 3, 29, 10, 0, tzinfo=PARIS),
        ),
    )
    before.refresh_from_db()
    assert before.starts_at == datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC)
    assert before.ends_at == datetime.datetime(2026, 3, 29, 8, 0, tzinfo=datetime.UTC)
    # Eight and a half hours on the clock, seven and a half in reality.
    assert before.ends_at - before.starts_at == datetime.timedelta(hours=7, minutes=30)
    assert timezone.localtime(before.ends_at).strftime("%H:%M") == "10:00"


def test_publishing_a_bourse_creates_its_session(pole, coordinator, commune):
    event = services.event_publish(pole=pole, by=coordinator, data=data(kind="bourse", commune=commune))
    assert BourseSession.objects.filter(event=event).exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"ends_at": datetime.datetime(2026, 6, 11, 17, 0, tzinfo=PARIS)}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"title": "  "}, "title"),
        ({"kind": "fête"}, "kind"),
        ({"place_kind": "online", "online_url": ""}, "online_url"),
        ({"place_kind": "room", "room": None}, "room"),
        ({"place_kind": "address", "commune": None}, "commune"),
    ],
)
def test_publish_refuses_bad_input(pole, coordinator, changes, field):
    with pytest.raises(ValidationError) as error:
        services.event_publish(pole=pole, by=coordinator, data=data(**changes))
    assert field in error.value.error_dict
    assert not Event.objects.exists()


def test_a_room_of_another_pole_is_refused(pole, other_pole, coordinator):
    from peps.commons.models import Resource

    foreign = Resource.objects.create(pole=other_pole, kind="room", name="Salle d’ailleurs")
    with pytest.raises(ValidationError) as error:
        services.event_publish(pole=pole, by=coordinator, data=data(place_kind="room", room=foreign))
    assert "room" in error.value.error_dict


def test_the_place_keeps_only_the_fields_of_its_kind(pole, coordinator, room, commune):
    event = services.event_publish(
        pole=pole,
        by=coordinator,
        data=data(place_kind="room", room=room, commune=commune, online_url="https://visio.example.org/x"),
    )
    assert (event.room, event.commune, event.address, event.online_url) == (room, None, "", "")
    assert event.place_label == "Salle d’échange, Roanne"


def test_database_refuses_an_event_that_ends_before_it_starts(pole):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        EventFactory(pole=pole, ends_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))


def test_cancelling_emails_everyone_registered(event, coordinator, django_capture_on_commit_callbacks):
    Event.objects.filter(pk=event.pk).update(capacity=2)
    confirmed = [register(event), register(event)]
    waiting = register(event, status="waiting")
    gone = register(event, status="cancelled")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=coordinator, reason="Salle inondée.")
    event.refresh_from_db()
    assert event.is_cancelled and not event.registration_open
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(r.person.email for r in [*confirmed, waiting])
    assert gone.person.email not in recipients
    assert "Événement annulé" in mail.outbox[0].subject
    assert "Salle inondée." in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.event_cancel(event=event, by=coordinator)


def test_reminders_go_the_day_before_once(pole, commune, django_capture_on_commit_callbacks):
    now = datetime.datetime(2026, 3, 28, 9, 0, tzinfo=PARIS)
    tomorrow = EventFactory(
        pole=pole,
        commune=commune,
        title="Atelier de demain",
        starts_at=datetime.datetime(2026, 3, 29, 14, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2026, 3, 29, 16, 0, tzinfo=PARIS),
    )
    later = EventFactory(
        pole=pole,
        commune=commune,
        starts_at=datetime.datetime(2026, 3, 30, 14, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2026, 3, 30, 16, 0, tzinfo=PARIS),
    )
    cancelled = EventFactory(
        pole=pole,
        commune=commune,
        status="cancelled",
        starts_at=datetime.datetime(2026, 3, 29, 9, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2026, 3, 29, 10, 0, tzinfo=PARIS),
    )
    confirmed = register(tomorrow)
    register(tomorrow, status="waiting")
    register(later)
    register(cancelled)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_send_reminders(now=now) == 1
    assert [m.to for m in mail.outbox] == [[confirmed.person.email]]
    assert "Rappel : Atelier de demain, demain" == mail.outbox[0].subject
    assert "14:00" in mail.outbox[0].body
    assert Registration.objects.get(pk=confirmed.pk).reminder_sent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_send_reminders(now=now) == 0
    assert len(mail.outbox) == 1


def test_reminder_command_and_task(pole, commune, django_capture_on_commit_callbacks, capsys):
    from peps.agenda.tasks import send_event_reminders

    start = timezone.localtime() + datetime.timedelta(days=1)
    event = EventFactory(pole=pole, commune=commune, starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    register(event, f.UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")
    assert "1 reminder(s)" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    result = send_event_reminders.enqueue()
    assert result.return_value == 0


def _as_form_data(event, **changes):
    values = {name: getattr(event, name) for name in data()}
    values.update(changes)
    return values


def test_a_new_time_or_place_is_emailed_to_everyone_registered(event, coordinator, django_capture_on_commit_callbacks):
    confirmed = register(event)
    waiting = register(event, status="waiting")
    register(event, status="cancelled")
    later = event.starts_at + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            event=event,
            by=coordinator,
            data=_as_form_data(event, starts_at=later, ends_at=later + datetime.timedelta(hours=2)),
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.person.email, waiting.person.email])
    message = mail.outbox[0]
    assert "Changement d’horaire ou de lieu" in message.subject
    assert "Avant :" in message.body and "Désormais :" in message.body


def test_a_change_of_title_alone_sends_nothing(event, coordinator, django_capture_on_commit_callbacks):
    register(event)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=coordinator, data=_as_form_data(event, title="Nouveau titre"))
    assert mail.outbox == []
