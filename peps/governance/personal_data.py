"""This app's part of the personal data: its sections of the archive a person downloads
(RGPD art. 15 and 20) and what is erased with an account (art. 17), registered from its
AppConfig.ready() (see peps.accounts.personal_data and peps.accounts.erasure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peps.accounts.erasure import Erasure, delete, erasers
from peps.accounts.personal_data import Section, sections, values

from . import services
from .models import Ballot, BodyFollow, BodyMember, Participation, Proxy


def _open_ballots(user) -> list[dict]:
    # A secret ballot stores no link to its voter: there is nothing to export about it
    # beyond the participation itself (listed in "participations aux votes").
    return values(
        Ballot,
        lambda u: Q(person=u, motion__secret=False),
        {"vote": "motion__title", "choix": "choice", "motif": "reason"},
    )(user)


def follows(erasure: Erasure) -> int:
    return delete(BodyFollow.objects.filter(person=erasure.user))


def seats_and_proxies(erasure: Erasure) -> int:
    """Seats not begun are deleted, current ones end today, proxies are revoked."""
    user, today = erasure.user, erasure.today
    count = delete(BodyMember.objects.filter(person=user, since__gt=today))
    for seat in BodyMember.objects.filter(person=user).filter(Q(until__isnull=True) | Q(until__gt=today)):
        services.body_member_end(seat=seat, by=None, until=today)
        count += 1
    for proxy in Proxy.objects.filter(Q(giver=user) | Q(holder=user), revoked_at__isnull=True):
        services.proxy_revoke(proxy=proxy, by=None)
        count += 1
    return count


SECTIONS = [
    (
        190,
        Section(
            "sieges",
            _("Sièges dans les instances"),
            values(
                BodyMember,
                lambda u: Q(person=u),
                {
                    "instance": "body__name",
                    "fonction": "role",
                    "college": "college__name",
                    "du": "since",
                    "au": "until",
                },
            ),
        ),
    ),
    (
        200,
        Section(
            "pouvoirs",
            _("Pouvoirs donnés et reçus"),
            values(
                Proxy,
                lambda u: Q(giver=u) | Q(holder=u),
                {
                    "instance": "body__name",
                    "donne_par": "giver__display_name",
                    "confie_a": "holder__display_name",
                    "le": "created_at",
                    "retire_le": "revoked_at",
                },
            ),
        ),
    ),
    (
        210,
        Section(
            "participations_aux_votes",
            _("Participations aux votes"),
            values(
                Participation,
                lambda u: Q(person=u),
                {"vote": "motion__title", "bulletin_secret": "motion__secret", "par_procuration": "by_proxy"},
            ),
        ),
    ),
    (220, Section("votes_a_bulletin_ouvert", _("Votes à bulletin ouvert"), _open_ballots)),
]


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    for order, section in SECTIONS:
        sections.register(section, order=order)
    erasers.register("suivis", follows, order=12)
    erasers.register("sieges_et_pouvoirs", seats_and_proxies, order=90)
