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
