"""Who may vote on a motion, and for whom (themselves, a member structure they represent,
or a member who gave them a proxy). Also the plain-French reasons when someone may not.

Rules: in a board, bureau or commission, the current seats vote (a structure's seat through
its approved representatives). In a general meeting and in a vote open to the whole pole,
every active membership whose fee for the current year is paid votes, once: a person for
themselves, a structure through one of its representatives. A charter network's plenary
counts every active member (no fee). Proxies exist where the body's rules allow them
(Body.allows_proxies, board included); a voter who gave a proxy votes through its holder.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.directory.models import Representative, RepresentativeStatus
from peps.poles.models import Membership, MembershipFee, MembershipStatus

from .models import Body, BodyMember, Motion, Proxy


@dataclass(frozen=True)
class Voter:
    """One vote: a person or a structure, and the proxy it comes through if any."""

    person_id: int | None = None
    structure_id: int | None = None
    label: str = ""
    proxy_id: int | None = None

    @property
    def key(self) -> str:
        return f"p{self.person_id}" if self.person_id else f"s{self.structure_id}"


@dataclass
class Standing:
    voters: list[Voter] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # A fee is unpaid: the page offers the way forward (peps.poles, « Ma cotisation »).
    unpaid: bool = False

    def find(self, key: str) -> Voter | None:
        return next((v for v in self.voters if v.key == key), None)


def current_year() -> int:
    return timezone.localdate().year


def uses_fee_rule(body: Body | None) -> bool:
    """Whether the pole's members vote (rather than the body's seats)."""
    return body is None or body.is_general_meeting or body.is_plenary


def fee_required(body: Body | None, pole) -> bool:
    """A charter network has no fees: its plenary (and its pole-wide votes) count every
    active member; elsewhere only members « à jour de cotisation » vote."""
    if body is not None and body.is_plenary:
        return False
    return not pole.is_charter_network


def paid_memberships(*, pole, year: int, body: Body | None = None) -> QuerySet:
    """Active memberships "à jour de cotisation": a fee for `year` with a payment date (all
    active memberships where no fee is required)."""
    active = Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE)
    if not fee_required(body, pole):
        return active
    paid = MembershipFee.objects.filter(membership=OuterRef("pk"), year=year, paid_on__isnull=False)
    return active.filter(Exists(paid))


def current_seats(body: Body) -> QuerySet:
    today = timezone.localdate()
    return BodyMember.objects.filter(body=body, since__lte=today).filter(Q(until__isnull=True) | Q(until__gt=today))


def eligible_count(motion: Motion, *, year: int | None = None) -> int:
    if uses_fee_rule(motion.body):
        return paid_memberships(pole=motion.pole, year=year or current_year(), body=motion.body).count()
    return current_seats(motion.body).count()


def _represented_structure_ids(user) -> QuerySet:
    return Representative.objects.filter(person=user, status=RepresentativeStatus.APPROVED).values("structure_id")


def standing(*, motion: Motion, user, year: int | None = None) -> Standing:
    """The votes `user` may cast on `motion` (already cast or not), or why none."""
    result = Standing()
    if not (user and user.is_authenticated):
        result.reasons.append(_("Connectez-vous pour voter."))
        return result
    body = motion.body
    if not uses_fee_rule(body):
        seats = current_seats(body).filter(Q(person=user) | Q(structure__in=_represented_structure_ids(user)))
        given = _given_proxies(body, user) if body.allows_proxies else []
        given_people = {p.giver_id for p in given if p.giver_id}
        given_structures = {p.giver_structure_id for p in given if p.giver_structure_id}
        for seat in seats.select_related("structure"):
            if seat.person_id in given_people or seat.structure_id in given_structures:
                name = seat.structure.name if seat.structure_id else _("vous")
                result.reasons.append(
                    _("Vous avez donné pouvoir pour %(name)s : c’est la personne qui le détient qui vote.")
                    % {"name": name}
                )
                continue
            if seat.person_id:
                result.voters.append(Voter(person_id=user.pk, label=_("En votre nom")))
            else:
                label = _("Au nom de %(name)s") % {"name": seat.structure.name}
                result.voters.append(Voter(structure_id=seat.structure_id, label=label))
        if body.allows_proxies:
            result.voters.extend(_seat_proxy_votes(body=body, user=user))
        if not result.voters and not result.reasons:
            result.reasons.append(
                _("Ce vote est réservé aux membres de l’instance « %(body)s », dont vous ne faites pas partie.")
                % {"body": body.name}
            )
        return result
    year = year or current_year()
    given: list[Proxy] = []
    if body is not None and body.allows_proxies:
        given = _given_proxies(body, user)
    given_people = {p.giver_id for p in given if p.giver_id}
    given_structures = {p.giver_structure_id for p in given if p.giver_structure_id}
    own = list(
        Membership.objects.filter(pole=motion.pole, status=MembershipStatus.ACTIVE)
        .filter(Q(person=user) | Q(structure__in=_represented_structure_ids(user)))
        .select_related("structure")
    )
    # Which of them are up to date, asked only of their few rows (and not at all without one).
    paid_ids = (
        set(
            paid_memberships(pole=motion.pole, year=year, body=body)
            .filter(pk__in=[membership.pk for membership in own])
            .values_list("pk", flat=True)
        )
        if own
        else set()
    )
    for membership in own:
        name = membership.structure.name if membership.structure_id else _("vous")
        if membership.pk not in paid_ids:
            if membership.structure_id:
                reason = _(
                    "La cotisation %(year)s de %(name)s n’est pas réglée : seuls les membres à jour de cotisation votent."
                ) % {"year": year, "name": name}
            else:
                reason = _(
                    "Votre cotisation %(year)s n’est pas réglée : seuls les membres à jour de cotisation votent."
                ) % {"year": year}
            result.reasons.append(reason)
            result.unpaid = True
            continue
        if membership.person_id in given_people or membership.structure_id in given_structures:
            result.reasons.append(
                _("Vous avez donné pouvoir pour %(name)s : c’est la personne qui le détient qui vote.") % {"name": name}
            )
            continue
        if membership.person_id:
            result.voters.append(Voter(person_id=user.pk, label=_("En votre nom")))
        else:
            label = _("Au nom de %(name)s") % {"name": membership.structure.name}
            result.voters.append(Voter(structure_id=membership.structure_id, label=label))
    if body is not None and body.allows_proxies:
        result.voters.extend(_proxy_votes(body=body, user=user, pole=motion.pole, year=year))
    if not result.voters and not result.reasons:
        result.reasons.append(
            _("Ce vote est réservé aux membres du pôle à jour de cotisation ; vous n’êtes pas membre du pôle.")
        )
    return result


def _given_proxies(body: Body, user) -> list[Proxy]:
    return list(
        Proxy.objects.filter(body=body, revoked_at__isnull=True).filter(
            Q(giver=user) | Q(giver_structure__in=_represented_structure_ids(user))
        )
    )


def _seat_proxy_votes(*, body: Body, user) -> list[Voter]:
    """Proxies held in a board, bureau or commission: the giver must still hold a seat."""
    seats = current_seats(body)
    proxies = (
        Proxy.objects.filter(body=body, holder=user, revoked_at__isnull=True)
        .filter(
            Q(giver__isnull=False, giver__in=seats.values("person_id"))
            | Q(giver_structure__isnull=False, giver_structure__in=seats.values("structure_id"))
        )
        .select_related("giver", "giver_structure")
    )
    voters = []
    for proxy in proxies:
        name = proxy.giver.public_name if proxy.giver_id else proxy.giver_structure.name
        voters.append(
            Voter(
                person_id=proxy.giver_id,
                structure_id=proxy.giver_structure_id,
                label=_("Par pouvoir, pour %(name)s") % {"name": name},
                proxy_id=proxy.pk,
            )
        )
    return voters


def _proxy_votes(*, body: Body, user, pole, year: int) -> list[Voter]:
    """Proxies held in a general meeting: the giver must still vote there (an active
    membership, up to date with its fee where one is required)."""
    held = list(
        Proxy.objects.filter(body=body, holder=user, revoked_at__isnull=True)
        .select_related("giver", "giver_structure")
        .order_by("pk")
    )
    if not held:
        # Most people hold none: no need to ask who is up to date.
        return []
    people = {proxy.giver_id for proxy in held if proxy.giver_id}
    structures = {proxy.giver_structure_id for proxy in held if proxy.giver_structure_id}
    voting = set(
        paid_memberships(pole=pole, year=year, body=body)
        .filter(Q(person_id__in=people) | Q(structure_id__in=structures))
        .values_list("person_id", "structure_id")
    )
    voting_people = {person for person, _ in voting if person}
    voting_structures = {structure for _, structure in voting if structure}
    voters = []
    for proxy in held:
        still_votes = (proxy.giver_id is not None and proxy.giver_id in voting_people) or (
            proxy.giver_structure_id is not None and proxy.giver_structure_id in voting_structures
        )
        if not still_votes:
            continue
        name = proxy.giver.public_name if proxy.giver_id else proxy.giver_structure.name
        label = _("Par pouvoir, pour %(name)s") % {"name": name}
        voters.append(
            Voter(person_id=proxy.giver_id, structure_id=proxy.giver_structure_id, label=label, proxy_id=proxy.pk)
        )
    return voters


def may_vote_in_general_meeting(*, body: Body, person=None, structure=None, year: int | None = None) -> bool:
    """For proxies: is this person or structure a voter of the general meeting?"""
    paid = paid_memberships(pole=body.pole, year=year or current_year(), body=body)
    if person is not None:
        return paid.filter(person=person).exists()
    return paid.filter(structure=structure).exists()


def is_voter_of_body(*, body: Body, person=None, structure=None) -> bool:
    """May give a proxy: a voter of the body in their own right (a seat, or a member —
    up to date with the fee where one is required)."""
    if uses_fee_rule(body):
        return may_vote_in_general_meeting(body=body, person=person, structure=structure)
    seats = current_seats(body)
    return (seats.filter(person=person) if person is not None else seats.filter(structure=structure)).exists()


def eligible_holders(*, body: Body, year: int | None = None) -> QuerySet:
    """People who may hold a proxy in this body: voters in their own right, in person or as
    an approved representative of a voting structure. A queryset, searched by the view."""
    from peps.accounts.models import User

    if uses_fee_rule(body):
        voting = paid_memberships(pole=body.pole, year=year or current_year(), body=body)
        people = voting.filter(person__isnull=False).values("person_id")
        structures = voting.filter(structure__isnull=False).values("structure_id")
    else:
        seats = current_seats(body)
        people = seats.filter(person__isnull=False).values("person_id")
        structures = seats.filter(structure__isnull=False).values("structure_id")
    represented = Representative.objects.filter(
        status=RepresentativeStatus.APPROVED, structure_id__in=structures
    ).values("person_id")
    return User.objects.filter(is_active=True).filter(Q(pk__in=people) | Q(pk__in=represented))


def participation_so_far(motion: Motion) -> dict:
    """While a vote is open: how many voted, out of how many, and whether the quorum is
    reached so far. Counts only, never the partial result (a secret vote stays secret,
    and nobody's vote is swayed by the trend)."""
    from .counting import quorum_required

    eligible = eligible_count(motion)
    voted = motion.participations.count()
    required = quorum_required(kind=motion.quorum_kind, value=motion.quorum_value, eligible_count=eligible)
    return {
        "voted": voted,
        "eligible": eligible,
        "percent": round(100 * voted / eligible) if eligible else 0,
        "quorum_required": required,
        "quorum_reached": voted >= required,
        "quorum_missing": max(required - voted, 0),
    }
