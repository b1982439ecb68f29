"""Services of the contact log: record, change, close and delete contacts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from peps.activity import services
from peps.activity.models import Channel, Contact
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


def test_create_records_who_wrote_it_and_folds_the_name(pole, coordinator, structure):
    contact = services.contact_create(
        pole=pole,
        by=coordinator,
        date=datetime.date(2026, 3, 2),
        channel=Channel.PHONE,
        topic="  Adhésion au pôle ",
        structure=structure,
        person_name="  Élise   Martin ",
    )
    contact.refresh_from_db()
    assert contact.recorded_by == coordinator
    assert contact.person_name == "Élise Martin"
    assert contact.person_key == "elise martin"
    assert contact.topic == "Adhésion au pôle"


def test_a_contact_names_a_structure_or_a_person(pole, coordinator):
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            pole=pole, by=coordinator, date=datetime.date(2026, 3, 2), channel=Channel.PHONE, topic="Appel"
        )
    assert "person_name" in error.value.message_dict
    assert not Contact.objects.exists()


def test_an_account_alone_is_enough(pole, coordinator, member):
    contact = services.contact_create(
        pole=pole, by=coordinator, date=datetime.date(2026, 3, 2), channel=Channel.EMAIL, topic="Relance", person=member
    )
    assert contact.who == member.public_name


def test_a_structure_of_another_pole_is_refused(pole, other_pole, coordinator):
    elsewhere = f.StructureFactory(pole=other_pole)
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            pole=pole, by=coordinator, date=datetime.date(2026, 3, 2), channel="phone", topic="x", structure=elsewhere
        )
    assert "structure" in error.value.message_dict


def test_future_dates_and_follow_ups_before_the_contact_are_refused(pole, coordinator, structure):
    future = timezone.localdate() + datetime.timedelta(days=5)
    with pytest.raises(ValidationError) as error:
        services.contact_create(pole=pole, by=coordinator, date=future, channel="phone", topic="x", structure=structure)
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            pole=pole,
            by=coordinator,
            date=datetime.date(2026, 3, 2),
            channel="phone",
            topic="x",
            structure=structure,
            follow_up_on=datetime.date(2026, 3, 1),
        )
    assert "follow_up_on" in error.value.message_dict


def test_update_checks_again_and_mark_done_closes_the_follow_up(pole, coordinator, structure):
    contact = services.contact_create(
        pole=pole,
        by=coordinator,
        date=datetime.date(2026, 3, 2),
        channel="meeting",
        topic="Rencontre",
        structure=structure,
        follow_up="Envoyer la plaquette",
        follow_up_on=datetime.date(2026, 3, 20),
    )
    with pytest.raises(ValidationError):
        services.contact_update(contact=contact, by=coordinator, structure=None)
    contact.refresh_from_db()
    services.contact_update(contact=contact, by=coordinator, topic="Rencontre au local", person_name="Bruno Perrin")
    contact.refresh_from_db()
    assert (contact.topic, contact.person_key) == ("Rencontre au local", "bruno perrin")
    with pytest.raises(TypeError):
        services.contact_update(contact=contact, by=coordinator, pole=pole)
    services.contact_mark_done(contact=contact, by=coordinator)
    contact.refresh_from_db()
    assert contact.done and not contact.follow_up_is_due


def test_deleting_the_person_account_keeps_the_contact(pole, coordinator, member):
    contact = services.contact_create(
        pole=pole, by=coordinator, date=datetime.date(2026, 3, 2), channel="email", topic="Relance", person=member
    )
    member.delete()
    contact.refresh_from_db()
    assert contact.person is None and contact.who == ""


def test_delete_removes_the_contact(pole, coordinator, structure):
    contact = services.contact_create(
        pole=pole, by=coordinator, date=datetime.date(2026, 3, 2), channel="phone", topic="x", structure=structure
    )
    services.contact_delete(contact=contact, by=coordinator)
    assert not Contact.objects.exists()
