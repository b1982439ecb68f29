"""Writes of the newsletter: consents (double opt-in for bare addresses), issues, and the
sending, done by the task queue one e-mail per address and recorded as Delivery rows."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from peps.core.markdown import render_markdown
from peps.notifications.services import email_without_account
from peps.poles.models import Pole

from . import selectors, tokens
from .models import Delivery, DeliveryStatus, Newsletter, NewsletterStatus, Source, Subscription

logger = logging.getLogger("peps.newsletters")

# A confirmation e-mail is not sent again to the same address sooner than this.
CONFIRMATION_INTERVAL = datetime.timedelta(minutes=10)
SUBJECT_MAX = 200


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(subscription: Subscription) -> str:
    path = reverse(
        "newsletters:unsubscribe",
        kwargs={"pole": subscription.pole.slug, "token": tokens.unsubscribe_token(subscription)},
    )
    return absolute_url(path)


def confirm_url(subscription: Subscription) -> str:
    path = reverse(
        "newsletters:confirm", kwargs={"pole": subscription.pole.slug, "token": tokens.confirm_token(subscription)}
    )
    return absolute_url(path)


# --- Consents -----------------------------------------------------------------------------------


def subscription_consent(*, pole: Pole, user, source: str = Source.PROFILE) -> Subscription:
    """A signed-in person consents: their address is already verified, no e-mail round trip."""
    now = timezone.now()
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(
            pole=pole, user=user, defaults={"source": source, "consented_at": now}
        )
        if not created and not subscription.is_active:
            subscription.consented_at = now
            subscription.unsubscribed_at = None
            subscription.source = source
            subscription.save(update_fields=["consented_at", "unsubscribed_at", "source"])
    return subscription


def subscription_withdraw(*, pole: Pole, user) -> int:
    """A signed-in person withdraws: their own subscription and any made with their address."""
    return (
        Subscription.objects.filter(pole=pole, unsubscribed_at__isnull=True)
        .filter(Q(user=user) | Q(user__isnull=True, email__iexact=user.email))
        .update(unsubscribed_at=timezone.now())
    )


def subscription_request(*, pole: Pole, email: str, now: datetime.datetime | None = None) -> Subscription:
    """Someone without an account gives an address: record it without consent and send a
    confirmation link. Says nothing about whether the address was known (no enumeration)."""
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscription, _created = Subscription.objects.get_or_create(
                    pole=pole, user=None, email=email, defaults={"source": Source.FORM}
                )
        except IntegrityError:  # the same address sent twice at once
            subscription = Subscription.objects.get(pole=pole, user=None, email=email)
        if subscription.is_active:
            return subscription
        recent = subscription.confirmation_sent_at and now - subscription.confirmation_sent_at < CONFIRMATION_INTERVAL
        if recent:
            return subscription
        subscription.confirmation_sent_at = now
        subscription.save(update_fields=["confirmation_sent_at"])
        # A subscriber confirms an address, whether or not an account uses it: e-mail only,
        # and newsletters keep their own consent (not the notification settings).
        email_without_account(
            to=[email],
            template="newsletters/email/confirm",
            context={"pole": pole, "url": confirm_url(subscription)},
        )
    return subscription


def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """The address is confirmed by its link: the consent starts now (again after a withdrawal)."""
    if not subscription.is_active:
        subscription.consented_at = timezone.now()
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["consented_at", "unsubscribed_at"])
    return subscription


def subscription_unsubscribe(*, subscription: Subscription) -> int:
    """From a newsletter's link: stop every subscription of this pole that reaches the same
    address, so the person really receives nothing more."""
    address = subscription.address
    same = Q(pk=subscription.pk) | Q(user__isnull=True, email__iexact=address) | Q(user__email__iexact=address)
    return (
        Subscription.objects.filter(pole_id=subscription.pole_id, unsubscribed_at__isnull=True)
        .filter(same)
        .update(unsubscribed_at=timezone.now())
    )


# --- Issues -------------------------------------------------------------------------------------


def _clean(subject: str, body: str) -> tuple[str, str]:
    subject, body = " ".join((subject or "").split()), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Donnez un objet à la lettre.")
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _("L’objet tient en %(n)d caractères au plus.") % {"n": SUBJECT_MAX}
    if not body:
        errors["body"] = _("La lettre n’a pas de texte.")
    if errors:
        raise ValidationError(errors)
    return subject, body


def newsletter_create(*, pole: Pole, by, subject: str, body: str) -> Newsletter:
    subject, body = _clean(subject, body)
    return Newsletter.objects.create(pole=pole, created_by=by, subject=subject, body=body)


def newsletter_update(*, newsletter: Newsletter, by, subject: str, body: str) -> Newsletter:
    subject, body = _clean(subject, body)
    updated = Newsletter.objects.filter(pk=newsletter.pk, status=NewsletterStatus.DRAFT).update(
        subject=subject, body=body, updated_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("Cette lettre est déjà envoyée : elle ne peut plus être modifiée."))
    newsletter.subject, newsletter.body = subject, body
    return newsletter


def newsletter_send(*, newsletter: Newsletter, by) -> int:
    """Freeze the list of recipients (consenting addresses now) and queue the sending.
    The draft → sending switch is one conditional UPDATE, so a second click, a second tab
    or a race between two coordinators sends nothing twice. Returns the number of recipients."""
    from .tasks import deliver_newsletter_task

    with transaction.atomic():
        switched = Newsletter.objects.filter(pk=newsletter.pk, status=NewsletterStatus.DRAFT).update(
            status=NewsletterStatus.SENDING, sent_by=by, sent_at=timezone.now()
        )
        if not switched:
            raise ValidationError(_("Cette lettre a déjà été envoyée."))
        recipients = selectors.recipients_of(newsletter.pole)
        Delivery.objects.bulk_create(
            [Delivery(newsletter=newsletter, subscription_id=pk, address=address) for pk, address in recipients],
            batch_size=1000,
        )
        Newsletter.objects.filter(pk=newsletter.pk).update(recipients_count=len(recipients))
    newsletter.refresh_from_db()
    transaction.on_commit(lambda: deliver_newsletter_task.enqueue(newsletter_id=newsletter.pk))
    return len(recipients)


def _message(newsletter: Newsletter, delivery: Delivery, connection) -> EmailMultiAlternatives:
    subscription = delivery.subscription
    link = unsubscribe_url(subscription) if subscription else ""
    context = {
        "newsletter": newsletter,
        "pole": newsletter.pole,
        "html_body": render_markdown(newsletter.body),
        "unsubscribe_url": link,
        "pole_url": absolute_url(reverse("poles:home", kwargs={"pole": newsletter.pole.slug})),
    }
    with translation.override("fr"):
        text = render_to_string("newsletters/email/newsletter_body.txt", context)
        html = render_to_string("newsletters/email/newsletter.html", context)
    headers = {}
    if link:
        # RFC 2369 and RFC 8058: mail clients show their own "unsubscribe" button.
        headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = EmailMultiAlternatives(
        subject=f"[{newsletter.pole.name}] {newsletter.subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def newsletter_deliver(*, newsletter_id: int) -> int:
    """Send what is still pending, one e-mail per address; run again after a crash, it
    carries on where it stopped. Each delivery is claimed by a conditional UPDATE before its
    e-mail leaves, so two workers never send the same e-mail (at most once: a crash between
    the claim and the SMTP call loses that one e-mail rather than sending it twice).
    Returns the number sent by this run."""
    newsletter = Newsletter.objects.select_related("pole").filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.status == NewsletterStatus.DRAFT:
        return 0
    sent = 0
    pending = Delivery.objects.filter(newsletter=newsletter, status=DeliveryStatus.PENDING)
    connection = get_connection()
    for delivery in pending.select_related("subscription__pole").order_by("pk").iterator(chunk_size=500):
        claimed = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            _message(newsletter, delivery, connection).send()
            sent += 1
        except Exception as error:  # noqa: BLE001 - one bad address must not stop the others
            logger.warning("Newsletter %s to delivery %s failed: %s", newsletter.pk, delivery.pk, error)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.FAILED, sent_at=None, error=str(error)[:300]
            )
    if not pending.exists():
        Newsletter.objects.filter(pk=newsletter.pk, status=NewsletterStatus.SENDING).update(
            status=NewsletterStatus.SENT
        )
    return sent
