"""Races: 50 simultaneous votes by one voter, simultaneous decisions, simultaneous proxies.
Run on SQLite and on PostgreSQL (DB_ENGINE=postgresql)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from peps.core.testing import factories as f
from peps.governance import services
from peps.governance.models import Ballot, BodyKind, Decision, Participation, Proxy

from . import factories as gf
from .concurrency import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("secret", [False, True])
def test_fifty_simultaneous_votes_of_one_voter_count_once(pole, secret):
    commission = gf.body(pole, BodyKind.COMMISSION, name="Commission")
    voter = f.member_of(pole)
    gf.seat(commission, voter)
    motion = gf.motion(pole, body_=commission, secret=secret)

    def cast(choice):
        return services.vote_cast(motion=motion, by=voter, voter_key=f"p{voter.pk}", choice=choice)

    results = run_concurrently(cast, ["yes", "no"] * 25)
    accepted = [r for r in results if isinstance(r, Participation)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(accepted), len(refused)) == (1, 49), results
    assert Participation.objects.filter(motion=motion).count() == 1
    assert Ballot.objects.filter(motion=motion).count() == 1


def test_simultaneous_decisions_are_numbered_without_gap_or_twin(pole):
    def record(index):
        return services.decision_record(
            pole=pole,
            by=None,
            title=f"Décision {index}",
            text="Texte",
            result="Adoptée",
            decided_on=datetime.date(2026, 3, 1),
        )

    results = run_concurrently(record, list(range(20)))
    assert all(isinstance(r, Decision) for r in results), results
    numbers = sorted(Decision.objects.filter(pole=pole).values_list("number", flat=True))
    assert numbers == [f"2026-{n:03d}" for n in range(1, 21)]


def test_simultaneous_proxies_do_not_exceed_the_maximum(pole):
    general_meeting = gf.body(pole, BodyKind.GENERAL_MEETING, name="AG", max_proxies_per_person=2)
    holder = gf.paid_member(pole)
    givers = [gf.paid_member(pole) for _ in range(8)]

    def give(giver):
        return services.proxy_give(body=general_meeting, by=giver, holder=holder)

    results = run_concurrently(give, givers)
    assert Proxy.objects.filter(holder=holder, revoked_at__isnull=True).count() == 2
    assert sum(isinstance(r, ValidationError) for r in results) == 6, results


def _voters(pole, body_, count):
    voters = [f.member_of(pole) for _ in range(count)]
    for voter in voters:
        gf.seat(body_, voter)
    return voters


def _assert_tally_equals_ballots(motion, results):
    motion.refresh_from_db()
    assert motion.status == "closed"
    accepted = [r for r in results if isinstance(r, Participation)]
    refused = [r for r in results if isinstance(r, services.VoteRefused)]
    assert len(accepted) + len(refused) == len(results) - 1, results
    assert all("Le vote est clos" in r.messages[0] for r in refused), refused
    ballots = Ballot.objects.filter(motion=motion).count()
    assert Participation.objects.filter(motion=motion).count() == ballots == len(accepted)
    assert motion.participation_count == ballots
    assert sum(motion.tally.get(choice, 0) for choice in ("yes", "no", "abstain")) == ballots


def test_votes_racing_a_close_are_either_counted_or_refused(pole):
    """20 votes and a manager's early close at the same moment: every stored ballot is in the
    published tally, and a vote that comes after the close is refused with the reason."""
    commission = gf.body(pole, BodyKind.COMMISSION, name="Commission")
    manager = f.member_of(pole)
    voters = _voters(pole, commission, 21)
    late = voters.pop()
    motion = gf.motion(pole, body_=commission)

    def act(who):
        if who is manager:
            return services.motion_close(motion=motion, by=manager)
        return services.vote_cast(motion=motion, by=who, voter_key=f"p{who.pk}", choice="yes")

    results = run_concurrently(act, voters[:10] + [manager] + voters[10:])
    _assert_tally_equals_ballots(motion, results)
    # The view holds the motion it read before the close: the service must not trust it.
    with pytest.raises(services.VoteRefused, match="Le vote est clos"):
        services.vote_cast(motion=motion, by=late, voter_key=f"p{late.pk}", choice="yes")
    assert Ballot.objects.filter(motion=motion).count() == motion.participation_count


def test_votes_racing_the_scheduled_close_are_either_counted_or_refused(pole):
    """The same race with the closing command run by cron: votes started just before the
    closing time (their `now`) while the command closes the motion."""
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    commission = gf.body(pole, BodyKind.COMMISSION, name="Commission")
    voters = _voters(pole, commission, 21)
    late = voters.pop()
    now = timezone.now()
    motion = gf.motion(
        pole,
        body_=commission,
        opens_at=now - datetime.timedelta(hours=2),
        closes_at=now - datetime.timedelta(seconds=1),
    )
    just_before = motion.closes_at - datetime.timedelta(milliseconds=1)

    def act(who):
        if who is None:
            return call_command("governance_close_motions", stdout=StringIO())
        return services.vote_cast(motion=motion, by=who, voter_key=f"p{who.pk}", choice="no", now=just_before)

    results = run_concurrently(act, voters[:10] + [None] + voters[10:])
    _assert_tally_equals_ballots(motion, results)
    with pytest.raises(services.VoteRefused, match="Le vote est clos"):
        services.vote_cast(motion=motion, by=late, voter_key=f"p{late.pk}", choice="no", now=just_before)
