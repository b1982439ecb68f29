"""Adding a membership: a person by e-mail (existing account) or a structure of the pole."""

import pytest

from peps.core.testing import factories as f
from peps.poles.models import Membership

pytestmark = pytest.mark.django_db

URL = "/p/pollens/adhesions/ajouter/"


def post(client, **data):
    base = {"kind": "person", "email": "", "structure": "", "college": "", "role": "member", "joined_on": "2025-02-01"}
    return client.post(URL, {**base, **data})


def test_member_gets_403_and_outsider_404(client, pole, member, outsider):
    client.force_login(member)
    assert client.get(URL).status_code == 403
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_coordinator_adds_a_person_by_email(client, pole, coordinator, college, citizen):
    client.force_login(coordinator)
    assert client.get(URL).status_code == 200
    response = post(client, email="CELIA.citoyenne@example.org", college=college.pk, role="board")
    assert response.status_code == 302
    membership = Membership.objects.get(pole=pole, person=citizen)
    assert (membership.status, membership.role, membership.college) == ("active", "board", college)
    assert str(membership.joined_on) == "2025-02-01"


def test_unknown_email_is_a_form_error(client, pole, coordinator):
    client.force_login(coordinator)
    response = post(client, email="personne@nulle-part.fr")
    html = response.content.decode()
    assert "Aucun compte n’utilise cette adresse" in html
    assert 'value="personne@nulle-part.fr"' in html


def test_coordinator_adds_a_structure_of_the_pole(client, pole, coordinator):
    structure = f.StructureFactory(pole=pole, name="SCOP Tissage")
    client.force_login(coordinator)
    post(client, kind="structure", structure=structure.pk)
    assert Membership.objects.get(structure=structure).role == "member"


def test_structure_of_another_pole_cannot_be_added(client, pole, other_pole, coordinator):
    structure = f.StructureFactory(pole=other_pole)
    client.force_login(coordinator)
    response = post(client, kind="structure", structure=structure.pk)
    assert response.status_code == 200
    assert not Membership.objects.filter(structure=structure).exists()


def test_existing_member_cannot_be_added_twice(client, pole, coordinator, member):
    client.force_login(coordinator)
    response = post(client, email=member.email)
    assert "déjà une adhésion" in response.content.decode()


def test_coordinator_cannot_grant_the_coordinator_role(client, pole, coordinator, citizen):
    client.force_login(coordinator)
    response = post(client, email=citizen.email, role="coordinator")
    assert response.status_code == 200
    assert not Membership.objects.filter(person=citizen).exists()


def test_pole_admin_can_grant_the_coordinator_role(client, pole, pole_admin, citizen):
    client.force_login(pole_admin)
    post(client, email=citizen.email, role="coordinator")
    assert Membership.objects.get(person=citizen).role == "coordinator"
