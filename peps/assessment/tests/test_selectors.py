"""pole_results_summary: the shape the annual report and the comparison page rely on."""

from peps.assessment.models import CampaignStatus
from peps.assessment.selectors import pole_results_summary

from . import factories as af


def test_summary_is_none_without_a_submitted_answer(pole, campaign):
    af.answer(campaign, pole, {"a1": 1}, submitted=False)
    assert pole_results_summary(pole) is None


def test_summary_prefers_the_latest_closed_campaign(pole, other_pole, version):
    old = af.campaign([pole, other_pole], version=version, title="Close", opens_on="2024-01-08", closes_on="2024-03-29")
    af.answer(old, pole, {"a1": 4, "a2": 2, "b1": 1, "b2": 1, "c1": 0, "c2": 0})
    af.answer(old, other_pole, af.full_levels(version, 2))
    old.status = CampaignStatus.CLOSED
    old.save()
    current = af.campaign([pole], version=version, title="Ouverte")
    af.answer(current, pole, af.full_levels(version, 1))
    summary = pole_results_summary(pole)
    assert summary["campaign"] == old
    assert summary["submitted_at"] is not None
    assert summary["objectives"][0] == {
        "code": "a",
        "label": "Objectif a",
        "level": 3,
        "median": 2.5,
        "q1": 2.25,
        "q3": 2.75,
    }
    assert [row["code"] for row in summary["objectives"]] == ["a", "b", "c"]
