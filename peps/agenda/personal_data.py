"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, delete, erasers
from peps.accounts.personal_data import Section, sections, values

from . import services
from .models import Registration, RegistrationStatus, ResourcePerson


def future_registrations(erasure: Erasure) -> int:
    """Registrations to events not started are cancelled (the place goes to the waiting list)."""
    count = 0
    upcoming = Registration.objects.filter(person=erasure.user, event__starts_at__gt=erasure.now).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in upcoming:
        services.registration_cancel(registration=registration, by=erasure.user)
        count += 1
    return count + delete(ResourcePerson.objects.filter(person=erasure.user, session__event__starts_at__gt=erasure.now))


SECTIONS = [
    (
        120,
        Section(
            "inscriptions",
            _("Inscriptions aux événements"),
            values(
                Registration,
                lambda u: Q(person=u),
                {"evenement": "event__title", "date": "event__starts_at", "statut": "status", "presence": "attendance"},
            ),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("inscriptions_a_venir", future_registrations, order=70)
