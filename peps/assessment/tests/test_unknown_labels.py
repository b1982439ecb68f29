"""Indicators whose label the network has not published yet are named honestly by their
code and objective, and the page says once that the network completes the labels."""

from django.urls import reverse

from peps.assessment.models import CampaignStatus
from peps.core.typography import french_text

from . import factories as af


def test_unknown_labels_are_named_by_their_objective_with_one_note(client, campaign, pole, version):
    version.items.filter(code__in=["a1", "b1", "b2"]).update(label="", to_complete=True)
    af.answer(campaign, pole, af.full_levels(version), chosen={"a1", "b1"})
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    page = client.get(reverse("assessment:results", args=[campaign.pk])).content.decode()
    assert french_text("a1 — indicateur de l’objectif « Objectif a »") in page
    assert french_text("b2 — indicateur de l’objectif « Objectif b »") in page
    assert "libellé à compléter" not in page
    assert page.count("Le réseau complète les libellés du référentiel.") == 1
    assert "Les libellés de 3 indicateurs ne sont pas encore connus" in page


def test_no_note_when_every_label_is_known(client, campaign, pole, version):
    af.answer(campaign, pole, af.full_levels(version), chosen={"a1"})
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    page = client.get(reverse("assessment:results", args=[campaign.pk])).content.decode()
    assert "Le réseau complète les libellés" not in page


def test_an_objective_without_label_is_named_by_its_own_objective_and_its_indicators_by_its_code(
    client, campaign, pole, version
):
    version.items.filter(code__in=["b", "b1", "b2"]).update(label="", to_complete=True)
    af.answer(campaign, pole, af.full_levels(version), chosen={"b1"})
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    page = client.get(reverse("assessment:results", args=[campaign.pk])).content.decode()
    assert french_text("b — objectif de « Cultiver et servir le territoire »") in page
    assert french_text("b1 — indicateur de l’objectif b") in page
    assert "compléter par le réseau" not in page
    assert "sans libellé" not in page
    assert page.count("Le réseau complète les libellés du référentiel.") == 1
