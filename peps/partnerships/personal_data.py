"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, erasers
from peps.accounts.personal_data import Section, sections, values

from .matching_adapter import index_after_write
from .models import Need, Offer, Partnership


def personal_offers(erasure: Erasure) -> int:
    count = 0
    for offer in Offer.objects.filter(person=erasure.user, is_open=True):
        offer.is_open = False
        offer.save(update_fields=["is_open", "updated_at"])
        index_after_write(offer)  # a closed offer leaves the matching index (no save signal)
        count += 1
    return count


SECTIONS = [
    (
        90,
        Section(
            "besoins",
            _("Besoins de partenariat déposés"),
            values(
                Need,
                lambda u: Q(created_by=u),
                {"titre": "title", "categorie": "category", "description": "description", "ouvert": "is_open"},
            ),
        ),
    ),
    (
        100,
        Section(
            "offres",
            _("Offres de partenariat"),
            values(
                Offer,
                lambda u: Q(created_by=u) | Q(person=u),
                {"titre": "title", "categorie": "category", "description": "description", "ouvert": "is_open"},
            ),
        ),
    ),
    (
        110,
        Section(
            "propositions_de_partenariat",
            _("Propositions de partenariat"),
            values(
                Partnership,
                lambda u: Q(proposed_by=u) | Q(partner_person=u),
                {"projet": "project__title", "besoin": "need__title", "offre": "offer__title", "statut": "status"},
            ),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("offres_personnelles", personal_offers, order=100)
