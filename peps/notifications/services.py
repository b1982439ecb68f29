"""Every write on notifications: telling people (in the app and by e-mail, as each one
chose), reading them, the e-mail setting, and the daily or weekly digests."""

import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailFrequency, Notification, NotificationSettings
from .selectors import forget_unread_count
from .tasks import deliver_email_task

DEFAULT_EMAIL_TEMPLATE = "notifications/email/notification"
DIGEST_TEMPLATE = "notifications/email/digest"
# A digest is due one period after the last one, less this slack, so that a daily cron
# job started a few seconds earlier than yesterday's still sends it.
DIGEST_SLACK = datetime.timedelta(hours=1)
PERIODS = {EmailFrequency.DAILY: datetime.timedelta(days=1), EmailFrequency.WEEKLY: datetime.timedelta(days=7)}
DIGEST_MAX_ITEMS = 50


def absolute_url(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def frequencies_of(person_ids) -> dict[int, str]:
    """Each person's e-mail frequency; no settings row means the default, immediate."""
    chosen = dict(
        NotificationSettings.objects.filter(person_id__in=person_ids).values_list("person_id", "email_frequency")
    )
    return {pk: chosen.get(pk, EmailFrequency.IMMEDIATE) for pk in person_ids}


def _render_email(template: str, context: dict) -> tuple[str, str]:
    with translation.override("fr"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def _queue_email(*, to: str, subject: str, body: str, notification_ids: list[int]) -> None:
    transaction.on_commit(
        lambda: deliver_email_task.enqueue(to=[to], subject=subject, body=body, notification_ids=notification_ids)
    )


def notify(
    *,
    recipients,
    kind: str,
    text: str,
    url: str = "",
    pole=None,
    email_template: str | None = None,
    context: dict | None = None,
) -> list[Notification]:
    """Tell people something: one in-app notification each, and an e-mail now for those
    who want it immediately (the others get it in their digest, or not at all)."""
    people = {person.pk: person for person in recipients if person is not None and person.pk}
    if not people:
        return []
    text = text[:300]
    rows = Notification.objects.bulk_create(
        [Notification(recipient_id=pk, pole=pole, kind=kind[:40], text=text, url=url[:300]) for pk in sorted(people)]
    )
    frequencies = frequencies_of(list(people))
    for notification in rows:
        person = people[notification.recipient_id]
        transaction.on_commit(lambda pk=person.pk: forget_unread_count(pk))
        if frequencies[person.pk] != EmailFrequency.IMMEDIATE or not person.email:
            continue
        email_context = {
            **(context or {}),
            "notification": notification,
            "recipient": person,
            "url": absolute_url(url),
            "settings_url": absolute_url("/notifications/reglages/"),
        }
        subject, body = _render_email(email_template or DEFAULT_EMAIL_TEMPLATE, email_context)
        _queue_email(to=person.email, subject=subject, body=body, notification_ids=[notification.pk])
    return rows


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
        transaction.on_commit(lambda: forget_unread_count(notification.recipient_id))
    return notification


def notifications_mark_all_read(*, person) -> int:
    count = Notification.objects.filter(recipient=person, read_at__isnull=True).update(read_at=timezone.now())
    transaction.on_commit(lambda: forget_unread_count(person.pk))
    return count


def notification_settings_update(*, person, email_frequency: str) -> NotificationSettings:
    row, _created = NotificationSettings.objects.update_or_create(
        person=person, defaults={"email_frequency": email_frequency}
    )
    return row


def digest_is_due(row: NotificationSettings, now: datetime.datetime) -> bool:
    period = PERIODS.get(row.email_frequency)
    if period is None:
        return False
    return row.last_digest_at is None or row.last_digest_at <= now - period + DIGEST_SLACK


def digests_send(*, now: datetime.datetime | None = None, batch: int = 500) -> int:
    """One e-mail per person whose daily or weekly period is due and who has notifications
    not yet e-mailed; the notifications are marked e-mailed once the e-mail is sent."""
    now = now or timezone.now()
    rows = [
        row
        for row in NotificationSettings.objects.filter(email_frequency__in=list(PERIODS))
        .select_related("person")
        .order_by("last_digest_at", "pk")
        if digest_is_due(row, now)
    ]
    sent = 0
    for start in range(0, len(rows), batch):
        chunk = {row.person_id: row for row in rows[start : start + batch]}
        pending: dict[int, list[Notification]] = {}
        for notification in Notification.objects.filter(
            recipient_id__in=list(chunk), emailed_at__isnull=True, created_at__lte=now
        ).order_by("created_at", "pk"):
            pending.setdefault(notification.recipient_id, []).append(notification)
        with transaction.atomic():
            for person_id, notifications in pending.items():
                row = chunk[person_id]
                if not row.person.email:
                    continue
                context = {
                    "recipient": row.person,
                    "notifications": [
                        {"text": n.text, "url": absolute_url(n.url) if n.url else "", "at": n.created_at}
                        for n in notifications[-DIGEST_MAX_ITEMS:]
                    ],
                    "count": len(notifications),
                    "daily": row.email_frequency == EmailFrequency.DAILY,
                    "list_url": absolute_url("/notifications/"),
                    "settings_url": absolute_url("/notifications/reglages/"),
                }
                subject, body = _render_email(DIGEST_TEMPLATE, context)
                _queue_email(
                    to=row.person.email, subject=subject, body=body, notification_ids=[n.pk for n in notifications]
                )
                NotificationSettings.objects.filter(pk=row.pk).update(last_digest_at=now)
                sent += 1
    return sent
