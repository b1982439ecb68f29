"""The steering committee: naming reviewers, assigning by hand or evenly, conflicts of
interest, and scores per criterion."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from peps.calls import services
from peps.calls.models import Assignment, CallStatus, Score
from peps.core.testing import factories as f

from .factories import AssignmentFactory, SubmittedApplicationFactory, reviewer_of

pytestmark = pytest.mark.django_db


def test_only_committee_members_get_submitted_applications(call, draft, submitted, reviewer, network_admin):
    outsider = f.UserFactory()
    with pytest.raises(ValidationError, match="comité"):
        services.assignment_create(application=submitted, reviewer=outsider, by=network_admin)
    with pytest.raises(ValidationError, match="déposées"):
        services.assignment_create(application=draft, reviewer=reviewer, by=network_admin)
    services.assignment_create(application=submitted, reviewer=reviewer, by=network_admin)
    with pytest.raises(ValidationError, match="déjà confiée"):
        services.assignment_create(application=submitted, reviewer=reviewer, by=network_admin)


def test_only_network_admins_name_reviewers(call, coordinator):
    with pytest.raises(PermissionDenied):
        services.reviewer_add(call=call, user=coordinator, by=coordinator)


def test_distribute_evenly_balances_the_load_and_skips_conflicts(call, network_admin):
    reviewers = [reviewer_of(call) for _ in range(3)]
    applications = [SubmittedApplicationFactory(call=call) for _ in range(6)]
    # The first reviewer stepped aside on the first application already.
    AssignmentFactory(application=applications[0], reviewer=reviewers[0], conflict=True)
    made = services.assignments_distribute(call=call, by=network_admin, per_application=2)
    assert made == 12
    loads = [Assignment.objects.filter(reviewer=r, conflict=False).count() for r in reviewers]
    assert sorted(loads) == [4, 4, 4]
    first = Assignment.objects.filter(application=applications[0], conflict=False)
    assert reviewers[0].pk not in set(first.values_list("reviewer_id", flat=True)) and first.count() == 2
    # Running it again adds nothing.
    assert services.assignments_distribute(call=call, by=network_admin, per_application=2) == 0


def test_distribute_never_gives_an_applicant_their_own_application(call, network_admin):
    reviewer = reviewer_of(call)
    SubmittedApplicationFactory(call=call, applicant=reviewer)
    assert services.assignments_distribute(call=call, by=network_admin, per_application=1) == 0


def test_distribute_needs_a_committee(call, submitted, network_admin):
    with pytest.raises(ValidationError, match="comité"):
        services.assignments_distribute(call=call, by=network_admin)


def test_a_review_is_complete_when_every_criterion_is_scored(call, assignment, reviewer):
    first, second = call.criteria.all()
    services.review_save(assignment=assignment, by=reviewer, scores={first.pk: (4, "Bien ancré.")})
    assignment.refresh_from_db()
    assert assignment.completed_at is None
    services.review_save(assignment=assignment, by=reviewer, scores={first.pk: (5, ""), second.pk: (3, "Correct")})
    assignment.refresh_from_db()
    assert assignment.completed_at is not None
    assert Score.objects.get(assignment=assignment, criterion=first).score == 5


def test_a_score_above_the_maximum_is_refused(call, assignment, reviewer):
    criterion = call.criteria.first()
    with pytest.raises(ValidationError):
        services.review_save(assignment=assignment, by=reviewer, scores={criterion.pk: (6, "")})


def test_only_the_assigned_reviewer_scores(call, assignment, other_reviewer, network_admin):
    criterion = call.criteria.first()
    for person in (other_reviewer, network_admin):
        with pytest.raises(PermissionDenied):
            services.review_save(assignment=assignment, by=person, scores={criterion.pk: (3, "")})


def test_a_conflict_discards_the_scores_and_blocks_scoring(call, assignment, reviewer, network_admin, other_reviewer):
    criterion = call.criteria.first()
    services.review_save(assignment=assignment, by=reviewer, scores={criterion.pk: (3, "")})
    services.assignment_declare_conflict(assignment=assignment, by=reviewer, note="Je siège à son conseil.")
    assert not Score.objects.filter(assignment=assignment).exists()
    with pytest.raises(PermissionDenied):
        services.review_save(assignment=assignment, by=reviewer, scores={criterion.pk: (3, "")})
    # The administrator gives it to someone else.
    services.assignment_create(application=assignment.application, reviewer=other_reviewer, by=network_admin)


def test_no_scoring_once_the_call_is_decided(call, assignment, reviewer):
    call.status = CallStatus.DECIDED
    call.save()
    with pytest.raises(PermissionDenied):
        services.review_save(assignment=assignment, by=reviewer, scores={})
