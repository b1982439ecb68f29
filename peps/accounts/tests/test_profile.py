"""My profile page: my poles and roles, my projects, the structures I represent."""

import pytest

from peps.core.testing import factories as f
from peps.directory.models import Representative
from peps.poles.models import Membership

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get("/profil/")
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_shows_poles_roles_projects_and_structures(client, pole, coordinator):
    f.ProjectFactory(pole=pole, holder=coordinator, title="Recyclerie du Roannais")
    structure = f.StructureFactory(pole=pole, name="La Ressourcerie")
    Representative.objects.create(structure=structure, person=coordinator, status="approved", title="Présidente")
    client.force_login(coordinator)
    html = client.get("/profil/").content.decode()
    assert html.count("<h1>") == 1
    assert "POLLENS — Roannais" in html and "Coordination" in html
    assert "Recyclerie du Roannais" in html
    assert "La Ressourcerie" in html and "Présidente" in html
    assert "/compte/email/" in html and "/compte/password/change/" in html


def test_queries_are_bounded(client, pole, coordinator, django_assert_max_num_queries):
    for _ in range(30):
        f.ProjectFactory(pole=pole, holder=coordinator)
        other = f.PoleFactory()
        Membership.objects.create(pole=other, person=coordinator)
        Representative.objects.create(structure=f.StructureFactory(pole=other), person=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get("/profil/")
    assert response.content.decode().count("Idée déposée") == 30
