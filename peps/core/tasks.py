"""Background jobs shared by every app. Tasks are thin: they call a service."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task

logger = logging.getLogger("peps.mail")


@task()
def send_email_task(*, to: list[str], subject: str, body: str, html: str = "") -> int:
    """Send one e-mail. A failure raises, so the queue records it and it can be retried."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    sent = message.send()
    logger.info("E-mail %r sent to %d recipient(s)", subject, len(to))
    return sent
