"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, erasers
from peps.accounts.personal_data import Section, sections, values

from . import services
from .models import Argument, Follow, Proposal, ProposalSupport, Reaction, Reply


def follows(erasure: Erasure) -> int:
    # One by one through the service, which keeps the followers counters right.
    count = 0
    for follow in Follow.objects.filter(person=erasure.user).select_related("debate", "consultation"):
        count += services.follow_remove(target=follow.debate or follow.consultation, person=erasure.user)
    return count


SECTIONS = [
    (
        140,
        Section(
            "arguments",
            _("Arguments dans les débats"),
            values(
                Argument,
                lambda u: Q(author=u),
                {"debat": "debate__title", "position": "stance", "texte": "text", "ecrit_le": "created_at"},
            ),
        ),
    ),
    (
        150,
        Section(
            "reponses",
            _("Réponses aux arguments"),
            values(
                Reply,
                lambda u: Q(author=u),
                {"debat": "argument__debate__title", "texte": "text", "ecrit_le": "created_at"},
            ),
        ),
    ),
    (
        160,
        Section(
            "reactions",
            _("Arguments approuvés"),
            values(
                Reaction,
                lambda u: Q(person=u),
                {"debat": "argument__debate__title", "argument": "argument__text", "le": "created_at"},
            ),
        ),
    ),
    (
        170,
        Section(
            "propositions",
            _("Propositions aux consultations"),
            values(
                Proposal,
                lambda u: Q(author=u),
                {"consultation": "consultation__title", "titre": "title", "texte": "body", "statut": "status"},
            ),
        ),
    ),
    (
        180,
        Section(
            "soutiens_aux_propositions",
            _("Propositions soutenues"),
            values(
                ProposalSupport,
                lambda u: Q(person=u),
                {"proposition": "proposal__title", "le": "created_at"},
            ),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("suivis", follows, order=11)
