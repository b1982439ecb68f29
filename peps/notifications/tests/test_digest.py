"""digests_send and the send_digests command: one e-mail per person whose period is due."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from peps.notifications.models import Notification, NotificationSettings
from peps.notifications.services import digests_send, notify
from peps.notifications.tasks import send_digests_task


def two_notifications(person):
    for text in ("Premier", "Second"):
        notify(recipients=[person], kind="test", text=text, url="/notifications/")


def test_one_digest_per_person_with_all_pending_notifications(alice, bob, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=alice, email_frequency="daily")
    NotificationSettings.objects.create(person=bob, email_frequency="weekly")
    two_notifications(alice)
    two_notifications(bob)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    daily = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert "résumé du jour" in daily.subject and "Premier" in daily.body and "Second" in daily.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_not_due_before_the_period_is_over(alice, django_capture_on_commit_callbacks):
    two_notifications(alice)
    now = timezone.now()
    NotificationSettings.objects.create(
        person=alice, email_frequency="weekly", last_digest_at=now - datetime.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=now) == 0
        assert digests_send(now=now + datetime.timedelta(days=4)) == 1
    assert len(mail.outbox) == 1


def test_a_daily_digest_runs_again_the_next_day_even_a_little_early(alice, django_capture_on_commit_callbacks):
    two_notifications(alice)
    now = timezone.now()
    NotificationSettings.objects.create(
        person=alice, email_frequency="daily", last_digest_at=now - datetime.timedelta(hours=23, minutes=59)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=now) == 1


def test_nothing_pending_means_no_email(alice, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=alice, email_frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 0
    assert mail.outbox == []


def test_immediate_and_none_are_not_in_digests(alice, bob, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=bob, email_frequency="none")
    two_notifications(bob)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 0


def test_the_command_and_the_task(alice, capsys, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=alice, email_frequency="daily")
    two_notifications(alice)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert "1 résumé(s) envoyé(s)." in capsys.readouterr().out
    assert len(mail.outbox) == 1
    assert send_digests_task.enqueue().return_value == 0
