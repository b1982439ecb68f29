"""The one way to tell people something, and every write on notifications.

A person with an account is told through `notify`: an in-app notification always, and an
e-mail as they chose (now, in a daily or weekly digest, or never; per family of
notifications too, see kinds.py). Addresses with no account behind them (a structure's
public contact, a pole's contact address, an applicant's contact, a newsletter subscriber
confirming their address) are the only ones written to by e-mail alone, through
`email_without_account`.

Notifications are created in the caller's transaction (a rolled-back change leaves none);
e-mails and the unread-count invalidation wait for the commit."""

import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .kinds import is_muted
from .models import EmailFrequency, Notification, NotificationSettings
from .selectors import forget_unread_counts
from .tasks import deliver_email_task

DEFAULT_EMAIL_TEMPLATE = "notifications/email/notification"
DIGEST_TEMPLATE = "notifications/email/digest"
# A digest is due one period after the last one, less this slack, so that a daily cron
# job started a few seconds earlier than yesterday's still sends it.
DIGEST_SLACK = datetime.timedelta(hours=1)
PERIODS: dict[str, datetime.timedelta] = {
    EmailFrequency.DAILY: datetime.timedelta(days=1),
    EmailFrequency.WEEKLY: datetime.timedelta(days=7),
}
DIGEST_MAX_ITEMS = 50


def absolute_url(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def settings_of(person_ids) -> dict[int, tuple[str, list[str]]]:
    """Each person's e-mail frequency and muted families; no settings row means immediate."""
    chosen = {
        pk: (frequency, muted or [])
        for pk, frequency, muted in NotificationSettings.objects.filter(person_id__in=person_ids).values_list(
            "person_id", "email_frequency", "muted_kinds"
        )
    }
    return {pk: chosen.get(pk, (EmailFrequency.IMMEDIATE, [])) for pk in person_ids}


def frequencies_of(person_ids) -> dict[int, str]:
    return {pk: frequency for pk, (frequency, _muted) in settings_of(person_ids).items()}


def _render_email(template: str, context: dict) -> tuple[str, str]:
    with translation.override("fr"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def _queue_email(*, to: str, subject: str, body: str, notification_ids: list[int]) -> None:
    transaction.on_commit(
        lambda: deliver_email_task.enqueue(to=[to], subject=subject, body=body, notification_ids=notification_ids)
    )


def _forget_after_commit(person_ids) -> None:
    ids = list(person_ids)
    transaction.on_commit(lambda: forget_unread_counts(ids))


def notify(
    *,
    recipients,
    kind: str,
    text: str = "",
    url: str = "",
    pole=None,
    email_template: str | None = None,
    context: dict | None = None,
    email: bool = True,
) -> list[Notification]:
    """Tell people something: one in-app notification each, and an e-mail now for those
    who want it immediately (the others get it in their digest, or not at all).

    `kind` is "<family>.<event>" (the family is what a person may mute). Without `text`,
    the in-app text is the subject rendered from `email_template`. `email=False` writes
    history after the fact (a demo's seed): in the app only, marked as already e-mailed so
    that no digest sends it either."""
    people = {person.pk: person for person in recipients if person is not None and person.pk}
    if not people:
        return []
    if not text and email_template:
        text, _body = _render_email(email_template, {"recipient": None, **(context or {})})
    text = text[:300]
    emailed_at = None if email else timezone.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(recipient_id=pk, pole=pole, kind=kind[:40], text=text, url=url[:300], emailed_at=emailed_at)
            for pk in sorted(people)
        ]
    )
    _forget_after_commit(people)
    if not email:
        return rows
    chosen = settings_of(list(people))
    for notification in rows:
        person = people[notification.recipient_id]
        frequency, muted = chosen[person.pk]
        if frequency != EmailFrequency.IMMEDIATE or not person.email or is_muted(kind, muted):
            continue
        email_context = {
            "url": absolute_url(open_url(notification)) if url else "",
            "settings_url": absolute_url(reverse("notifications:settings")),
            **(context or {}),
            "notification": notification,
            "recipient": person,
        }
        subject, body = _render_email(email_template or DEFAULT_EMAIL_TEMPLATE, email_context)
        _queue_email(to=person.email, subject=subject, body=body, notification_ids=[notification.pk])
    return rows


def open_url(notification: Notification) -> str:
    """The link that marks the notification read and leads to what it is about."""
    return reverse("notifications:open", args=[notification.pk])


def notify_coordination(
    *, pole, kind: str, email_template: str, context: dict, url: str = "", text: str = ""
) -> list[Notification]:
    """Tell a pole's coordination (its active coordinators and administrators, each as they
    chose); a pole with nobody coordinating on the platform is written to at its public
    contact address, which has no account behind it."""
    from peps.poles.selectors import coordination_people

    people = coordination_people(pole, limit=20)
    if people:
        return notify(
            recipients=people,
            kind=kind,
            text=text,
            url=url,
            pole=pole,
            email_template=email_template,
            context=context,
        )
    if pole.contact_email:
        email_without_account(to=[pole.contact_email], template=email_template, context=context)
    return []


def email_without_account(*, to: list[str], template: str, context: dict) -> None:
    """E-mail only, for addresses that have no account on the platform (a structure's public
    contact, a pole's contact address, an applicant's contact person, a newsletter
    subscriber): nobody to show an in-app notification to, no setting to follow. Anyone
    with an account goes through `notify`. One e-mail per address, so nobody sees the
    others' addresses; queued after the commit."""
    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients:
        return
    subject, body = _render_email(template, {"recipient": None, **context})
    for address in recipients:
        _queue_email(to=address, subject=subject, body=body, notification_ids=[])


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
        _forget_after_commit([notification.recipient_id])
    return notification


def notifications_mark_all_read(*, person) -> int:
    count = Notification.objects.filter(recipient=person, read_at__isnull=True).update(read_at=timezone.now())
    _forget_after_commit([person.pk])
    return count


def notification_settings_update(
    *, person, email_frequency: str, muted_kinds: list[str] | None = None
) -> NotificationSettings:
    defaults: dict = {"email_frequency": email_frequency}
    if muted_kinds is not None:
        defaults["muted_kinds"] = sorted(set(muted_kinds))
    row, _created = NotificationSettings.objects.update_or_create(person=person, defaults=defaults)
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
                handled = [n.pk for n in notifications]
                notifications = [n for n in notifications if not is_muted(n.kind, row.muted_kinds)]
                if not notifications:
                    # Only muted families since the last digest: nothing to send, nothing left pending.
                    Notification.objects.filter(pk__in=handled).update(emailed_at=now)
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
                _queue_email(to=row.person.email, subject=subject, body=body, notification_ids=handled)
                NotificationSettings.objects.filter(pk=row.pk).update(last_digest_at=now)
                sent += 1
    return sent
