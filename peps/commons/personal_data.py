"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import ANONYMOUS_NAME, Erasure, erasers
from peps.accounts.personal_data import Section, sections, values

from .models import Booking, BookingStatus


def future_bookings(erasure: Erasure) -> int:
    # The person cancels their own bookings: the coordination needs no e-mail about it, so
    # this is the service's write without its notification.
    return Booking.objects.filter(
        booked_by=erasure.user,
        starts_at__gt=erasure.now,
        status__in=[BookingStatus.REQUESTED, BookingStatus.CONFIRMED],
    ).update(status=BookingStatus.CANCELLED, cancelled_at=erasure.now, decision_note=ANONYMOUS_NAME)


SECTIONS = [
    (
        130,
        Section(
            "reservations",
            _("Réservations et prêts"),
            values(
                Booking,
                lambda u: Q(booked_by=u),
                {
                    "ressource": "resource__name",
                    "debut": "starts_at",
                    "fin": "ends_at",
                    "pret": "is_loan",
                    "statut": "status",
                    "objet": "purpose",
                },
            ),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("reservations_a_venir", future_bookings, order=80)
