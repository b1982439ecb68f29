"""Free slots between busy periods, and weekly recurrences that keep their local hours."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from peps.commons.timeslots import at_local, build_weekly_rrule, expand_weekly, free_slots

PARIS = ZoneInfo("Europe/Paris")
H = datetime.timedelta(hours=1)


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def test_free_slots_start_right_after_the_busy_period():
    busy = [(paris(2030, 3, 7, 18), paris(2030, 3, 7, 20))]
    slots = free_slots(busy, after=paris(2030, 3, 7, 18), duration=2 * H, count=3)
    assert [s.starts_at for s in slots] == [paris(2030, 3, 7, 20), paris(2030, 3, 7, 22), paris(2030, 3, 8, 0)]


def test_free_slots_skip_gaps_too_short_for_the_duration():
    busy = [(paris(2030, 3, 7, 10), paris(2030, 3, 7, 11)), (paris(2030, 3, 7, 12), paris(2030, 3, 7, 14))]
    slots = free_slots(busy, after=paris(2030, 3, 7, 10), duration=2 * H, count=1)
    assert slots[0].starts_at == paris(2030, 3, 7, 14)


def test_room_slots_stay_within_opening_hours():
    busy = [(paris(2030, 3, 7, 18), paris(2030, 3, 7, 20))]
    slots = free_slots(busy, after=paris(2030, 3, 7, 18), duration=2 * H, count=3, opening_hours=True)
    assert [(s.starts_at, s.ends_at) for s in slots] == [
        (paris(2030, 3, 7, 20), paris(2030, 3, 7, 22)),
        (paris(2030, 3, 8, 8), paris(2030, 3, 8, 10)),
        (paris(2030, 3, 8, 10), paris(2030, 3, 8, 12)),
    ]


def test_weekly_rule_is_written_in_rfc_5545():
    rule = build_weekly_rrule(weekdays=["TH"], until=datetime.date(2030, 6, 30))
    assert rule == "FREQ=WEEKLY;BYDAY=TH;UNTIL=20300630T235959"
    assert build_weekly_rrule(weekdays=["MO", "TH"], count=12) == "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=12"


@pytest.mark.parametrize(
    ("first", "until"),
    [
        (datetime.date(2025, 10, 2), datetime.date(2025, 11, 30)),  # last Sunday of October: 26 Oct 2025
        (datetime.date(2026, 3, 5), datetime.date(2026, 4, 30)),  # last Sunday of March: 29 Mar 2026
    ],
)
def test_weekly_occurrences_keep_their_local_hours_across_daylight_saving(first, until):
    rule = build_weekly_rrule(weekdays=["TH"], until=until)
    slots = expand_weekly(rule, first_date=first, start_time=datetime.time(14), end_time=datetime.time(17))
    assert len(slots) >= 8
    assert {s.starts_at.astimezone(PARIS).time() for s in slots} == {datetime.time(14)}
    assert {s.ends_at.astimezone(PARIS).time() for s in slots} == {datetime.time(17)}
    # ...which means the UTC hour changes at the switch.
    assert len({s.starts_at.astimezone(datetime.UTC).hour for s in slots}) == 2


def test_rule_other_than_weekly_is_refused():
    with pytest.raises(ValueError, match="hebdomadaires"):
        expand_weekly(
            "FREQ=DAILY;COUNT=3",
            first_date=datetime.date(2030, 1, 1),
            start_time=datetime.time(9),
            end_time=datetime.time(10),
        )


def test_rule_without_end_is_refused():
    with pytest.raises(ValueError, match="date de fin"):
        expand_weekly(
            "FREQ=WEEKLY;BYDAY=TH",
            first_date=datetime.date(2030, 1, 1),
            start_time=datetime.time(9),
            end_time=datetime.time(10),
        )


def test_unreadable_rule_is_refused():
    with pytest.raises(ValueError, match="lisible"):
        expand_weekly(
            "FREQ=WEEKLY;BYDAY=XX",
            first_date=datetime.date(2030, 1, 1),
            start_time=datetime.time(9),
            end_time=datetime.time(10),
        )


def test_at_local_places_a_wall_clock_time_in_paris():
    assert at_local(datetime.date(2030, 7, 1), datetime.time(14)).utcoffset() == datetime.timedelta(hours=2)
    assert at_local(datetime.date(2030, 1, 1), datetime.time(14)).utcoffset() == datetime.timedelta(hours=1)
