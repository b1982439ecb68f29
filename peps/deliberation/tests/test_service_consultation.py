"""Consultations: the window of dates, one support per person, answers, proposal → project."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from peps.deliberation import services
from peps.deliberation.models import Proposal, ProposalStatus, ProposalSupport
from peps.notifications.models import Notification
from peps.projects.models import Follow as ProjectFollow
from peps.projects.models import Stage

from .factories import ConsultationFactory, ProposalFactory


def test_proposals_are_taken_between_the_dates_only(pole, member):
    today = timezone.localdate()
    upcoming = ConsultationFactory(
        pole=pole, starts_on=today + datetime.timedelta(days=2), ends_on=today + datetime.timedelta(days=9)
    )
    ended = ConsultationFactory(
        pole=pole, starts_on=today - datetime.timedelta(days=9), ends_on=today - datetime.timedelta(days=1)
    )
    last_day = ConsultationFactory(pole=pole, starts_on=today - datetime.timedelta(days=9), ends_on=today)
    with pytest.raises(ValidationError, match="pas encore ouverte : elle ouvrira le"):
        services.proposal_submit(consultation=upcoming, by=member, title="T", body="B")
    with pytest.raises(ValidationError, match="close depuis le"):
        services.proposal_submit(consultation=ended, by=member, title="T", body="B")
    assert services.proposal_submit(consultation=last_day, by=member, title="T", body="B").pk


def test_supports_are_refused_outside_the_dates(pole, member):
    today = timezone.localdate()
    ended = ConsultationFactory(
        pole=pole, starts_on=today - datetime.timedelta(days=9), ends_on=today - datetime.timedelta(days=1)
    )
    proposal = ProposalFactory(consultation=ended)
    with pytest.raises(ValidationError):
        services.proposal_support(proposal=proposal, person=member)


def test_one_support_per_person_by_the_service_and_by_the_database(consultation, member, other_member):
    proposal = ProposalFactory(consultation=consultation)
    assert services.proposal_support(proposal=proposal, person=member) is True
    assert services.proposal_support(proposal=proposal, person=member) is False
    services.proposal_support(proposal=proposal, person=other_member)
    assert proposal.supports_count == 2
    with pytest.raises(IntegrityError):
        ProposalSupport.objects.create(proposal=proposal, person=member)


def test_a_support_can_be_withdrawn(consultation, member):
    proposal = ProposalFactory(consultation=consultation)
    services.proposal_support(proposal=proposal, person=member)
    assert services.proposal_unsupport(proposal=proposal, person=member) is True
    assert proposal.supports_count == 0


def test_followers_hear_of_new_proposals(consultation, coordinator, member):
    services.proposal_submit(consultation=consultation, by=member, title="Une conciergerie", body="À la gare.")
    assert Notification.objects.filter(recipient=coordinator, kind="deliberation.proposal").exists()
    consultation.refresh_from_db()
    assert consultation.proposals_count == 1


def test_an_answer_needs_a_text_unless_back_to_discussion(consultation, coordinator, member):
    proposal = ProposalFactory(consultation=consultation, author=member)
    with pytest.raises(ValidationError):
        services.proposal_answer(proposal=proposal, by=coordinator, status=ProposalStatus.REJECTED, answer="")
    services.proposal_answer(proposal=proposal, by=coordinator, status=ProposalStatus.RETAINED, answer="Bonne idée.")
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == ProposalStatus.RETAINED and proposal.answered_by == coordinator
    assert Notification.objects.filter(recipient=member, kind="deliberation.answer").exists()


def test_a_retained_proposal_becomes_a_project_held_by_its_author(consultation, coordinator, member):
    proposal = ProposalFactory(
        consultation=consultation, author=member, title="Conciergerie solidaire", body="À la gare."
    )
    with pytest.raises(ValidationError, match="retenue"):
        services.proposal_to_project(proposal=proposal, by=coordinator, domain="retail", economic_model="mixed")
    services.proposal_answer(proposal=proposal, by=coordinator, status=ProposalStatus.RETAINED, answer="Oui.")
    project = services.proposal_to_project(proposal=proposal, by=coordinator, domain="retail", economic_model="mixed")
    assert project.pole == consultation.pole and project.holder == member and project.title == "Conciergerie solidaire"
    assert project.stage == Stage.SUBMITTED and "Issu de la consultation" in project.description
    assert ProjectFollow.objects.filter(project=project, person=member).exists()
    assert Proposal.objects.get(pk=proposal.pk).project == project and project.source_proposal.pk == proposal.pk
    with pytest.raises(ValidationError, match="déjà devenue un projet"):
        services.proposal_to_project(proposal=proposal, by=coordinator, domain="retail", economic_model="mixed")
    with pytest.raises(ValidationError):
        services.proposal_answer(proposal=proposal, by=coordinator, status=ProposalStatus.REJECTED, answer="Non.")


def test_a_consultation_needs_ordered_dates_and_citizens_need_public(pole, coordinator):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.consultation_create(
            pole=pole,
            by=coordinator,
            title="T",
            description="D",
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.consultation_create(
            pole=pole,
            by=coordinator,
            title="T",
            description="D",
            starts_on=today,
            ends_on=today,
            visibility="members",
            open_to_citizens=True,
        )
