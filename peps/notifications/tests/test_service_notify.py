"""notify(): an in-app notification each, and an e-mail as each person chose."""

import pytest
from django.core import mail

from peps.notifications.models import Notification, NotificationSettings
from peps.notifications.selectors import unread_count
from peps.notifications.services import notification_mark_read, notifications_mark_all_read, notify


def send(recipients, pole=None):
    return notify(recipients=recipients, kind="test.hello", text="Bonjour du pôle", url="/p/pollens/", pole=pole)


def test_immediate_by_default_sends_one_email_after_commit(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = send([alice])
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Bonjour du pôle" in mail.outbox[0].subject
    assert "http://" in mail.outbox[0].body and "/p/pollens/" in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_nothing_is_sent_before_the_commit(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send([alice])
    assert mail.outbox == []


@pytest.mark.parametrize("frequency", ["daily", "weekly", "none"])
def test_digest_and_none_send_nothing_now(alice, frequency, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=alice, email_frequency=frequency)
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = send([alice])
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_each_recipient_once_and_nobody_twice(alice, bob, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=bob, email_frequency="none")
    with django_capture_on_commit_callbacks(execute=True):
        rows = send([alice, bob, alice, None])
    assert len(rows) == 2
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_unread_count_is_cached_and_forgotten_on_change(
    alice, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert unread_count(alice) == 0
    with django_capture_on_commit_callbacks(execute=True):
        send([alice])
        send([alice])
    with django_assert_num_queries(1):
        assert unread_count(alice) == 2
    with django_assert_num_queries(0):
        assert unread_count(alice) == 2
    with django_capture_on_commit_callbacks(execute=True):
        notification_mark_read(notification=Notification.objects.filter(recipient=alice).first())
    assert unread_count(alice) == 1
    with django_capture_on_commit_callbacks(execute=True):
        notifications_mark_all_read(person=alice)
    assert unread_count(alice) == 0
