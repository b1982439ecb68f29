"""Services of campaigns and answers: opening freezes the version, drafts are saved, only a
complete answer is submitted, and a submitted answer changes only after a logged reopening."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peps.assessment import services
from peps.assessment.models import AnswerEvent, AnswerEventKind, AnswerStatus, CampaignEvent, CampaignStatus

from . import factories as af


def _values(version, *, level=2, chosen=(), **extra):
    return {
        pk: {"level": level, "chosen_most_important": code in chosen, **extra}
        for code, pk in version.items.filter(depth=2).values_list("code", "pk")
    }


def test_opening_a_campaign_freezes_its_version_and_logs_the_change(pole, version, network_admin):
    campaign = af.campaign([pole], version=version, open_it=False)
    assert campaign.status == CampaignStatus.DRAFT
    services.campaign_open(campaign=campaign, by=network_admin)
    version.refresh_from_db()
    assert version.frozen_at is not None
    assert campaign.status == CampaignStatus.OPEN
    event = CampaignEvent.objects.get(campaign=campaign)
    assert (event.from_status, event.to_status, event.by) == ("draft", "open", network_admin)


def test_a_campaign_without_invited_poles_cannot_open(version):
    campaign = af.campaign([], version=version, open_it=False)
    with pytest.raises(ValidationError, match="Invitez au moins un pôle"):
        services.campaign_open(campaign=campaign, by=None)


def test_closing_date_before_opening_is_refused(version):
    with pytest.raises(ValidationError, match="clôture doit suivre"):
        services.campaign_create(
            by=None, title="x", version=version, opens_on=datetime.date(2025, 2, 1), closes_on=datetime.date(2025, 1, 1)
        )


def test_an_open_campaign_keeps_its_questions_but_may_invite_more_poles(campaign, other_pole, pole):
    with pytest.raises(ValidationError, match="ne changent plus"):
        services.campaign_update(campaign=campaign, by=None, max_most_important=5)
    answer = services.answer_get_or_start(campaign=campaign, pole=other_pole)
    services.campaign_update(campaign=campaign, by=None, poles=[pole], title="Nouveau titre")
    assert set(campaign.invited_poles.all()) == {pole, answer.pole}


def test_a_draft_is_saved_and_saved_again_without_duplicates(campaign, pole, coordinator):
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    services.answer_save(
        answer=answer, by=coordinator, values=_values(campaign.version, level=1, comment="Premier jet")
    )
    services.answer_save(answer=answer, by=coordinator, values=_values(campaign.version, level=3))
    assert answer.items.count() == 6
    assert set(answer.items.values_list("level", flat=True)) == {3}
    assert answer.items.first().comment == "Premier jet"
    assert answer.status == AnswerStatus.DRAFT
    # Autosave writes often: one « saved » row in the history, not one per save.
    assert AnswerEvent.objects.filter(answer=answer, kind=AnswerEventKind.SAVED).count() == 1


def test_an_incomplete_answer_is_not_submitted_and_says_what_is_missing(campaign, pole, coordinator):
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    values = _values(campaign.version)
    first = next(iter(values))
    values[first]["level"] = None
    with pytest.raises(ValidationError) as error:
        services.answer_submit(answer=answer, by=coordinator, values=values)
    assert "Indiquez le niveau de chaque indicateur ; il manque : a1." in error.value.messages
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.DRAFT


def test_more_choices_than_allowed_are_refused(campaign, pole, coordinator):
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    with pytest.raises(ValidationError, match="3 indicateurs « les plus importants » : 2 au plus"):
        services.answer_save(answer=answer, by=coordinator, values=_values(campaign.version, chosen={"a1", "a2", "b1"}))


def test_importance_is_required_when_the_campaign_asks_for_it(pole, version, coordinator):
    campaign = af.campaign([pole], version=version, uses_importance_scale=True)
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    with pytest.raises(ValidationError) as error:
        services.answer_submit(answer=answer, by=coordinator, values=_values(version))
    assert any("Indiquez l’importance" in message for message in error.value.messages)


def test_a_submitted_answer_is_never_changed_silently(campaign, pole, coordinator):
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    answer = services.answer_submit(answer=answer, by=coordinator, values=_values(campaign.version, chosen={"a1"}))
    assert answer.status == AnswerStatus.SUBMITTED
    assert answer.submitted_by == coordinator
    with pytest.raises(ValidationError, match="réouverture par le réseau"):
        services.answer_save(answer=answer, by=coordinator, values=_values(campaign.version, level=4))
    assert set(answer.items.values_list("level", flat=True)) == {2}


def test_reopening_needs_a_reason_is_logged_and_tells_the_pole(
    campaign, pole, coordinator, network_admin, django_capture_on_commit_callbacks
):
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    services.answer_submit(answer=answer, by=coordinator, values=_values(campaign.version))
    with pytest.raises(ValidationError, match="motif"):
        services.answer_reopen(answer=answer, by=network_admin, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_reopen(answer=answer, by=network_admin, reason="Niveau de c2 à corriger")
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.DRAFT
    event = answer.events.get(kind=AnswerEventKind.REOPENED)
    assert (event.by, event.note) == (network_admin, "Niveau de c2 à corriger")
    assert mail.outbox[0].to == [coordinator.email]
    assert "Niveau de c2 à corriger" in mail.outbox[0].body


def test_nothing_is_written_once_the_campaign_is_closed(campaign, pole, coordinator):
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    services.campaign_close(campaign=campaign, by=None)
    answer.refresh_from_db()
    with pytest.raises(ValidationError, match="pas ouverte"):
        services.answer_save(answer=answer, by=coordinator, values=_values(campaign.version))


def test_making_an_answer_public_is_logged(campaign, pole, coordinator):
    answer = af.answer(campaign, pole, af.full_levels(campaign.version))
    services.answer_set_public(answer=answer, by=coordinator, public=True)
    services.answer_set_public(answer=answer, by=coordinator, public=True)
    assert answer.public
    assert list(answer.events.values_list("kind", flat=True)) == [AnswerEventKind.PUBLISHED]


@pytest.mark.parametrize("url", ["/\t/evil.com", "/p/relative/", "javascript:alert(1)", "https://", None])
def test_evidence_must_be_http_addresses_with_a_host(campaign, pole, coordinator, url):
    answer = services.answer_get_or_start(campaign=campaign, pole=pole)
    values = _values(campaign.version, evidence=[{"url": url, "label": "Preuve"}])
    with pytest.raises(ValidationError, match="n’est pas une adresse valable"):
        services.answer_save(answer=answer, by=coordinator, values=values)
    assert not answer.items.exists()
    good = _values(campaign.version, evidence=[{"url": "https://exemple.org/rapport.pdf", "label": "Rapport"}])
    services.answer_save(answer=answer, by=coordinator, values=good)
    assert answer.items.count() == 6
