"""Approving or refusing a pending request; the person is told by e-mail."""

import pytest
from django.core import mail

from peps.core.testing import factories as f
from peps.poles.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_of_paula(pole):
    person = f.UserFactory(email="paula@example.org", display_name="Paula")
    return Membership.objects.create(pole=pole, person=person, status="pending")


def test_approval_activates_and_mails_the_member(
    client, pole, coordinator, request_of_paula, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/p/pollens/adhesions/{request_of_paula.pk}/accepter/")
    assert response.status_code == 302
    request_of_paula.refresh_from_db()
    assert request_of_paula.status == "active" and request_of_paula.joined_on is not None
    assert [m.to for m in mail.outbox] == [["paula@example.org"]]
    assert "adhésion est acceptée" in mail.outbox[0].subject
    assert "Bienvenue" in mail.outbox[0].body


def test_refusal_marks_refused_and_mails(
    client, pole, coordinator, request_of_paula, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/p/pollens/adhesions/{request_of_paula.pk}/refuser/")
    request_of_paula.refresh_from_db()
    assert request_of_paula.status == "refused"
    assert mail.outbox[0].to == ["paula@example.org"]


def test_a_refused_person_may_ask_again(client, pole, request_of_paula):
    request_of_paula.status = "refused"
    request_of_paula.save()
    client.force_login(request_of_paula.person)
    client.post("/p/pollens/adherer/", {"accept_charter": "on"})
    request_of_paula.refresh_from_db()
    assert request_of_paula.status == "pending"


def test_deciding_twice_gives_a_message_not_an_error(client, pole, coordinator, request_of_paula):
    client.force_login(coordinator)
    client.post(f"/p/pollens/adhesions/{request_of_paula.pk}/accepter/")
    response = client.post(f"/p/pollens/adhesions/{request_of_paula.pk}/refuser/", follow=True)
    assert "déjà été traitée" in response.content.decode()
    request_of_paula.refresh_from_db()
    assert request_of_paula.status == "active"


def test_member_cannot_approve(client, pole, member, request_of_paula):
    client.force_login(member)
    assert client.post(f"/p/pollens/adhesions/{request_of_paula.pk}/accepter/").status_code == 403


def test_outsider_gets_404(client, pole, outsider, request_of_paula):
    client.force_login(outsider)
    assert client.post(f"/p/pollens/adhesions/{request_of_paula.pk}/accepter/").status_code == 404


def test_request_of_another_pole_is_404(client, pole, other_pole, coordinator):
    foreign = Membership.objects.create(pole=other_pole, person=f.UserFactory(), status="pending")
    client.force_login(coordinator)
    assert client.post(f"/p/pollens/adhesions/{foreign.pk}/accepter/").status_code == 404


def test_get_is_not_allowed(client, pole, coordinator, request_of_paula):
    client.force_login(coordinator)
    assert client.get(f"/p/pollens/adhesions/{request_of_paula.pk}/accepter/").status_code == 405
