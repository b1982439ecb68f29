"""Joining a pole: charter required, pending membership, coordinators told by e-mail."""

import pytest
from django.core import mail

from peps.core.testing import factories as f
from peps.directory.models import Representative
from peps.poles.models import Membership, MembershipEvent

pytestmark = pytest.mark.django_db

URL = "/p/pollens/adherer/"


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(URL)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_charter_page_shows_charter_and_join_link(client, pole):
    pole.charter = "Nous coopérons **loyalement**."
    pole.save()
    html = client.get("/p/pollens/charte/").content.decode()
    assert "<strong>loyalement</strong>" in html and URL in html


def test_request_creates_pending_membership_and_mails_coordinators(
    client, pole, college, citizen, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"college": college.pk, "accept_charter": "on"})
    assert response.status_code == 302
    membership = Membership.objects.get(pole=pole, person=citizen)
    assert membership.status == "pending" and membership.college == college
    assert membership.charter_accepted_at is not None
    assert MembershipEvent.objects.filter(membership=membership, kind="requested").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert "Nouvelle demande d’adhésion" in mail.outbox[0].subject
    assert "/p/pollens/adhesions/" in mail.outbox[0].body


def test_charter_must_be_accepted(client, pole, college, citizen):
    client.force_login(citizen)
    response = client.post(URL, {"college": college.pk})
    assert response.status_code == 200
    assert "vous devez accepter la charte" in response.content.decode()
    assert not Membership.objects.filter(person=citizen).exists()


def test_college_of_another_pole_is_refused(client, pole, college, other_pole, citizen):
    foreign = f.CollegeFactory(pole=other_pole)
    client.force_login(citizen)
    response = client.post(URL, {"college": foreign.pk, "accept_charter": "on"})
    assert response.status_code == 200
    assert not Membership.objects.filter(person=citizen).exists()


def test_second_request_is_refused_with_a_message(client, pole, college, member):
    client.force_login(member)
    response = client.post(URL, {"college": college.pk, "accept_charter": "on"})
    assert "existe déjà" in response.content.decode()


def test_join_in_the_name_of_a_represented_structure(client, pole, college, citizen):
    structure = f.StructureFactory(pole=pole, name="La Ressourcerie")
    Representative.objects.create(structure=structure, person=citizen, status="approved")
    client.force_login(citizen)
    assert "La Ressourcerie" in client.get(URL).content.decode()
    client.post(URL, {"college": college.pk, "structure": structure.pk, "accept_charter": "on"})
    membership = Membership.objects.get(pole=pole, structure=structure)
    assert membership.status == "pending" and membership.person is None


def test_structure_not_represented_cannot_be_chosen(client, pole, college, citizen):
    structure = f.StructureFactory(pole=pole)
    client.force_login(citizen)
    client.post(URL, {"college": college.pk, "structure": structure.pk, "accept_charter": "on"})
    assert not Membership.objects.filter(structure=structure).exists()
