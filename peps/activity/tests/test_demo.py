"""seed_activity_demo: a year of contacts, 47 structures and 150 people in the first six months."""

import datetime

import pytest
from django.utils import timezone

from peps.activity.demo import person_names, seed_activity_demo
from peps.activity.models import Contact
from peps.activity.selectors import contacts_summary
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 30, 12))


def test_a_year_in_line_with_the_first_review(pole, coordinator, member, commune):
    pole.territory_units.create(kind="commune", code=commune.code)
    for index in range(41):
        f.StructureFactory(pole=pole, name=f"Structure du Roannais {index}")
    report = seed_activity_demo(pole, now=NOW)
    today = timezone.localdate(NOW)
    start = datetime.date(2025, 1, 1)  # the first of January of last year
    first_half = contacts_summary(pole, start, start + datetime.timedelta(days=181))
    assert first_half["structures_contacted"] == 47
    assert first_half["people_contacted"] == 150
    year = contacts_summary(pole, start, today)
    # The last complete year, the annual report's, has contacts in every month.
    months = set(Contact.objects.filter(date__year=2025).values_list("date__month", flat=True))
    assert months == set(range(1, 13))
    assert year["structures_contacted"] == report.structures == 47
    assert year["people_contacted"] == report.people == 170
    assert year["contacts"] == Contact.objects.count() == report.contacts
    # Six prospects joined the directory; open follow-ups exist, some are due.
    assert pole.structures.count() == 47
    # Added prospects sit in the pole's territory, as the directory's structures do.
    assert not pole.structures.filter(commune=None, summary__startswith="Structure rencontrée").exists()
    assert Contact.objects.filter(done=False, follow_up_on__lte=today).exists()
    assert not Contact.objects.filter(date__gt=today).exists()


def test_second_call_changes_nothing(pole, coordinator):
    seed_activity_demo(pole, now=NOW)
    count = Contact.objects.count()
    assert not seed_activity_demo(pole, now=NOW).created
    assert Contact.objects.count() == count


def test_names_are_distinct():
    assert len(set(person_names(300))) == 300
