"""Editing a contact, closing its follow-up and deleting it after a confirmation."""

import datetime

import pytest
from django.urls import reverse

from peps.activity.models import Contact
from peps.activity.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _url(name, contact):
    return reverse(f"activity:{name}", kwargs={"pole": "pollens", "pk": contact.pk})


def test_edit_changes_the_contact_and_keeps_the_person(client, pole, coordinator, structure):
    contact = ContactFactory(pole=pole, structure=structure, person_name="Bruno Perrin")
    client.force_login(coordinator)
    page = client.get(_url("edit", contact)).content.decode()
    assert 'value="Bruno Perrin"' in page and 'value="Maison de l’Emploi du Roannais"' in page
    response = client.post(
        _url("edit", contact),
        {
            "date": "2026-03-04",
            "channel": "email",
            "structure": structure.name,
            "person_text": "Bruno Perrin",
            "topic": "Suite de l’adhésion",
            "notes": "Bulletin reçu.",
            "follow_up": "",
            "follow_up_on": "",
            "done": "on",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.channel, contact.topic, contact.notes, contact.done) == (
        "email",
        "Suite de l’adhésion",
        "Bulletin reçu.",
        True,
    )


def test_edit_with_errors_keeps_the_typed_text(client, pole, coordinator, structure):
    contact = ContactFactory(pole=pole, structure=structure)
    client.force_login(coordinator)
    response = client.post(_url("edit", contact), {"date": "2026-03-04", "channel": "email", "topic": ""})
    assert response.status_code == 200 and "form-errors" in response.content.decode()


def test_contact_of_another_pole_is_404(client, pole, other_pole, coordinator):
    contact = ContactFactory(pole=other_pole)
    client.force_login(coordinator)
    for name in ("edit", "delete"):
        assert client.get(_url(name, contact)).status_code == 404
    assert client.post(_url("done", contact)).status_code == 404


def test_member_gets_403_and_outsider_404(client, pole, member, outsider):
    contact = ContactFactory(pole=pole)
    for user, status in ((member, 403), (outsider, 404)):
        client.force_login(user)
        assert client.get(_url("edit", contact)).status_code == status
        assert client.post(_url("delete", contact)).status_code == status
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_delete_asks_first_then_deletes(client, pole, coordinator):
    contact = ContactFactory(pole=pole, topic="À supprimer")
    client.force_login(coordinator)
    page = client.get(_url("delete", contact))
    assert "À supprimer" in page.content.decode() and Contact.objects.exists()
    assert client.post(_url("delete", contact)).status_code == 302
    assert not Contact.objects.exists()


def test_mark_done_by_htmx_returns_the_row(client, pole, coordinator):
    contact = ContactFactory(
        pole=pole, follow_up="Rappeler", follow_up_on=datetime.date(2026, 1, 10), date=datetime.date(2026, 1, 2)
    )
    client.force_login(coordinator)
    response = client.post(_url("done", contact), HTTP_HX_REQUEST="true")
    assert f'id="contact-{contact.pk}"' in response.content.decode()
    contact.refresh_from_db()
    assert contact.done
