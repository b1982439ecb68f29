"""peps.agenda.bourse: slots, resource people, and contributions recorded once — in the
session and in the project's support log, kept in step when edited or deleted."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from peps.agenda import bourse
from peps.agenda.models import BourseContribution, PresentationSlot, ResourcePerson
from peps.core.testing import factories as f
from peps.projects.models import SupportLogEntry


def test_a_slot_invites_the_project_and_emails_its_holder(
    session, project, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        slot = bourse.slot_add(
            session=session, project=project, starts_at=session.event.starts_at, duration_minutes=20, by=coordinator
        )
    assert slot.position == 1
    assert [m.to for m in mail.outbox] == [["hugo.porteur@example.org"]]
    assert "Recyclerie du Roannais" in mail.outbox[0].subject
    second = bourse.slot_add(
        session=session,
        project=f.ProjectFactory(pole=session.event.pole),
        starts_at=session.event.starts_at + datetime.timedelta(minutes=20),
        duration_minutes=20,
        by=coordinator,
    )
    assert second.position == 2


@pytest.mark.parametrize(
    "offset, duration, field",
    [
        (datetime.timedelta(minutes=-10), 20, "starts_at"),
        (datetime.timedelta(hours=2, minutes=50), 20, "starts_at"),
        (datetime.timedelta(0), 0, "duration_minutes"),
        (datetime.timedelta(0), 500, "duration_minutes"),
    ],
)
def test_a_slot_must_fit_in_the_session(session, project, coordinator, offset, duration, field):
    with pytest.raises(ValidationError) as error:
        bourse.slot_add(
            session=session,
            project=project,
            starts_at=session.event.starts_at + offset,
            duration_minutes=duration,
            by=coordinator,
        )
    assert field in error.value.error_dict


def test_a_project_presents_once_and_only_in_its_pole(session, project, coordinator, other_pole):
    start = session.event.starts_at
    bourse.slot_add(session=session, project=project, starts_at=start, duration_minutes=20, by=coordinator)
    with pytest.raises(ValidationError, match="déjà invité"):
        bourse.slot_add(session=session, project=project, starts_at=start, duration_minutes=20, by=coordinator)
    with pytest.raises(ValidationError, match="n’appartient pas"):
        bourse.slot_add(
            session=session,
            project=f.ProjectFactory(pole=other_pole),
            starts_at=start,
            duration_minutes=20,
            by=coordinator,
        )
    assert PresentationSlot.objects.count() == 1


def test_inviting_a_resource_person_emails_them_once(
    session, resource_person, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bourse.resource_person_invite(session=session, person=resource_person, by=coordinator)
    assert [m.to for m in mail.outbox] == [["rose.ressource@example.org"]]
    assert "personne ressource" in mail.outbox[0].subject
    with pytest.raises(ValidationError, match="déjà invitée"):
        bourse.resource_person_invite(session=session, person=resource_person, by=coordinator)
    assert ResourcePerson.objects.count() == 1


def test_a_contribution_lands_once_in_the_support_log(session, project, resource_person, coordinator):
    contribution = bourse.contribution_add(
        session=session,
        project=project,
        by=coordinator,
        kind="advice",
        text="Tester les prix sur un marché avant d’investir.",
        given_by=resource_person,
    )
    entries = list(SupportLogEntry.objects.filter(project=project))
    assert len(entries) == 1
    entry = entries[0]
    assert contribution.log_entry == entry
    assert entry.kind == "advice"
    assert entry.author == coordinator
    assert "Tester les prix sur un marché" in entry.text
    assert "Rose" in entry.text and "Bourse aux projets de printemps" in entry.text
    assert entry.happened_on == timezone.localtime(session.event.starts_at).date()


def test_editing_a_contribution_updates_its_entry_and_deleting_removes_it(
    session, project, resource_person, coordinator, pole
):
    structure = f.StructureFactory(pole=pole, name="France Active Loire")
    contribution = bourse.contribution_add(
        session=session,
        project=project,
        by=coordinator,
        kind="advice",
        text="Premier conseil.",
        given_by=resource_person,
    )
    bourse.contribution_update(
        contribution=contribution,
        by=coordinator,
        kind="help_offer",
        text="Prêt d’honneur possible.",
        given_by=resource_person,
        given_by_structure=structure,
    )
    entry = SupportLogEntry.objects.get(project=project)
    assert entry.pk == contribution.log_entry_id
    assert entry.kind == "note"
    assert "Prêt d’honneur possible." in entry.text and "France Active Loire" in entry.text
    assert "Premier conseil." not in entry.text
    bourse.contribution_delete(contribution=contribution, by=coordinator)
    assert not SupportLogEntry.objects.filter(project=project).exists()
    assert not BourseContribution.objects.exists()


def test_an_entry_removed_from_the_log_comes_back_on_edit(session, project, resource_person, coordinator):
    contribution = bourse.contribution_add(
        session=session, project=project, by=coordinator, kind="advice", text="Conseil.", given_by=resource_person
    )
    SupportLogEntry.objects.all().delete()
    contribution.refresh_from_db()
    bourse.contribution_update(
        contribution=contribution, by=coordinator, kind="advice", text="Conseil repris.", given_by=resource_person
    )
    assert SupportLogEntry.objects.get(project=project).text.endswith("Conseil repris.")


@pytest.mark.parametrize(
    "changes, field",
    [({"text": "  "}, "text"), ({"kind": "cadeau"}, "kind"), ({"given_by": None}, "given_by")],
)
def test_a_contribution_needs_text_kind_and_giver(session, project, resource_person, coordinator, changes, field):
    values = {"kind": "advice", "text": "Un conseil.", "given_by": resource_person, **changes}
    with pytest.raises(ValidationError) as error:
        bourse.contribution_add(session=session, project=project, by=coordinator, **values)
    assert field in error.value.error_dict
    assert not SupportLogEntry.objects.exists()
