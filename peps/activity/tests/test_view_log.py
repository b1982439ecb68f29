"""The contact log page: staff only, filters, pagination in SQL, « premier contact »."""

import datetime
import re

import pytest
from django.urls import reverse

from peps.activity.tests.factories import ContactFactory
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("activity:log", kwargs={"pole": "pollens"})


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(URL)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_member_gets_403_and_outsider_404(client, pole, member, outsider):
    client.force_login(member)
    assert client.get(URL).status_code == 403
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_board_member_is_not_staff(client, pole):
    board = f.member_of(pole, role="board")
    client.force_login(board)
    assert client.get(URL).status_code == 403


def test_coordinator_sees_the_log_with_first_contacts(client, pole, coordinator, structure):
    ContactFactory(pole=pole, structure=structure, date=datetime.date(2026, 1, 5), topic="Présentation du pôle")
    ContactFactory(pole=pole, structure=structure, date=datetime.date(2026, 2, 5), topic="Adhésion")
    client.force_login(coordinator)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Présentation du pôle" in html and "Adhésion" in html
    assert html.count("badge-first") == 1
    rows = response.context["page"].items
    assert [c.is_first_contact for c in rows] == [False, True]


def test_filters_keep_to_the_chosen_structure_and_ignore_junk(client, pole, coordinator, structure):
    ContactFactory(pole=pole, structure=structure, topic="Avec la maison")
    ContactFactory(pole=pole, structure=f.StructureFactory(pole=pole), topic="Ailleurs")
    client.force_login(coordinator)
    response = client.get(URL, {"structure": structure.pk, "start": "pas-une-date", "channel": "pigeon", "page": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Avec la maison" in html and "Ailleurs" not in html
    # The structure's id in a link is shown by its name in the filter.
    assert 'value="Maison de l’Emploi du Roannais"' in html


def test_reversed_period_is_reported_not_applied(client, pole, coordinator):
    ContactFactory(pole=pole, date=datetime.date(2026, 1, 5), topic="Janvier")
    client.force_login(coordinator)
    response = client.get(URL, {"start": "2026-03-01", "end": "2026-02-01"})
    assert "La date de fin doit venir après la date de début." in response.content.decode()
    assert "Janvier" in response.content.decode()


def test_htmx_gets_only_the_results(client, pole, coordinator):
    ContactFactory(pole=pole)
    client.force_login(coordinator)
    response = client.get(URL, {"channel": "meeting"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="contact-results"' in html and "<h1>" not in html


def test_log_page_queries_are_bounded_with_many_rows(client, pole, coordinator, django_assert_max_num_queries):
    structures = [f.StructureFactory(pole=pole) for _ in range(10)]
    people = [f.UserFactory() for _ in range(5)]
    for index in range(45):
        ContactFactory(
            pole=pole,
            structure=structures[index % 10],
            person=people[index % 5] if index % 2 else None,
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=index),
            follow_up="Rappeler" if index % 3 else "",
            follow_up_on=datetime.date(2026, 6, 1) if index % 3 else None,
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert len(response.context["page"].items) >= 20
    with django_assert_max_num_queries(12):
        client.get(URL, {"page": 2, "follow_up": "open"})


def test_each_row_shows_its_links_person_follow_up_and_accessible_labels(client, pole, coordinator, structure):
    """The rows are a Jinja2 partial: what each cell shows, for a contact with an account,
    one with a typed name and an open follow-up, and one whose follow-up is done."""
    account = f.UserFactory(display_name="Camille Dupont")
    with_account = ContactFactory(
        pole=pole, structure=structure, person=account, person_name="", date=datetime.date(2026, 1, 5), topic="Visite"
    )
    open_one = ContactFactory(
        pole=pole, topic="Dossier <b>FSE</b>", follow_up="Rappeler", follow_up_on=datetime.date(2026, 6, 1)
    )
    ContactFactory(pole=pole, topic="Bilan", follow_up="Envoyer le bilan", done=True)
    client.force_login(coordinator)
    # French typography puts no-break spaces in dates: compare with plain spaces.
    html = re.sub(r"[\u00a0\u202f]", " ", client.get(URL).content.decode())
    structure_url = reverse("directory:structure", args=[pole.slug, structure.slug])
    assert f'<a href="{structure_url}">Maison de l’Emploi du Roannais</a>' in html
    assert "Camille Dupont" in html
    assert "<td>5 jan. 2026</td>" in html
    assert "Dossier &lt;b&gt;FSE&lt;/b&gt;" in html and "<b>FSE</b>" not in html
    assert "(avant le 1 juin 2026)" in html or "(avant le 1er juin 2026)" in html
    done_url = reverse("activity:done", args=[pole.slug, open_one.pk])
    assert f'action="{done_url}"' in html and 'name="csrfmiddlewaretoken"' in html
    assert html.count("Marquer comme faite") == 1 and ">faite</span>" in html
    edit_url = reverse("activity:edit", args=[pole.slug, with_account.pk])
    assert (
        f'<a href="{edit_url}">Modifier<span class="visually-hidden"> le contact « Visite » du 5 janvier 2026</span>'
        in html
    )


def test_marking_done_sends_back_the_row_for_htmx(client, pole, coordinator):
    contact = ContactFactory(pole=pole, topic="Relance", follow_up="Rappeler")
    client.force_login(coordinator)
    response = client.post(reverse("activity:done", args=[pole.slug, contact.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="contact-{contact.pk}">')
    assert ">faite</span>" in html and "Suite marquée comme faite." in html
