"""Capacity holds under concurrency: 50 people register at once for 10 places.

On PostgreSQL the threads share the test database. On SQLite, Django's test database lives
in memory with a shared cache, where concurrent writers fail at once with "table is
locked" instead of waiting; production uses a file with BEGIN IMMEDIATE and a busy
timeout. So on SQLite the test copies its data into a file database and every thread
(including this one) talks to that file, as in production."""

import sqlite3
import threading

import pytest
from django.db import connection, connections

from peps.agenda import services
from peps.agenda.models import Registration, RegistrationStatus
from peps.core.testing import factories as f

from .factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def use_database(tmp_path):
    """Returns a function that points the current thread at the database under test."""
    original = connections["default"]
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    settings_dict = {**original.settings_dict, "NAME": str(tmp_path / "race.sqlite3")}
    # Fifty writers queue for the file's lock: on a loaded machine (CI runs suites side by
    # side) the last one may wait longer than production's 5 s; what is tested is the count.
    options = dict(settings_dict.get("OPTIONS", {}))
    # The connection's own timeout covers the init command's PRAGMA journal_mode, run before
    # the busy_timeout PRAGMA; the PRAGMA appended last wins over the one in the settings.
    options["timeout"] = 60
    options["init_command"] = options.get("init_command", "") + " PRAGMA busy_timeout=60000;"
    settings_dict["OPTIONS"] = options
    opened = []

    def switch():
        wrapper = original.__class__(settings_dict, "default")
        opened.append(wrapper)
        connections["default"] = wrapper

    def copy_data():
        original.ensure_connection()
        target = sqlite3.connect(settings_dict["NAME"])
        original.connection.backup(target)
        target.close()
        switch()

    yield copy_data
    for wrapper in opened:
        wrapper.close()
    connections["default"] = original


def test_fifty_concurrent_registrations_for_ten_places(use_database):
    pole = f.PoleFactory(slug="pollens-course")
    event = EventFactory(pole=pole, capacity=10)
    persons = [f.UserFactory(email=f"course.{i}@example.org") for i in range(50)]
    copy_data = use_database
    copy_data()  # from here on (SQLite): the file database
    settings_dict = connections["default"].settings_dict
    barrier = threading.Barrier(len(persons))
    errors: list[BaseException] = []

    def register(person):
        if connection.vendor == "sqlite":
            connections["default"] = connections["default"].__class__(settings_dict, "default")
        try:
            barrier.wait(timeout=30)
            services.registration_create(event=event, person=person)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=register, args=(person,)) for person in persons]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    registrations = list(Registration.objects.filter(event=event).order_by("position"))
    assert len(registrations) == 50
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    assert len(confirmed) == 10
    assert len(waiting) == 40
    # Positions are unique and the first ten in the queue are exactly the confirmed ones.
    assert sorted(r.position for r in registrations) == list(range(1, 51))
    assert all(r.status == RegistrationStatus.CONFIRMED for r in registrations[:10])

    # The waiting list keeps its order: cancelling promotes the earliest waiting person.
    services.registration_cancel(registration=confirmed[0], by=confirmed[0].person)
    assert Registration.objects.get(pk=waiting[0].pk).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(pk=waiting[1].pk).status == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 10
