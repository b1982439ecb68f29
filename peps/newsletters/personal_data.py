"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, anonymous_email, delete, erasers
from peps.accounts.personal_data import Section, sections

from .models import Delivery, Subscription


def _subscriptions(user) -> list[dict]:
    mine = Q(user=user) | Q(user__isnull=True, email__iexact=user.email)
    return list(
        Subscription.objects.filter(mine)
        .order_by("pk")
        .values("pole__name", "email", "source", "consented_at", "unsubscribed_at")
    )


def subscriptions(erasure: Erasure) -> int:
    # The record of what was sent stays, without the address.
    Delivery.objects.filter(address__iexact=erasure.old_email).update(address=anonymous_email(erasure.user))
    return delete(
        Subscription.objects.filter(Q(user=erasure.user) | Q(user__isnull=True, email__iexact=erasure.old_email))
    )


SECTIONS = [
    (240, Section("lettres_d_information", _("Abonnements aux lettres d’information"), _subscriptions)),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("lettres_d_information", subscriptions, order=40)
