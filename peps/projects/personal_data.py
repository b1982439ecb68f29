"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, erasers
from peps.accounts.personal_data import Section, sections, values

from . import services
from .models import Comment, Follow, Project, Support


def follows(erasure: Erasure) -> int:
    # One by one through the service, which keeps the followers counter right.
    count = 0
    for follow in Follow.objects.filter(person=erasure.user).select_related("project"):
        count += services.project_unfollow(project=follow.project, person=erasure.user)
    return count


SECTIONS = [
    (
        50,
        Section(
            "projets_portes",
            _("Projets que vous portez"),
            values(
                Project,
                lambda u: Q(holder=u),
                {
                    "titre": "title",
                    "pole": "pole__name",
                    "etape": "stage",
                    "resume": "summary",
                    "cree_le": "created_at",
                },
            ),
        ),
    ),
    (
        60,
        Section(
            "commentaires",
            _("Commentaires sur les projets"),
            values(
                Comment,
                lambda u: Q(author=u),
                {"projet": "project__title", "texte": "text", "masque": "is_hidden", "ecrit_le": "created_at"},
            ),
        ),
    ),
    (
        70,
        Section(
            "projets_suivis",
            _("Projets suivis"),
            values(Follow, lambda u: Q(person=u), {"projet": "project__title", "depuis": "created_at"}),
        ),
    ),
    (
        80,
        Section(
            "projets_soutenus",
            _("Projets soutenus"),
            values(Support, lambda u: Q(person=u), {"projet": "project__title", "depuis": "created_at"}),
        ),
    ),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("suivis", follows, order=10)
