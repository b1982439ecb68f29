"""Demo seeders: the 2012-like campaign's ten most chosen indicators are the 2012 table's,
POLLENS answers it and has a draft in the open campaign; the bench seeder answers in bulk."""

from peps.assessment.demo import TOP_TEN, seed_assessment_bench, seed_assessment_network_demo
from peps.assessment.models import AnswerStatus, Campaign, CampaignStatus
from peps.assessment.selectors import campaign_results, pole_results_summary
from peps.core.testing import factories as f
from peps.poles.models import Pole


def test_the_2012_demo_reproduces_the_ten_most_chosen_indicators(pole, coordinator):
    demo = seed_assessment_network_demo()
    closed, open_campaign = demo["closed"], demo["open"]
    assert closed.status == CampaignStatus.CLOSED and open_campaign.status == CampaignStatus.OPEN
    assert closed.version.is_frozen
    results = campaign_results(closed)
    assert results["submitted"] == 29
    top = [row["code"] for row in results["ranking"][:10]]
    assert top == TOP_TEN
    assert results["ranking"][9]["count"] > results["ranking"][10]["count"]
    themes = {group["theme"] for group in results["top"]}
    assert len(themes) == 2
    assert Pole.objects.filter(is_demo=True, name__startswith="Pôle démo").count() == 28  # POLLENS is the 29th
    assert closed.answers.filter(pole=pole, status=AnswerStatus.SUBMITTED).exists()
    for answer in closed.answers.all():
        assert answer.items.filter(chosen_most_important=True).count() <= 10
    draft = open_campaign.answers.get(pole=pole)
    assert draft.status == AnswerStatus.DRAFT and draft.items.exists()
    assert pole_results_summary(pole)["campaign"] == closed
    # Idempotent.
    seed_assessment_network_demo()
    assert Campaign.objects.count() == 2


def test_the_bench_seeder_answers_for_every_pole(db):
    poles = [f.PoleFactory() for _ in range(12)]
    campaign = seed_assessment_bench(Pole.objects.filter(pk__in=[p.pk for p in poles]))
    results = campaign_results(campaign)
    assert results["submitted"] == 12 and results["rate"] == 100.0
    assert all(row["n"] == 12 for row in results["objectives"])


def test_the_2012_campaign_has_exactly_the_29_poles_of_the_study(pole):
    # More PTCE than the study had (the network demo's real and fictional poles): the
    # fictional ones are left out first, POLLENS stays.
    for n in range(20):
        f.PoleFactory(slug=f"ptce-reel-{n:02d}", name=f"PTCE réel {n:02d}", kind="ptce")
    for n in range(15):
        f.PoleFactory(slug=f"ptce-demo-{n:02d}", name=f"A PTCE de démonstration {n:02d}", kind="ptce")
    closed = seed_assessment_network_demo()["closed"]
    answering = set(closed.answers.values_list("pole__slug", flat=True))
    assert len(answering) == campaign_results(closed)["submitted"] == 29
    assert "pollens" in answering
    assert {f"ptce-reel-{n:02d}" for n in range(20)} <= answering
