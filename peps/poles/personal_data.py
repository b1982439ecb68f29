"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, erasers
from peps.accounts.personal_data import Section, sections, values

from .models import Membership, MembershipFee, MembershipStatus


def memberships(erasure: Erasure) -> int:
    """Memberships end (status « sortie »), kept with their fees for the accounts."""
    return Membership.objects.filter(
        person=erasure.user, status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING]
    ).update(status=MembershipStatus.LEFT, left_on=erasure.today)


SECTIONS = [
    (
        20,
        Section(
            "adhesions",
            _("Adhésions"),
            values(
                Membership,
                lambda u: Q(person=u),
                {
                    "pole": "pole__name",
                    "college": "college__name",
                    "role": "role",
                    "statut": "status",
                    "adhesion_le": "joined_on",
                    "sortie_le": "left_on",
                    "charte_acceptee_le": "charter_accepted_at",
                },
            ),
        ),
    ),
    (
        30,
        Section(
            "cotisations",
            _("Cotisations"),
            values(
                MembershipFee,
                lambda u: Q(membership__person=u),
                {"pole": "membership__pole__name", "annee": "year", "montant": "amount", "payee_le": "paid_on"},
            ),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("adhesions_closes", memberships, order=110)
