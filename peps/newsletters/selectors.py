"""Reads of the newsletter: who receives it, the issues, the record of deliveries."""

from django.db.models import F, Q, QuerySet

from .models import Delivery, Newsletter, Subscription


def active_subscriptions(pole) -> QuerySet[Subscription]:
    """Consents given and not withdrawn; an erased (inactive) account receives nothing."""
    return Subscription.objects.filter(pole=pole, consented_at__isnull=False, unsubscribed_at__isnull=True).exclude(
        user__is_active=False
    )


def recipients_of(pole) -> list[tuple[int, str]]:
    """(subscription id, address) for each consenting address, each address once."""
    rows = active_subscriptions(pole).values_list("pk", "email", "user__email").order_by("pk")
    seen: set[str] = set()
    recipients = []
    for pk, email, user_email in rows.iterator(chunk_size=2000):
        address = (user_email or email).strip()
        key = address.lower()
        if address and key not in seen:
            seen.add(key)
            recipients.append((pk, address))
    return recipients


def subscribers_of(pole) -> QuerySet[Subscription]:
    """Every subscription of the pole (for the coordinators' list), active ones first."""
    return (
        Subscription.objects.filter(pole=pole)
        .select_related("user")
        .only(
            "pk",
            "email",
            "source",
            "consented_at",
            "unsubscribed_at",
            "created_at",
            "user__email",
            "user__display_name",
        )
        .order_by(F("unsubscribed_at").asc(nulls_first=True), F("consented_at").desc(nulls_last=True), "-pk")
    )


def newsletters_of(pole) -> QuerySet[Newsletter]:
    return Newsletter.objects.filter(pole=pole).only(
        "pk", "pole_id", "subject", "status", "created_at", "sent_at", "recipients_count"
    )


def deliveries_of(newsletter) -> QuerySet[Delivery]:
    return Delivery.objects.filter(newsletter=newsletter).only(
        "pk", "newsletter_id", "address", "status", "sent_at", "error"
    )


def subscriptions_of(user) -> QuerySet[Subscription]:
    """A person's subscriptions: their own and any made with their address before they had
    an account."""
    return (
        Subscription.objects.filter(Q(user=user) | Q(user__isnull=True, email__iexact=user.email))
        .select_related("pole")
        .order_by("pole__name")
    )


def subscription_by_token(token: str) -> Subscription | None:
    return Subscription.objects.select_related("pole", "user").filter(token=token).first()
