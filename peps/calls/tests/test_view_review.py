"""The reviewers' pages: only their assignments; the scoring form; conflicts of interest."""

import pytest
from django.urls import reverse

from peps.calls.models import Score

from .factories import AssignmentFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_reviewer_sees_and_scores_an_assigned_application(client, call, assignment, reviewer):
    client.force_login(reviewer)
    url = reverse("calls:review", args=[assignment.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Un pôle rural." in page.text
    first, second = call.criteria.all()
    response = client.post(
        url,
        {f"c{first.pk}_score": "4", f"c{first.pk}_comment": "Bien ancré", f"c{second.pk}_score": "3"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.completed_at and Score.objects.get(assignment=assignment, criterion=first).comment == "Bien ancré"
    # The application page is open to them too.
    assert client.get(assignment.application.get_absolute_url()).status_code == 200


def test_an_unassigned_reviewer_gets_404_everywhere(client, assignment, other_reviewer):
    client.force_login(other_reviewer)
    assert client.get(reverse("calls:review", args=[assignment.pk])).status_code == 404
    assert client.get(assignment.application.get_absolute_url()).status_code == 404
    assert client.post(reverse("calls:declare_conflict", args=[assignment.pk])).status_code == 404


def test_applicant_and_admin_cannot_use_the_reviewers_form(client, assignment, applicant, network_admin):
    for person in (applicant, network_admin):
        client.force_login(person)
        assert client.get(reverse("calls:review", args=[assignment.pk])).status_code == 404


def test_declaring_a_conflict_removes_access_to_the_file(client, assignment, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("calls:declare_conflict", args=[assignment.pk]), {"note": "Je siège à son CA."})
    assert response.url == reverse("calls:my_assignments")
    assignment.refresh_from_db()
    assert assignment.conflict and assignment.conflict_note == "Je siège à son CA."
    page = client.get(reverse("calls:review", args=[assignment.pk]))
    assert page.status_code == 403 and "Un pôle rural." not in page.text
    assert client.get(assignment.application.get_absolute_url()).status_code == 403
    score = client.post(reverse("calls:review", args=[assignment.pk]), {})
    assert score.status_code == 403


def test_my_assignments_lists_only_mine_with_bounded_queries(
    client, call, reviewer, other_reviewer, django_assert_max_num_queries
):
    for n in range(32):
        AssignmentFactory(
            application=SubmittedApplicationFactory(call=call, pole_name=f"Dossier {n}"), reviewer=reviewer
        )
    AssignmentFactory(
        application=SubmittedApplicationFactory(call=call, pole_name="Pas pour moi"), reviewer=other_reviewer
    )
    client.force_login(reviewer)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("calls:my_assignments"))
    assert "Dossier 0" in response.text and "Pas pour moi" not in response.text
    assert "0 critère(s) noté(s) sur 2" in response.text


def test_progress_counts_each_scored_criterion_once(client, call, assignment, reviewer):
    Score.objects.create(assignment=assignment, criterion=call.criteria.first(), score=3)
    client.force_login(reviewer)
    assert "1 critère(s) noté(s) sur 2" in client.get(reverse("calls:my_assignments")).text
