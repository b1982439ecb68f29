"""No double booking under concurrency: 50 people ask for the same slot at the same moment;
the database lets exactly one through and every other one gets the message and free slots."""

import datetime
import threading

import pytest
from django.db import connection, connections

from peps.commons import services
from peps.commons.models import Booking
from peps.core.testing import factories as f

ATTEMPTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_bookings_of_one_slot_give_exactly_one_booking(room, pole):
    people = [f.member_of(pole, email=f"personne{i}@example.org") for i in range(ATTEMPTS)]
    day = datetime.date.today() + datetime.timedelta(days=10)
    tz = datetime.timezone(datetime.timedelta(hours=1))
    start = datetime.datetime.combine(day, datetime.time(18), tzinfo=tz)
    end = start + datetime.timedelta(hours=2)
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list = []
    lock = threading.Lock()

    def attempt(person):
        try:
            barrier.wait()
            try:
                services.booking_create(resource=room, by=person, starts_at=start, ends_at=end)
                result = "booked"
            except services.SlotTaken as taken:
                result = ("taken", taken.messages[0], taken.free_slots)
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == ATTEMPTS
    assert outcomes.count("booked") == 1
    refusals = [o for o in outcomes if o != "booked"]
    assert len(refusals) == ATTEMPTS - 1
    for _, message, free_slots in refusals:
        assert "déjà réservée" in message
        assert len(free_slots) == 3
        assert free_slots[0].starts_at == end
    assert Booking.objects.filter(resource=room).count() == 1
    assert connection.vendor in ("sqlite", "postgresql")
