"""Loans: the coordinator records returns; overdue borrowers are reminded by e-mail (the
service, the task and the management command)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from peps.commons import services
from peps.commons.models import BookingStatus
from peps.commons.tasks import send_overdue_reminders
from peps.commons.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(van, member):
    start = timezone.now() - datetime.timedelta(days=10)
    return BookingFactory(resource=van, booked_by=member, starts_at=start, ends_at=start + datetime.timedelta(days=2))


def test_return_frees_the_item(overdue, coordinator):
    services.booking_record_return(booking=overdue, by=coordinator)
    overdue.refresh_from_db()
    assert overdue.status == BookingStatus.RETURNED
    assert overdue.returned_to == coordinator and overdue.returned_at


def test_only_a_loan_in_progress_can_be_returned(room, coordinator):
    with pytest.raises(ValidationError):
        services.booking_record_return(booking=BookingFactory(resource=room), by=coordinator)


def test_overdue_borrower_is_reminded_once_every_three_days(overdue, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_overdue_reminders() == 1
        assert services.send_overdue_reminders() == 0
    assert mail.outbox[0].to == [member.email]
    assert "rendre" in mail.outbox[0].subject
    later = timezone.now() + datetime.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_overdue_reminders(now=later) == 1


def test_returned_or_not_yet_due_loans_get_no_reminder(overdue, van, member, coordinator):
    services.booking_record_return(booking=overdue, by=coordinator)
    BookingFactory(resource=van, booked_by=member)
    assert services.send_overdue_reminders() == 0


def test_task_and_command_send_the_reminders(overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_overdue_reminders.enqueue()
    assert result.return_value == 1
    overdue.last_reminder_at = None
    overdue.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_overdue_reminders")
    assert len(mail.outbox) == 2
