"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, delete, erasers
from peps.accounts.personal_data import Section, sections, values

from .models import Notification, NotificationSettings


def notifications(erasure: Erasure) -> int:
    return delete(Notification.objects.filter(recipient=erasure.user)) + delete(
        NotificationSettings.objects.filter(person=erasure.user)
    )


SECTIONS = [
    (
        230,
        Section(
            "notifications_reglages",
            _("Réglages des notifications"),
            values(NotificationSettings, lambda u: Q(person=u), {"emails": "email_frequency"}),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("notifications", notifications, order=20)
