"""Services of requests: send (coordination only, e-mail to the person), answer (the person or
a network administrator), withdraw (the coordination); a request is answered once."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from peps.core.testing import factories as f
from peps.resourcepeople import services
from peps.resourcepeople.models import Purpose, RequestStatus

pytestmark = pytest.mark.django_db


def send(pole, person, by, **extra):
    fields = {"purpose": Purpose.BOURSE, "message": "Venez à la Bourse aux projets du 12 mars."} | extra
    return services.request_send(pole=pole, person=person, by=by, **fields)


def test_coordinator_sends_a_request_and_the_person_gets_an_email(
    pole, coordinator, helene, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = send(pole, helene, coordinator)
    assert request.status == RequestStatus.PENDING and request.requested_by == coordinator
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["helene@exemple.demo"]
    assert "POLLENS vous sollicite" in mail.outbox[0].subject
    assert "Bourse aux projets du 12 mars" in mail.outbox[0].body


def test_a_member_cannot_send(pole, member, helene):
    with pytest.raises(PermissionDenied):
        send(pole, helene, member)


def test_project_must_belong_to_the_pole(pole, other_pole, coordinator, helene):
    project = f.ProjectFactory(pole=other_pole)
    with pytest.raises(ValidationError):
        send(pole, helene, coordinator, purpose=Purpose.PROJECT, project=project)


def test_inactive_person_cannot_be_asked(pole, coordinator, helene):
    helene.is_active = False
    with pytest.raises(ValidationError):
        send(pole, helene, coordinator)


def test_linked_person_answers_and_the_coordinator_is_told(
    pole, coordinator, helene, citizen, django_capture_on_commit_callbacks
):
    helene.user = citizen
    helene.save()
    request = send(pole, helene, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(request=request, by=citizen, accept=True, answer="Avec plaisir.")
    request.refresh_from_db()
    assert (request.status, request.answer, request.answered_by) == (RequestStatus.ACCEPTED, "Avec plaisir.", citizen)
    assert request.answered_at is not None
    assert mail.outbox[-1].to == [coordinator.email] and "acceptée" in mail.outbox[-1].subject


def test_network_admin_records_an_answer_for_an_unlinked_person(pole, coordinator, helene, network_admin):
    request = send(pole, helene, coordinator)
    services.request_answer(request=request, by=network_admin, accept=False)
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED


def test_someone_else_cannot_answer(pole, coordinator, helene, citizen):
    request = send(pole, helene, coordinator)
    with pytest.raises(PermissionDenied):
        services.request_answer(request=request, by=coordinator, accept=True)
    with pytest.raises(PermissionDenied):
        services.request_answer(request=request, by=citizen, accept=True)


def test_a_request_is_answered_once(pole, coordinator, helene, network_admin):
    request = send(pole, helene, coordinator)
    services.request_withdraw(request=request, by=coordinator)
    with pytest.raises(ValidationError) as refusal:
        services.request_answer(request=request, by=network_admin, accept=True)
    assert "n’est plus en attente" in refusal.value.messages[0]


def test_withdraw_is_for_the_pole_coordination(pole, coordinator, outsider, helene, django_capture_on_commit_callbacks):
    request = send(pole, helene, coordinator)
    with pytest.raises(PermissionDenied):
        services.request_withdraw(request=request, by=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_withdraw(request=request, by=coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert mail.outbox[-1].to == ["helene@exemple.demo"]


def test_person_save_is_for_network_admins(helene, coordinator, network_admin):
    with pytest.raises(PermissionDenied):
        services.person_save(person=helene, by=coordinator)
    helene.tags = "Circuits courts"
    services.person_save(person=helene, by=network_admin)
    helene.refresh_from_db()
    assert helene.tag_keys == "|circuits courts|"
