"""Stored results (CampaignResults): the pages read the figures stored for the submitted
answers as they are now; submitting or reopening an answer stores the new figures, and a
change made any other way is seen at once (the stored row's stamp no longer matches)."""

from peps.assessment import services
from peps.assessment.models import Answer, CampaignResults
from peps.assessment.selectors import campaign_results, compute_figures, version_tree
from peps.core.testing import factories as f

from . import factories as af


def _values(version, *, level=2, chosen=()):
    return {
        pk: {"level": level, "chosen_most_important": code in chosen}
        for code, pk in version.items.filter(depth=2).values_list("code", "pk")
    }


def _by_code(results):
    return {row["code"]: row for row in results["objectives"]}


def test_figures_are_read_from_the_stored_row_in_two_queries(campaign, pole, other_pole, django_assert_num_queries):
    af.answer(campaign, pole, af.full_levels(campaign.version, 1), chosen={"a1"})
    af.answer(campaign, other_pole, af.full_levels(campaign.version, 3), chosen={"a1", "b2"})
    computed = campaign_results(campaign)
    stored = CampaignResults.objects.get(campaign=campaign)
    assert stored.figures["submitted"] == 2
    with django_assert_num_queries(2):  # the tree, then the answers' stamp with the stored row
        again = campaign_results(campaign)
    assert again["ranking"] == computed["ranking"]
    assert again["objectives"] == computed["objectives"]
    assert (
        again["per_pole"]
        == computed["per_pole"]
        == {pole.pk: {"a": 1, "b": 1, "c": 1}, other_pole.pk: {"a": 3, "b": 3, "c": 3}}
    )


def test_a_submission_stores_the_new_figures_next_to_the_write(campaign, pole, other_pole, coordinator):
    af.answer(campaign, other_pole, af.full_levels(campaign.version, 4), chosen={"b1"})
    assert campaign_results(campaign)["submitted"] == 1
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    services.answer_submit(answer=answer, by=coordinator, values=_values(campaign.version, level=0, chosen={"a1"}))
    stored = CampaignResults.objects.get(campaign=campaign)
    assert stored.figures["submitted"] == 2
    assert stored.figures["choices"] == {"a1": 1, "b1": 1}
    assert stored.figures["per_pole"][str(pole.pk)] == {"a": 0, "b": 0, "c": 0}
    assert stored.figures == compute_figures(campaign, version_tree(campaign.version), submitted=2)
    results = campaign_results(campaign)
    assert _by_code(results)["a"]["median"] == 2
    assert (results["submitted"], results["rate"]) == (2, 100.0)


def test_a_reopened_answer_leaves_the_stored_figures(campaign, pole, other_pole, network_admin):
    answer = af.answer(campaign, pole, af.full_levels(campaign.version, 0), chosen={"a1"})
    af.answer(campaign, other_pole, af.full_levels(campaign.version, 4), chosen={"b1"})
    assert campaign_results(campaign)["submitted"] == 2
    services.answer_reopen(answer=answer, by=network_admin, reason="Niveaux à revoir")
    assert CampaignResults.objects.get(campaign=campaign).figures["submitted"] == 1
    results = campaign_results(campaign)
    assert results["submitted"] == 1
    assert _by_code(results)["a"]["median"] == 4
    assert [row["code"] for row in results["ranking"] if row["count"]] == ["b1"]


def test_changes_made_without_the_services_are_never_hidden_by_stored_figures(campaign, pole, other_pole):
    """A deleted answer (a pole removed from the platform), or an answer written directly,
    change the stamp: the stored figures are recomputed, not shown."""
    third = f.PoleFactory(name="Troisième pôle")
    campaign.invited_poles.add(third)
    af.answer(campaign, pole, af.full_levels(campaign.version, 1))
    af.answer(campaign, other_pole, af.full_levels(campaign.version, 3))
    assert _by_code(campaign_results(campaign))["a"]["median"] == 2
    Answer.objects.filter(campaign=campaign, pole=pole).delete()
    results = campaign_results(campaign)
    assert (results["submitted"], _by_code(results)["a"]["median"]) == (1, 3)
    af.answer(campaign, third, af.full_levels(campaign.version, 4))
    results = campaign_results(campaign)
    assert (results["invited"], results["submitted"], _by_code(results)["a"]["median"]) == (3, 2, 3.5)
    assert CampaignResults.objects.get(campaign=campaign).figures["submitted"] == 2


def test_the_invited_poles_are_counted_as_they_are_now(campaign, pole, other_pole):
    af.answer(campaign, pole, af.full_levels(campaign.version, 2))
    assert (campaign_results(campaign)["invited"], campaign_results(campaign)["rate"]) == (2, 50.0)
    campaign.invited_poles.add(f.PoleFactory(), f.PoleFactory())
    assert (campaign_results(campaign)["invited"], campaign_results(campaign)["rate"]) == (4, 25.0)


def test_a_campaign_without_submitted_answers_has_empty_figures(campaign, pole):
    af.answer(campaign, pole, af.full_levels(campaign.version, 2), submitted=False)
    results = campaign_results(campaign)
    assert results["submitted"] == 0
    assert all(row["n"] == 0 and row["median"] is None for row in results["objectives"])
    assert results["per_pole"] == {}


def test_publishing_an_answer_keeps_the_stored_figures_ready(campaign, pole, coordinator, django_assert_num_queries):
    answer = af.answer(campaign, pole, af.full_levels(campaign.version, 2))
    figures = campaign_results(campaign)["objectives"]
    services.answer_set_public(answer=answer, by=coordinator, public=True)
    with django_assert_num_queries(2):  # stored again by the service: read, not recomputed
        assert campaign_results(campaign)["objectives"] == figures
