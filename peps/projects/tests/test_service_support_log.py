"""Support log entries, request kind and referrals (with the optional move to « orienté »)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from peps.projects.models import Project, Referral, RequestKind, StageChange, SupportLogEntry
from peps.projects.services import project_refer, project_set_request_kind, support_log_add
from peps.projects.stages import Stage


def test_a_log_entry_is_written(project, coordinator):
    entry = support_log_add(
        project=project, by=coordinator, happened_on=datetime.date(2025, 5, 2), kind="meeting", text="RDV au pôle."
    )
    assert SupportLogEntry.objects.get() == entry
    assert entry.author == coordinator


def test_a_log_entry_may_plan_up_to_a_year_ahead_but_not_more(project, coordinator):
    today = timezone.localdate()
    support_log_add(
        project=project, by=coordinator, happened_on=today + datetime.timedelta(days=365), kind="next_step", text="x"
    )
    with pytest.raises(ValidationError):
        support_log_add(
            project=project, by=coordinator, happened_on=today + datetime.timedelta(days=366), kind="note", text="x"
        )


def test_a_log_entry_needs_a_text(project, coordinator):
    with pytest.raises(ValidationError):
        support_log_add(project=project, by=coordinator, happened_on=timezone.localdate(), kind="note", text=" ")


def test_the_request_kind_is_recorded(project, coordinator):
    project_set_request_kind(project=project, request_kind=RequestKind.RELAY, by=coordinator)
    assert Project.objects.get(pk=project.pk).request_kind == RequestKind.RELAY
    with pytest.raises(ValidationError):
        project_set_request_kind(project=project, request_kind="everything", by=coordinator)


def test_a_referral_alone_keeps_the_stage(project, coordinator):
    project_refer(project=project, by=coordinator, network="France Active", referred_on=timezone.localdate())
    assert Referral.objects.get().network == "France Active"
    assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_a_referral_can_move_the_project_to_redirected_with_a_reason(project, coordinator):
    project_refer(
        project=project,
        by=coordinator,
        network="Réseau Entreprendre",
        referred_on=timezone.localdate(),
        note="Besoin d’un prêt d’honneur.",
        redirect=True,
    )
    assert Project.objects.get(pk=project.pk).stage == Stage.REDIRECTED
    change = StageChange.objects.get()
    assert change.to_stage == Stage.REDIRECTED
    assert "Réseau Entreprendre" in change.reason


def test_a_referral_of_a_closed_project_cannot_redirect_it_and_writes_nothing(project, coordinator):
    Project.objects.filter(pk=project.pk).update(stage=Stage.COMPLETED)
    project.refresh_from_db()
    with pytest.raises(ValidationError):
        project_refer(project=project, by=coordinator, network="X", referred_on=timezone.localdate(), redirect=True)
    assert not Referral.objects.exists()
