"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, delete, erasers
from peps.accounts.personal_data import Section, sections, values

from .models import Representative


def representations(erasure: Erasure) -> int:
    return delete(Representative.objects.filter(person=erasure.user))


SECTIONS = [
    (
        40,
        Section(
            "structures_representees",
            _("Structures que vous représentez"),
            values(
                Representative,
                lambda u: Q(person=u),
                {
                    "structure": "structure__name",
                    "pole": "structure__pole__name",
                    "fonction": "title",
                    "statut": "status",
                },
            ),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("representations", representations, order=60)
