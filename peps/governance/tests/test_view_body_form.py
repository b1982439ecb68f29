"""Creating and describing the pole's bodies from the web."""

import pytest

from peps.governance.models import Body, BodyKind

pytestmark = pytest.mark.django_db


def test_a_coordinator_creates_a_commission_and_lands_on_its_page(client, pole, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/p/pollens/gouvernance/instances/nouvelle/",
        {
            "kind": BodyKind.COMMISSION,
            "name": "Commission mobilité",
            "description": "",
            "visibility": "public",
            "max_proxies_per_person": 2,
        },
    )
    body = Body.objects.get(pole=pole, name="Commission mobilité")
    assert response.status_code == 302 and response.url == body.get_absolute_url()
    assert "Commission mobilité" in client.get("/p/pollens/gouvernance/").content.decode()


def test_a_second_board_is_refused_with_a_message(client, pole, coordinator, board):
    client.force_login(coordinator)
    response = client.post(
        "/p/pollens/gouvernance/instances/nouvelle/",
        {"kind": BodyKind.BOARD, "name": "Autre conseil", "visibility": "members", "max_proxies_per_person": 2},
    )
    assert response.status_code == 200
    assert "Ce pôle a déjà cette instance." in response.content.decode()
    assert Body.objects.filter(pole=pole, kind=BodyKind.BOARD).count() == 1


def test_a_name_already_taken_is_refused_and_what_was_typed_is_kept(client, pole, coordinator, commission):
    client.force_login(coordinator)
    response = client.post(
        "/p/pollens/gouvernance/instances/nouvelle/",
        {
            "kind": BodyKind.COMMISSION,
            "name": "commission actions",
            "description": "Texte gardé",
            "visibility": "members",
            "max_proxies_per_person": 2,
        },
    )
    page = response.content.decode()
    assert "Une autre instance du pôle porte déjà ce nom." in page and "Texte gardé" in page


def test_the_coordinator_edits_a_body_but_not_its_kind(client, pole, coordinator, commission):
    client.force_login(coordinator)
    url = f"/p/pollens/gouvernance/instances/{commission.pk}/modifier/"
    assert 'name="kind"' not in client.get(url).content.decode()
    client.post(
        url,
        {
            "name": "Commission des actions",
            "description": "Ouverte",
            "visibility": "public",
            "max_proxies_per_person": 3,
            "kind": BodyKind.BOARD,
        },
    )
    commission.refresh_from_db()
    assert (commission.name, commission.kind, commission.visibility) == (
        "Commission des actions",
        "commission",
        "public",
    )


def test_members_get_403_outsiders_404_and_visitors_the_login_page(client, pole, member, outsider, commission):
    client.force_login(member)
    assert client.get("/p/pollens/gouvernance/instances/nouvelle/").status_code == 403
    assert client.get(f"/p/pollens/gouvernance/instances/{commission.pk}/modifier/").status_code == 403
    client.force_login(outsider)
    assert client.get(f"/p/pollens/gouvernance/instances/{commission.pk}/modifier/").status_code == 404
    client.logout()
    assert client.get("/p/pollens/gouvernance/instances/nouvelle/").status_code == 302
