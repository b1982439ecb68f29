"""Selection: decisions once the call is closed, outcome e-mails to every applicant, and the
ranked results computed from the stored scores."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peps.calls import selectors, services
from peps.calls.models import CallStatus, Decision, Score

from .factories import AssignmentFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(call):
    call.status = CallStatus.CLOSED
    call.save()
    return call


def test_decisions_wait_for_the_call_to_close(call, submitted, network_admin):
    with pytest.raises(ValidationError, match="clos"):
        services.application_decide(application=submitted, decision=Decision.RETAINED, by=network_admin)


def test_outcomes_need_a_decision_for_everyone(closed, submitted, network_admin):
    SubmittedApplicationFactory(call=closed)
    services.application_decide(application=submitted, decision=Decision.RETAINED, by=network_admin)
    with pytest.raises(ValidationError, match="1 candidature"):
        services.call_send_outcomes(call=closed, by=network_admin)


def test_outcomes_are_mailed_after_commit_and_the_call_is_decided(
    closed, submitted, network_admin, django_capture_on_commit_callbacks
):
    other = SubmittedApplicationFactory(call=closed, contact_email="contact@ptce.example.org")
    services.application_decide(application=submitted, decision=Decision.RETAINED, note="Bravo", by=network_admin)
    services.application_decide(application=other, decision=Decision.NOT_RETAINED, by=network_admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.call_send_outcomes(call=closed, by=network_admin) == 2
    closed.refresh_from_db()
    assert closed.status == CallStatus.DECIDED
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert "retenu la candidature" in by_recipient[(submitted.applicant.email,)].body
    assert "Bravo" in by_recipient[(submitted.applicant.email,)].body
    # The applicant (an account) and the would-be pole's contact (an address alone) get one each.
    assert "n’a pas retenu" in by_recipient[(other.applicant.email,)].body
    assert "n’a pas retenu" in by_recipient[("contact@ptce.example.org",)].body
    with pytest.raises(ValidationError):
        services.call_send_outcomes(call=closed, by=network_admin)


def test_results_rank_by_weighted_mean_and_exclude_conflicts(closed, reviewer, other_reviewer):
    ancrage, cooperation = closed.criteria.all()  # weights 3 and 1, out of 5
    good = SubmittedApplicationFactory(call=closed, pole_name="Bon")
    fair = SubmittedApplicationFactory(call=closed, pole_name="Moyen")
    unscored = SubmittedApplicationFactory(call=closed, pole_name="Pas noté")

    def review(application, person, a, c, conflict=False):
        assignment = AssignmentFactory(application=application, reviewer=person, conflict=conflict)
        Score.objects.create(assignment=assignment, criterion=ancrage, score=a)
        Score.objects.create(assignment=assignment, criterion=cooperation, score=c)

    review(good, reviewer, 5, 5)  # 100
    review(good, other_reviewer, 4, 4)  # 80
    review(fair, reviewer, 2, 5)  # (3 × 0.4 + 1) / 4 = 55
    review(fair, other_reviewer, 0, 0, conflict=True)  # not counted
    AssignmentFactory(application=unscored, reviewer=reviewer)
    criteria, rows = selectors.call_results(call=closed)
    assert [(r.application.name, r.result.rank, str(r.result.mean)) for r in rows] == [
        ("Bon", 1, "90.00"),
        ("Moyen", 2, "55.00"),
        ("Pas noté", None, "None"),
    ]
    assert rows[1].result.conflicts == 1 and rows[2].result.needs_attention
