"""Background jobs of notifications: e-mails with retries, and the digests. Tasks are thin.
This is the only place the platform sends its own e-mails from (newsletters aside, which
send their issues in bulk with their own consent and unsubscribe links)."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("peps.mail")

MAX_ATTEMPTS = 3
# Wait a little longer before each new attempt (when the queue can defer a task).
RETRY_DELAYS = {2: datetime.timedelta(minutes=1), 3: datetime.timedelta(minutes=10)}
# What a flaky mail server or network raises; anything else is a bug and fails at once.
MAIL_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


def _send(*, to: list[str], subject: str, body: str) -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    sent = message.send()
    logger.info("E-mail %r sent to %d recipient(s)", subject, len(to))
    return sent


def _requeue(**kwargs) -> None:
    attempt = kwargs["attempt"]
    delayed = deliver_email_task
    if deliver_email_task.get_backend().supports_defer:
        delayed = deliver_email_task.using(run_after=timezone.now() + RETRY_DELAYS[attempt])
    delayed.enqueue(**kwargs)


@task()
def deliver_email_task(
    *, to: list[str], subject: str, body: str, notification_ids: list[int] | None = None, attempt: int = 1
) -> int:
    """Send one e-mail; on a mail error, log it and try again
    later, up to MAX_ATTEMPTS; the last failure raises so the queue records it."""
    from .models import Notification

    try:
        sent = _send(to=to, subject=subject, body=body)
    except MAIL_ERRORS as error:
        logger.warning(
            "E-mail %r to %s failed (attempt %d of %d): %s", subject, ", ".join(to), attempt, MAX_ATTEMPTS, error
        )
        if attempt >= MAX_ATTEMPTS:
            logger.error("E-mail %r to %s given up after %d attempts", subject, ", ".join(to), attempt)
            raise
        _requeue(to=to, subject=subject, body=body, notification_ids=notification_ids, attempt=attempt + 1)
        return 0
    if notification_ids:
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return sent


@task()
def send_digests_task() -> int:
    from .services import digests_send

    return digests_send()
