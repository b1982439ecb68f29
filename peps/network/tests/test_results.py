"""Referential results on the fiche and the comparison: from the assessment app's summary,
shown only where the pole's answer may be read (published, or the pole's own coordination)."""

import pytest
from django.urls import reverse

from peps.assessment.models import CampaignStatus
from peps.assessment.tests import factories as af

COMPARE = reverse("network:compare")


@pytest.fixture
def closed_campaign(located_pole, competitive_pole):
    version = af.small_version()
    campaign = af.campaign([located_pole, competitive_pole], version=version, title="Campagne 2012 (test)")
    af.answer(campaign, located_pole, af.full_levels(version, 3), public=True)
    af.answer(campaign, competitive_pole, af.full_levels(version, 1))
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    return campaign


def test_published_results_are_compared_and_private_ones_are_not(client, closed_campaign):
    response = client.get(COMPARE, {"poles": ["pollens", "textile"]})
    pollens, textile = response.context["results"]["summaries"]
    assert pollens["campaign"] == closed_campaign and textile is None
    html = response.content.decode()
    assert "Campagne 2012 (test)" in html and "a — Objectif a" in html
    assert "3,0 (médiane 2,0, quartiles 1,5 – 2,5)" in html


def test_the_pole_coordination_sees_its_own_unpublished_results(client, closed_campaign, competitive_pole):
    from peps.core.testing import factories as f

    boss = f.member_of(competitive_pole, role="coordinator", email="textile@example.org")
    client.force_login(boss)
    response = client.get(reverse("network:profile", kwargs={"slug": "textile"}))
    assert response.context["results"]["campaign"] == closed_campaign
    assert "Niveau du pôle" in response.content.decode()


def test_a_pole_without_answer_says_it_has_no_results(client, located_pole):
    response = client.get(reverse("network:profile", kwargs={"slug": "pollens"}))
    assert response.context["results"] is None
    assert "pas encore de résultats publiés" in response.content.decode()
