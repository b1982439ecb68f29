"""deliver_email_task: a mail error is logged and retried, up to three attempts, and the
last failure raises so the queue records it; the page never waits."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from peps.notifications.models import Notification
from peps.notifications.services import notify
from peps.notifications.tasks import MAX_ATTEMPTS, deliver_email_task

FAILURES = {"left": 0}


class FlakyBackend(EmailBackend):
    """A mail server that fails the first FAILURES['left'] times."""

    def send_messages(self, messages):
        if FAILURES["left"] > 0:
            FAILURES["left"] -= 1
            raise smtplib.SMTPServerDisconnected("connexion perdue")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "peps.notifications.tests.test_retry.FlakyBackend"
    return FAILURES


@pytest.fixture
def mail_log(caplog):
    """The records of the "peps.mail" logger (the "peps" logger does not propagate to the root)."""
    logger = logging.getLogger("peps.mail")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


def test_a_failure_is_retried_then_sent_and_marked(alice, flaky, mail_log, django_capture_on_commit_callbacks):
    flaky["left"] = 2
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notify(recipients=[alice], kind="test", text="Important", url="/")
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    failures = [r for r in mail_log.records if r.name == "peps.mail" and "failed" in r.getMessage()]
    assert [("attempt 1" in r.getMessage(), "attempt 2" in r.getMessage()) for r in failures] == [
        (True, False),
        (False, True),
    ]


def test_after_three_failures_the_task_fails_and_is_logged(alice, flaky, mail_log):
    flaky["left"] = 10
    result = deliver_email_task.enqueue(to=["alice@example.org"], subject="Sujet", body="Texte")
    assert mail.outbox == []
    messages = [r.getMessage() for r in mail_log.records if r.name == "peps.mail"]
    assert sum("failed" in m for m in messages) == MAX_ATTEMPTS
    assert any("given up" in m for m in messages)
    # The first run re-enqueued itself and returned; the last one raised (inline: recorded as failed).
    assert result.status == "SUCCESSFUL"
    flaky["left"] = 0


def test_a_failing_email_never_breaks_the_request(client, alice, flaky, django_capture_on_commit_callbacks):
    flaky["left"] = 10
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[alice], kind="test", text="Important", url="/")
    assert Notification.objects.get(recipient=alice).emailed_at is None
    flaky["left"] = 0
