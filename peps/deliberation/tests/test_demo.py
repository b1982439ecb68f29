"""The demo deliberation of POLLENS and the big debate of the benchmark."""

from peps.core.testing import factories as f
from peps.deliberation.demo import RESSOURCERIE_TITLE, seed_big_debate, seed_deliberation_demo
from peps.deliberation.models import Debate, DebateStatus, Proposal, ProposalStatus


def test_the_demo_seeds_debates_and_a_consultation_once(pole, coordinator, member):
    for index in range(6):
        f.member_of(pole, email=f"demo{index}@example.org")
    report = seed_deliberation_demo(pole)
    assert report.debates == 2 and report.projects == 1
    closed = Debate.objects.get(pole=pole, title=RESSOURCERIE_TITLE)
    assert closed.status == DebateStatus.CLOSED and "Proposition de la coordination" in closed.synthesis
    assert closed.pros_count >= 4 and closed.cons_count >= 4 and closed.questions_count >= 2
    assert Debate.objects.filter(pole=pole, status=DebateStatus.OPEN).count() == 1
    retained = Proposal.objects.get(status=ProposalStatus.RETAINED)
    assert retained.project is not None and retained.project.holder == retained.author
    assert seed_deliberation_demo(pole).debates == 0


def test_seed_big_debate_keeps_the_counters_right(pole, member):
    debate = seed_big_debate(pole, arguments=100)
    assert debate.arguments_count == 100 == debate.arguments.count()
    assert debate.pros_count == debate.arguments.filter(stance="pro").count()
