"""services.project_move_stage: validates the move, writes the history, tells the holder."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peps.projects.models import Project, StageChange
from peps.projects.services import project_move_stage
from peps.projects.stages import Stage


def test_a_move_writes_history_and_sets_the_stage_date(project, coordinator):
    before = project.stage_changed_at
    project_move_stage(project=project, to_stage=Stage.STRUCTURING, by=coordinator, reason="Premier rendez-vous.")
    project.refresh_from_db()
    assert project.stage == Stage.STRUCTURING
    assert project.stage_changed_at > before
    change = StageChange.objects.get(project=project)
    assert (change.from_stage, change.to_stage, change.by, change.reason) == (
        Stage.SUBMITTED,
        Stage.STRUCTURING,
        coordinator,
        "Premier rendez-vous.",
    )


def test_a_forbidden_move_is_refused_and_writes_nothing(project, coordinator):
    with pytest.raises(ValidationError) as error:
        project_move_stage(project=project, to_stage=Stage.LAUNCH, by=coordinator)
    assert error.value.code == "forbidden_move"
    assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED
    assert not StageChange.objects.exists()


@pytest.mark.parametrize("target", [Stage.PAUSED, Stage.REDIRECTED, Stage.ABANDONED, Stage.COMPLETED])
def test_leaving_the_path_without_a_reason_is_refused(project, coordinator, target):
    with pytest.raises(ValidationError) as error:
        project_move_stage(project=project, to_stage=target, by=coordinator, reason="   ")
    assert error.value.code == "reason_required"
    assert not StageChange.objects.exists()


def test_leaving_the_path_with_a_reason_is_recorded(project, coordinator):
    project_move_stage(project=project, to_stage=Stage.PAUSED, by=coordinator, reason="Le porteur déménage.")
    assert StageChange.objects.get(project=project).reason == "Le porteur déménage."


def test_an_unknown_stage_is_refused(project, coordinator):
    with pytest.raises(ValidationError):
        project_move_stage(project=project, to_stage="nowhere", by=coordinator)


def test_the_stage_read_from_the_database_decides_not_a_stale_object(project, coordinator):
    stale = Project.objects.get(pk=project.pk)
    project_move_stage(project=project, to_stage=Stage.STRUCTURING, by=coordinator)
    project_move_stage(project=stale, to_stage=Stage.BUSINESS_MODEL, by=coordinator)
    assert list(StageChange.objects.order_by("pk").values_list("from_stage", "to_stage")) == [
        (Stage.SUBMITTED, Stage.STRUCTURING),
        (Stage.STRUCTURING, Stage.BUSINESS_MODEL),
    ]


def test_the_holder_is_emailed_after_commit(project, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project_move_stage(project=project, to_stage=Stage.ABANDONED, by=coordinator, reason="Faute de local.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [project.holder.email]
    assert "Recyclerie du Roannais" in message.subject
    assert "Abandonné" in message.subject
    assert "Faute de local." in message.body
    assert f"/p/pollens/projets/{project.pk}/" in message.body


def test_no_email_when_the_move_is_refused(project, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        project_move_stage(project=project, to_stage=Stage.DEVELOPMENT, by=coordinator)
    assert mail.outbox == []


def test_a_project_whose_holder_deleted_their_account_still_moves(project, coordinator, holder):
    holder.delete()
    project.refresh_from_db()
    project_move_stage(project=project, to_stage=Stage.STRUCTURING, by=coordinator)
    assert Project.objects.get(pk=project.pk).stage == Stage.STRUCTURING
