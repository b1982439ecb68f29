"""resourcepeople:request_create, :requests, :request, :request_answer, :request_withdraw."""

import pytest
from django.core import mail
from django.urls import reverse

from peps.core.testing import factories as f
from peps.resourcepeople.models import RequestStatus, ResourceRequest
from peps.resourcepeople.tests.factories import ResourceRequestFactory

pytestmark = pytest.mark.django_db


def create_url(person):
    return reverse("resourcepeople:request_create", kwargs={"pk": person.pk})


def test_coordinator_sends_a_request_about_a_project(
    client, pole, coordinator, helene, django_capture_on_commit_callbacks
):
    project = f.ProjectFactory(pole=pole, title="Ressourcerie du Roannais")
    client.force_login(coordinator)
    assert "Ressourcerie du Roannais" in client.get(create_url(helene)).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            create_url(helene),
            {"pole": pole.pk, "purpose": "project", "project": project.pk, "message": "Relire le plan de financement."},
        )
    request = ResourceRequest.objects.get()
    assert response.url == request.get_absolute_url()
    assert (request.pole, request.project, request.requested_by) == (pole, project, coordinator)
    assert mail.outbox[0].to == ["helene@exemple.demo"]


def test_project_of_another_pole_is_refused(client, pole, other_pole, coordinator, helene):
    project = f.ProjectFactory(pole=other_pole)
    client.force_login(coordinator)
    response = client.post(
        create_url(helene), {"pole": pole.pk, "purpose": "project", "project": project.pk, "message": "x"}
    )
    assert response.status_code == 200 and not ResourceRequest.objects.exists()


def test_a_pole_one_does_not_coordinate_is_refused(client, other_pole, coordinator, helene):
    client.force_login(coordinator)
    response = client.post(create_url(helene), {"pole": other_pole.pk, "purpose": "bourse", "message": "x"})
    assert response.status_code == 200 and not ResourceRequest.objects.exists()


def test_member_gets_403_and_anonymous_goes_to_login(client, member, helene):
    assert client.get(create_url(helene)).status_code == 302
    client.force_login(member)
    assert client.get(create_url(helene)).status_code == 403
    assert client.post(create_url(helene), {"message": "x"}).status_code == 403


def test_hidden_person_is_404_before_anything(client, citizen, sophie):
    client.force_login(citizen)
    assert client.get(create_url(sophie)).status_code == 404


@pytest.fixture
def pending(pole, coordinator, helene):
    return ResourceRequestFactory(pole=pole, requested_by=coordinator, person=helene)


def test_follow_up_lists_the_pole_requests(client, coordinator, pending, other_pole, helene):
    ResourceRequestFactory(pole=other_pole, person=helene, message="Autre pôle")
    client.force_login(coordinator)
    response = client.get(reverse("resourcepeople:requests"))
    assert response.text.count("<tr>") == 2  # header + one request
    assert "En attente de réponse" in response.text


def test_follow_up_filters_by_status(client, coordinator, pending):
    client.force_login(coordinator)
    assert "Hélène" not in client.get(reverse("resourcepeople:requests"), {"statut": "accepted"}).text
    assert client.get(reverse("resourcepeople:requests"), {"statut": "nimportequoi"}).status_code == 200


def test_request_detail_is_hidden_from_outsiders_and_members(client, pending, outsider, member):
    url = pending.get_absolute_url()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404


def test_linked_person_answers_from_the_page(client, pending, helene, citizen, django_capture_on_commit_callbacks):
    helene.user = citizen
    helene.save()
    client.force_login(citizen)
    page = client.get(pending.get_absolute_url()).text
    assert "Enregistrer la réponse" in page and "Retirer la sollicitation" not in page
    assert "Hélène" in client.get(reverse("resourcepeople:requests")).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("resourcepeople:request_answer", kwargs={"pk": pending.pk}),
            {"decision": "accept", "answer": "Je viendrai."},
        )
    pending.refresh_from_db()
    assert pending.status == RequestStatus.ACCEPTED
    assert mail.outbox[-1].to == ["claire.coordination@example.org"]


def test_coordinator_cannot_answer_but_withdraws(client, pending, coordinator):
    client.force_login(coordinator)
    answer_url = reverse("resourcepeople:request_answer", kwargs={"pk": pending.pk})
    assert client.post(answer_url, {"decision": "accept"}).status_code == 403
    client.post(reverse("resourcepeople:request_withdraw", kwargs={"pk": pending.pk}))
    pending.refresh_from_db()
    assert pending.status == RequestStatus.WITHDRAWN


def test_answering_twice_shows_a_message_not_an_error(client, pending, network_admin):
    client.force_login(network_admin)
    answer_url = reverse("resourcepeople:request_answer", kwargs={"pk": pending.pk})
    client.post(answer_url, {"decision": "decline"})
    response = client.post(answer_url, {"decision": "accept"}, follow=True)
    assert "n’est plus en attente" in response.text
    pending.refresh_from_db()
    assert pending.status == RequestStatus.DECLINED


def test_follow_up_of_thirty_requests_costs_few_queries(
    client, pole, coordinator, helene, django_assert_max_num_queries
):
    for _n in range(30):
        ResourceRequestFactory(pole=pole, requested_by=coordinator, person=helene, project=f.ProjectFactory(pole=pole))
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("resourcepeople:requests"))
    assert response.text.count("<tr>") == 21


def test_request_detail_costs_few_queries(client, pending, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(pending.get_absolute_url()).status_code == 200


def test_follow_up_filters_by_pole(client, pole, other_pole, coordinator, helene):
    f.member_of(other_pole, role="coordinator", email=coordinator.email)
    ResourceRequestFactory(pole=pole, requested_by=coordinator, person=helene, message="Pour POLLENS")
    ResourceRequestFactory(pole=other_pole, requested_by=coordinator, person=helene, message="Pour l’autre")
    client.force_login(coordinator)
    page = client.get(reverse("resourcepeople:requests")).text
    assert page.count("<tr>") == 3 and "Filtrer par pôle" in page
    assert client.get(reverse("resourcepeople:requests"), {"pole": "autre-pole"}).text.count("<tr>") == 2
