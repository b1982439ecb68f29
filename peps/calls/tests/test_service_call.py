"""Services of the call itself: saving, status changes with history, and the form editor's locks."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from peps.calls import services
from peps.calls.models import CallField, CallStatus, CallStatusChange, Criterion, FieldKind, Score

from .factories import AssignmentFactory, CallFactory, CallFieldFactory

pytestmark = pytest.mark.django_db


def test_only_network_admins_save_calls(coordinator, network_admin):
    call = CallFactory.build(status=CallStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.call_save(call=call, by=coordinator)
    services.call_save(call=call, by=network_admin)
    assert call.pk and call.created_by == network_admin


def test_a_call_closes_after_it_opens(network_admin):
    now = timezone.now()
    call = CallFactory.build(opens_at=now, closes_at=now - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.call_save(call=call, by=network_admin)


def test_publishing_needs_a_question_and_is_recorded(network_admin):
    call = CallFactory(status=CallStatus.DRAFT)
    with pytest.raises(ValidationError, match="au moins une question"):
        services.call_set_status(call=call, to=CallStatus.PUBLISHED, by=network_admin)
    CallFieldFactory(call=call)
    services.call_set_status(call=call, to=CallStatus.PUBLISHED, by=network_admin)
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    change = CallStatusChange.objects.get(call=call)
    assert (change.from_status, change.to_status, change.by) == ("draft", "published", network_admin)


def test_decided_is_reached_only_by_sending_outcomes(call, network_admin):
    with pytest.raises(ValidationError):
        services.call_set_status(call=call, to=CallStatus.DECIDED, by=network_admin)


def test_a_call_with_applications_cannot_go_back_to_draft(call, draft, network_admin):
    with pytest.raises(ValidationError, match="brouillon"):
        services.call_set_status(call=call, to=CallStatus.DRAFT, by=network_admin)


def test_questions_are_locked_once_someone_has_started(call, draft, network_admin):
    with pytest.raises(ValidationError, match="ne peut plus changer"):
        services.call_field_save(field=CallField(call=call, label="Nouvelle", kind="short_text"), by=network_admin)
    with pytest.raises(ValidationError):
        services.call_field_delete(field=call.fields.first(), by=network_admin)


def test_a_choice_question_needs_two_choices_and_gets_the_last_position(network_admin):
    call = CallFactory(status=CallStatus.DRAFT)
    CallFieldFactory(call=call, position=4)
    with pytest.raises(ValidationError):
        services.call_field_save(
            field=CallField(call=call, label="Stade", kind="choice", choices="Un"), by=network_admin
        )
    field = services.call_field_save(
        field=CallField(call=call, label="Stade", kind=FieldKind.CHOICE, choices="Un\nDeux"), by=network_admin
    )
    assert field.position == 5


def test_moving_a_question_swaps_it_with_its_neighbour(network_admin):
    call = CallFactory(status=CallStatus.DRAFT)
    a, b, c = (CallFieldFactory(call=call, label=label) for label in "ABC")
    services.call_field_move(field=c, direction="up", by=network_admin)
    assert [f.label for f in call.fields.all()] == ["A", "C", "B"]
    services.call_field_move(field=a, direction="up", by=network_admin)  # already first: nothing moves
    assert [f.label for f in call.fields.all()] == ["A", "C", "B"]


def test_criteria_are_locked_once_scoring_started(call, network_admin):
    assignment = AssignmentFactory(application__call=call)
    criterion = call.criteria.first()
    services.criterion_save(criterion=Criterion(call=call, label="Nouveau", weight=2), by=network_admin)
    Score.objects.create(assignment=assignment, criterion=criterion, score=3)
    with pytest.raises(ValidationError, match="critères"):
        services.criterion_delete(criterion=criterion, by=network_admin)
