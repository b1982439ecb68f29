"""Telling a body's members and followers about a new meeting, motion or result, through
peps.notifications' `notify` (in-app, and e-mail per each person's setting)."""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from peps.notifications.services import notify


def body_recipients(body, *, exclude=None) -> list:
    from peps.accounts.models import User

    today = timezone.localdate()
    seated = Q(body_seats__body=body, body_seats__since__lte=today) & (
        Q(body_seats__until__isnull=True) | Q(body_seats__until__gt=today)
    )
    people = User.objects.filter(seated | Q(pk__in=body.follows.values("person_id"))).filter(is_active=True)
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return list(people.distinct().only("id", "email", "display_name").order_by("pk"))


def _target_url(context: dict) -> str:
    for key in ("motion", "meeting"):
        if key in context:
            return context[key].get_absolute_url()
    return context["body"].get_absolute_url()


def notify_body(*, body, template: str, context: dict, exclude=None) -> None:
    recipients = body_recipients(body, exclude=exclude)
    if not recipients:
        return
    context = {"body": body, "pole": body.pole, "site_url": settings.SITE_URL.rstrip("/"), **context}
    notify(
        recipients=recipients,
        kind=f"governance.{template.rsplit('/', 1)[-1]}",
        url=_target_url(context),
        pole=body.pole,
        email_template=template,
        context=context,
    )
