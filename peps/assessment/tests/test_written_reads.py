"""The reads of the results pages written out in SQL (selectors: the version's items, a
pole's levels, its previous answer, the invited campaign, the public answers) give what the
ORM gives for the same question."""

import datetime

from peps.assessment import selectors
from peps.assessment.models import Answer, AnswerStatus, CampaignStatus
from peps.core.testing import factories as f
from peps.referentials.models import Item

from . import factories as af


def test_version_items_are_the_versions_rows(version):
    af.small_version(slug="autre")  # another version's items are left out
    Item.objects.filter(version=version, code="a2").update(label="", to_complete=True)
    expected = list(
        Item.objects.filter(version=version).values_list(
            "pk", "parent_id", "code", "label", "theme", "depth", "position", "to_complete"
        )
    )
    found = selectors.version_items(version.pk)
    assert sorted(tuple(row) for row in found) == sorted(expected)
    assert {type(row.to_complete) for row in found} == {bool}


def test_answer_levels_by_indicator_code(pole, campaign):
    answer = af.answer(campaign, pole, {"a1": 3, "a2": None, "b1": 0})
    assert selectors.answer_levels(answer) == dict(answer.items.values_list("item__code", "level"))
    assert selectors.answer_levels(answer) == {"a1": 3, "a2": None, "b1": 0}


def _previous_by_orm(campaign, pole):
    return (
        Answer.objects.filter(
            pole=pole,
            status=AnswerStatus.SUBMITTED,
            campaign__version__referential_id=campaign.version.referential_id,
            campaign__opens_on__lte=campaign.opens_on,
        )
        .exclude(campaign=campaign)
        .order_by("-campaign__opens_on", "-campaign_id")
        .first()
    )


def test_previous_answer_is_the_latest_earlier_submitted_one_on_the_referential(pole, other_pole, version):
    older = af.campaign([pole], version=version, title="2023", opens_on="2023-01-09", closes_on="2023-03-31")
    old = af.campaign([pole], version=version, title="2024", opens_on="2024-01-08", closes_on="2024-03-29")
    draft_only = af.campaign([pole], version=version, title="2024 bis", opens_on="2024-06-03", closes_on="2024-07-01")
    later = af.campaign([pole], version=version, title="2026", opens_on="2026-01-05", closes_on="2026-03-27")
    current = af.campaign([pole, other_pole], version=version)
    other_referential = af.campaign(
        [pole], version=af.small_version(slug="autre"), opens_on="2024-09-02", closes_on="2024-10-28"
    )
    for made in (older, old, later, other_referential):
        af.answer(made, pole, {"a1": 1})
    af.answer(draft_only, pole, {"a1": 1}, submitted=False)
    af.answer(old, other_pole, {"a1": 2})
    found = selectors.previous_answer(campaign=current, pole=pole)
    assert found == _previous_by_orm(current, pole)
    assert found.campaign == old
    assert selectors.previous_answer(campaign=older, pole=pole) is None
    assert selectors.previous_answer(campaign=current, pole=other_pole) == old.answers.get(pole=other_pole)


def test_invited_campaign_is_none_for_a_draft_or_a_pole_not_invited(pole, other_pole, version):
    invited = af.campaign([pole], version=version)
    draft = af.campaign([pole], version=version, open_it=False)
    assert draft.status == CampaignStatus.DRAFT
    found = selectors.invited_campaign(pole=pole, pk=invited.pk)
    assert found == invited and found.version == version
    assert selectors.invited_campaign(pole=other_pole, pk=invited.pk) is None
    assert selectors.invited_campaign(pole=pole, pk=draft.pk) is None
    assert selectors.invited_campaign(pole=pole, pk=invited.pk + 1000) is None
    assert selectors.pole_answer(campaign=invited, pole=pole) is None
    answer = af.answer(invited, pole, {"a1": 1})
    assert selectors.pole_answer(campaign=invited, pole=pole) == answer


def test_public_answers_are_the_submitted_public_ones_by_pole_name(pole, other_pole, version):
    third = f.PoleFactory(name="Aardvark", slug="aardvark")
    fourth = f.PoleFactory(name="Zèbre", slug="zebre")
    campaign = af.campaign([pole, other_pole, third, fourth], version=version)
    af.answer(campaign, pole, {"a1": 1}, public=True)
    af.answer(campaign, other_pole, {"a1": 1}, public=False)
    af.answer(campaign, third, {"a1": 1}, public=True)
    af.answer(campaign, fourth, {"a1": 1}, public=True, submitted=False)
    found = selectors.public_answers(campaign)
    expected = Answer.objects.filter(campaign=campaign, status=AnswerStatus.SUBMITTED, public=True)
    expected = expected.order_by("pole__name")
    assert found == list(expected)
    assert [(answer.pole.slug, answer.pole.name) for answer in found] == [
        (answer.pole.slug, answer.pole.name) for answer in expected
    ]


def test_results_campaign_names_its_referential(campaign):
    found = selectors.results_campaign(campaign.pk)
    assert found == campaign
    assert found.version.referential.name == campaign.version.referential.name
    assert found.version.number == campaign.version.number
    assert selectors.results_campaign(campaign.pk + 1000) is None


def test_the_opening_date_compares_as_a_date(pole, version):
    """previous_answer() compares opening dates given as dates, as the ORM does."""
    first = af.campaign(
        [pole], version=version, opens_on=datetime.date(2024, 1, 8), closes_on=datetime.date(2024, 3, 29)
    )
    same_day = af.campaign(
        [pole], version=version, opens_on=datetime.date(2024, 1, 8), closes_on=datetime.date(2024, 2, 29)
    )
    same_day.refresh_from_db()
    af.answer(first, pole, {"a1": 1})
    found = selectors.previous_answer(campaign=same_day, pole=pole)
    assert found == _previous_by_orm(same_day, pole)
    assert found.campaign == first
