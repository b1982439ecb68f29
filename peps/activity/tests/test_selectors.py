"""The report's figures of the contact log equal direct counts, in a fixed number of queries."""

import datetime

import pytest
from django.db.models import Count, F, Q

from peps.activity import selectors
from peps.activity.models import Channel, Contact
from peps.activity.tests.factories import ContactFactory
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


def _log(pole, other_pole, member):
    """Three structures; one first met before the period; people by account and by name."""
    a, b, c = (f.StructureFactory(pole=pole) for _ in range(3))
    ContactFactory(pole=pole, structure=a, date=D(2025, 12, 1), person_name="Avant Période")
    ContactFactory(pole=pole, structure=a, date=D(2026, 1, 5), person_name="Élise Martin", channel=Channel.PHONE)
    ContactFactory(pole=pole, structure=b, date=D(2026, 1, 6), person_name="elise  martin")
    ContactFactory(pole=pole, structure=b, date=D(2026, 2, 1), person=member, person_name="")
    ContactFactory(pole=pole, structure=None, date=D(2026, 3, 1), person=member, person_name="", channel="event")
    ContactFactory(pole=pole, structure=c, date=D(2026, 7, 1), person_name="Après Période")
    ContactFactory(pole=other_pole, structure=f.StructureFactory(pole=other_pole), date=D(2026, 1, 7))
    return a, b, c


def test_summary_counts_first_contacts_people_and_channels(pole, other_pole, member):
    a, b, c = _log(pole, other_pole, member)
    # « elise  martin » is stored as typed by the factory: fold it as the service does.
    Contact.objects.filter(person_name="elise  martin").update(person_key="elise martin")
    summary = selectors.contacts_summary(pole, D(2026, 1, 1), D(2026, 6, 30))
    assert summary["contacts"] == 4
    assert summary["structures_contacted"] == 1  # b only: a was first met in December
    assert summary["people_contacted"] == 2  # Élise Martin and the member's account
    assert summary["by_channel"] == [("Rencontre", 2), ("Téléphone", 1), ("Événement", 1), ("E-mail", 0), ("Autre", 0)]


def test_summary_equals_direct_counts_on_a_random_year(pole, other_pole, member):
    structures = [f.StructureFactory(pole=pole) for _ in range(12)]
    day = D(2025, 1, 1)
    for index in range(80):
        ContactFactory(
            pole=pole,
            date=day + datetime.timedelta(days=(index * 37) % 365),
            structure=structures[(index * 5) % 12] if index % 4 else None,
            person_name=f"Personne {index % 30}",
            channel=Channel.values[index % 5],
        )
    start, end = D(2025, 3, 1), D(2025, 8, 31)
    in_period = Contact.objects.filter(pole=pole, date__range=(start, end))
    firsts = {}
    for contact in Contact.objects.filter(pole=pole).exclude(structure=None).order_by("date"):
        firsts.setdefault(contact.structure_id, contact.date)
    summary = selectors.contacts_summary(pole, start, end)
    assert summary["contacts"] == in_period.count()
    assert summary["structures_contacted"] == sum(1 for d in firsts.values() if start <= d <= end)
    assert summary["people_contacted"] == len(set(in_period.values_list("person_key", flat=True)))
    assert sum(n for _, n in summary["by_channel"]) == in_period.count()
    assert list(selectors.contacts_in_period(pole, start, end)) == list(in_period.order_by("-date", "-pk"))
    assert set(selectors.structures_contacted_in_period(pole, start, end).values_list("pk", flat=True)) == {
        pk for pk, d in firsts.items() if start <= d <= end
    }


def test_summary_takes_one_query_whatever_the_volume(pole, django_assert_num_queries):
    for index in range(40):
        ContactFactory(pole=pole, structure=f.StructureFactory(pole=pole), date=D(2026, 1, 1 + index % 28))
    with django_assert_num_queries(1):
        selectors.contacts_summary(pole, D(2026, 1, 1), D(2026, 12, 31))


def _summary_by_the_orm(pole, start, end) -> dict:
    """The summary as the ORM computes it (what the written-out query replaced)."""
    in_period = Contact.objects.filter(pole=pole, date__gte=start, date__lte=end)
    figures = in_period.aggregate(
        contacts=Count("pk"),
        accounts=Count("person", distinct=True),
        names=Count("person_key", distinct=True, filter=Q(person__isnull=True) & ~Q(person_key="")),
        **{f"channel_{value}": Count("pk", filter=Q(channel=value)) for value in Channel.values},
    )
    return {
        "contacts": figures["contacts"],
        "structures_contacted": selectors.first_contacts(pole).filter(first__gte=start, first__lte=end).count(),
        "people_contacted": figures["accounts"] + figures["names"],
        "by_channel": [(label, figures[f"channel_{value}"]) for value, label in Channel.choices],
    }


def test_summary_is_the_orms_answer(pole, other_pole, member, citizen):
    structures = [f.StructureFactory(pole=pole) for _ in range(9)]
    day = D(2025, 1, 1)
    for index in range(90):
        ContactFactory(
            pole=pole if index % 7 else other_pole,
            date=day + datetime.timedelta(days=(index * 41) % 500),
            structure=structures[(index * 5) % 9] if index % 4 else None,
            person=(member, citizen, None)[index % 3],
            person_name="" if index % 3 < 2 or index % 11 == 0 else f"Personne {index % 13}",
            channel=Channel.values[(index * 3) % 5],
        )
    Contact.objects.filter(person=None).exclude(person_name="").update(person_key=F("person_name"))
    for start, end in [(D(2025, 3, 1), D(2025, 8, 31)), (D(2024, 1, 1), D(2027, 1, 1)), (D(2030, 1, 1), D(2030, 2, 1))]:
        assert selectors.contacts_summary(pole, start, end) == _summary_by_the_orm(pole, start, end)
    wide = selectors.contacts_summary(pole, D(2024, 1, 1), D(2027, 1, 1))
    assert wide["structures_contacted"] == 9 and wide["people_contacted"] > 2
    assert all(count for _, count in wide["by_channel"])


def test_first_contact_flag_follows_date_then_id(pole):
    structure = f.StructureFactory(pole=pole)
    later = ContactFactory(pole=pole, structure=structure, date=D(2026, 2, 1))
    first = ContactFactory(pole=pole, structure=structure, date=D(2026, 1, 1))
    same_day = ContactFactory(pole=pole, structure=structure, date=D(2026, 1, 1))
    no_structure = ContactFactory(pole=pole, structure=None, date=D(2025, 1, 1))
    flags = {c.pk: c.is_first_contact for c in selectors.contacts_of_pole(pole)}
    assert flags == {later.pk: False, first.pk: True, same_day.pk: False, no_structure.pk: False}


def test_filters_by_channel_structure_period_and_follow_ups(pole):
    structure = f.StructureFactory(pole=pole)
    due = ContactFactory(pole=pole, structure=structure, date=D(2026, 1, 1), follow_up_on=D(2026, 1, 10))
    later = ContactFactory(pole=pole, date=D(2026, 1, 2), follow_up="Rappeler", follow_up_on=D(2026, 5, 1))
    done = ContactFactory(pole=pole, date=D(2026, 1, 3), follow_up="Fait", done=True, channel=Channel.PHONE)
    today = D(2026, 2, 1)
    assert list(selectors.filtered_contacts(pole=pole, follow_up="due", today=today)) == [due]
    assert set(selectors.filtered_contacts(pole=pole, follow_up="open", today=today)) == {due, later}
    assert list(selectors.filtered_contacts(pole=pole, channel=Channel.PHONE)) == [done]
    assert list(selectors.filtered_contacts(pole=pole, structure=structure)) == [due]
    assert list(selectors.filtered_contacts(pole=pole, start=D(2026, 1, 2), end=D(2026, 1, 2))) == [later]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"channel": "phone"},
        {"follow_up": "due"},
        {"follow_up": "open"},
        {"start": D(2025, 3, 1), "end": D(2025, 8, 31)},
        {"start": D(2025, 6, 1), "channel": "meeting", "follow_up": "open"},
        {"structure": "first"},
    ],
)
@pytest.mark.parametrize("page", ["1", "2", "9"])
def test_the_log_page_is_filtered_contacts_paged(rf, pole, other_pole, member, citizen, filters, page):
    """contact_log_page(), written out, reads the rows, fields, relations, first-contact flags
    and count that paginate(filtered_contacts()) reads."""
    from peps.core.pagination import paginate

    structures = [f.StructureFactory(pole=pole) for _ in range(5)]
    for index in range(47):
        ContactFactory(
            pole=pole if index % 9 else other_pole,
            date=D(2025, 1, 1) + datetime.timedelta(days=(index * 7) % 300),
            structure=structures[index % 5] if index % 4 else None,
            person=(member, citizen, None)[index % 3],
            person_name="" if index % 3 < 2 else f"Personne {index}",
            channel=Channel.values[index % 5],
            follow_up="Rappeler" if index % 2 else "",
            follow_up_on=D(2025, 4, 1) + datetime.timedelta(days=index) if index % 5 == 1 else None,
            done=index % 7 == 0,
        )
    if filters.get("structure") == "first":
        filters = {"structure": structures[1]}
    today = D(2025, 5, 1)
    request = rf.get("/", {"page": page})
    shown = selectors.contact_log_page(pole=pole, request=request, today=today, **filters)
    expected = paginate(selectors.filtered_contacts(pole=pole, today=today, **filters), request)
    assert [c.pk for c in shown.items] == [c.pk for c in expected.items]
    assert (shown.number, shown.has_next, shown.has_previous, shown.total, shown.num_pages) == (
        expected.number,
        expected.has_next,
        expected.has_previous,
        expected.total,
        expected.num_pages,
    )
    for contact, orm in zip(shown.items, expected.items, strict=True):
        names = selectors.ROW_FIELDS
        fields = [field for field in Contact._meta.concrete_fields if field.name in names]
        assert {x.attname: getattr(contact, x.attname) for x in fields} == {
            x.attname: getattr(orm, x.attname) for x in fields
        }
        assert contact.is_first_contact == orm.is_first_contact
        assert (contact.who, contact.structure and contact.structure.slug) == (
            orm.who,
            orm.structure and orm.structure.slug,
        )
