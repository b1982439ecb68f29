"""The contact box on a structure's page: for the pole's staff only."""

import datetime

import pytest

from peps.activity.tests.factories import ContactFactory
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


def test_staff_see_the_box_with_the_last_contacts(client, pole, coordinator, structure):
    ContactFactory(pole=pole, structure=structure, topic="Présentation du pôle", date=datetime.date(2026, 1, 5))
    client.force_login(coordinator)
    html = client.get(structure.get_absolute_url()).content.decode()
    assert "Contacts du pôle avec cette structure" in html
    assert "Présentation du pôle" in html and "premier contact" in html
    assert f'name="from_structure" value="{structure.pk}"' in html


def test_members_visitors_and_outsiders_do_not(client, pole, member, outsider, structure):
    ContactFactory(pole=pole, structure=structure, topic="Secret de la coordination")
    for user in (None, member, outsider):
        if user:
            client.force_login(user)
        html = client.get(structure.get_absolute_url()).content.decode()
        assert "Secret de la coordination" not in html and "Noter un contact" not in html


def test_the_box_adds_few_queries(client, pole, coordinator, structure, django_assert_max_num_queries):
    for index in range(30):
        ContactFactory(
            pole=pole, structure=structure, person=f.UserFactory(), date=datetime.date(2026, 1, 1 + index % 28)
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        client.get(structure.get_absolute_url())


def test_the_box_escapes_what_it_shows_and_speaks_english(client, pole, coordinator):
    structure = f.StructureFactory(pole=pole, name="La <b>Coop</b> & Cie")
    ContactFactory(pole=pole, structure=structure, topic="<script>x</script>", date=datetime.date(2026, 1, 5))
    client.force_login(coordinator)
    html = client.get(structure.get_absolute_url()).content.decode()
    assert "Tous les contacts avec La &lt;b&gt;Coop&lt;/b&gt; &amp; Cie" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x</script>" not in html
    english = client.get(structure.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "All contacts with La &lt;b&gt;Coop&lt;/b&gt; &amp; Cie" in english
    assert "Record a contact" in english and "Noter un contact" not in english
