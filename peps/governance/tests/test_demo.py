"""seed_governance_demo: the POLLENS governance built from the pole's colleges and members."""

from django.utils import timezone

from peps.core.testing import factories as f
from peps.governance.demo import seed_governance_demo
from peps.governance.models import Decision, Motion, Outcome
from peps.poles.models import Membership

from . import factories as gf


def test_the_demo_elects_the_board_per_college_and_records_an_adopted_decision(pole, colleges, coordinator):
    for college in colleges:
        for i in range(college.board_seats + 2):
            role = "board" if i < college.board_seats else "member"
            gf.paid_member(pole, role=role, college=college)
    outside = f.StructureFactory(pole=pole, name="Structure extérieure")
    bodies = seed_governance_demo(pole)
    board = bodies["board"]
    for college in colleges:
        assert board.seats.filter(college=college, until__isnull=True).count() == college.board_seats
    assert bodies["bureau"].seats.count() == 3
    assert bodies["actions"].seats.filter(structure=outside).exists()
    decision = Decision.objects.get(pole=pole)
    assert decision.number.endswith("-001")
    assert decision.meeting.minutes_published_at is not None
    assert decision.motion.agenda_item.origin_body == bodies["actions"]
    assert decision.motion.outcome == Outcome.ADOPTED
    assert decision.motion.participation_count >= decision.motion.quorum_required > 0
    assert Motion.objects.filter(pole=pole, status="open").count() == 1
    # Meetings and votes happen in the daytime, whatever the hour of the seed.
    assert timezone.localtime(decision.meeting.starts_at).hour == 14
    open_vote = Motion.objects.get(pole=pole, status="open")
    assert 8 <= timezone.localtime(open_vote.opens_at).hour <= 18
    assert 8 <= timezone.localtime(open_vote.closes_at).hour <= 18
    assert Membership.objects.filter(pole=pole).count() > 12
