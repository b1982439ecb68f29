"""Colleges: pole administrators create and edit them; names are unique in a pole."""

import pytest

from peps.poles.models import College

pytestmark = pytest.mark.django_db

URL = "/p/pollens/colleges/"


def test_coordinator_gets_403_member_403_outsider_404(client, pole, coordinator, member, outsider):
    for user, status in ((coordinator, 403), (member, 403), (outsider, 404)):
        client.force_login(user)
        assert client.get(URL).status_code == status


def test_pole_admin_creates_a_college(client, pole, pole_admin):
    client.force_login(pole_admin)
    response = client.post(URL, {"name": "Société civile", "description": "", "board_seats": 3, "position": 3})
    assert response.status_code == 302
    assert College.objects.get(pole=pole, name="Société civile").board_seats == 3


def test_duplicate_name_is_a_clear_error(client, pole, pole_admin, college):
    client.force_login(pole_admin)
    response = client.post(URL, {"name": "acteurs de l’ess", "board_seats": 1, "position": 0})
    assert "déjà ce nom" in response.content.decode()


def test_pole_admin_edits_a_college(client, pole, pole_admin, college):
    client.force_login(pole_admin)
    client.post(
        f"{URL}{college.pk}/", {"name": college.name, "description": "Six sièges", "board_seats": 7, "position": 1}
    )
    college.refresh_from_db()
    assert college.board_seats == 7


def test_college_of_another_pole_is_404(client, pole, other_pole, pole_admin):
    from peps.core.testing import factories as f

    foreign = f.CollegeFactory(pole=other_pole)
    client.force_login(pole_admin)
    assert client.get(f"{URL}{foreign.pk}/").status_code == 404
