"""The administrators' pages: editor, status, applications, committee, results, selection
and CSV export. Everyone else learns nothing (404); anonymous visitors go to the login."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from peps.calls.models import Assignment, Call, CallReviewer, CallStatus, Decision, FieldKind, Score

from .factories import AssignmentFactory, CallFactory, SubmittedApplicationFactory, reviewer_of

pytestmark = pytest.mark.django_db


def _admin_urls(call, submitted):
    field = call.fields.first()
    criterion = call.criteria.first()
    return [
        reverse("calls:create"),
        reverse("calls:edit", args=[call.pk]),
        reverse("calls:field_add", args=[call.pk]),
        reverse("calls:field_edit", args=[call.pk, field.pk]),
        reverse("calls:criterion_add", args=[call.pk]),
        reverse("calls:criterion_edit", args=[call.pk, criterion.pk]),
        reverse("calls:applications", args=[call.pk]),
        reverse("calls:committee", args=[call.pk]),
        reverse("calls:results", args=[call.pk]),
        reverse("calls:results_csv", args=[call.pk]),
    ]


def test_admin_pages_are_hidden_from_everyone_else(
    client, call, submitted, assignment, applicant, other_applicant, reviewer, coordinator
):
    urls = _admin_urls(call, submitted)
    for url in urls:
        assert client.get(url).status_code == 302, url  # anonymous → login
    for person in (applicant, other_applicant, reviewer, coordinator):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        assert client.post(reverse("calls:status", args=[call.pk]), {"to": "closed"}).status_code == 404
        assert client.post(reverse("calls:distribute", args=[call.pk])).status_code == 404


def test_admin_pages_open_to_network_admins(client, call, submitted, network_admin):
    client.force_login(network_admin)
    for url in _admin_urls(call, submitted):
        assert client.get(url).status_code == 200, url


def test_admin_creates_a_call_adds_questions_and_criteria_then_publishes(client, network_admin):
    client.force_login(network_admin)
    now = timezone.localtime()
    response = client.post(
        reverse("calls:create"),
        {
            "title": "Appel 2027",
            "summary": "",
            "text": "Texte",
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    call = Call.objects.get(title="Appel 2027")
    assert response.url == reverse("calls:edit", args=[call.pk]) and call.status == CallStatus.DRAFT
    client.post(
        reverse("calls:field_add", args=[call.pk]),
        {"label": "Stade", "kind": FieldKind.CHOICE, "required": "on", "choices": "Opérationnel\nEn émergence"},
    )
    client.post(reverse("calls:criterion_add", args=[call.pk]), {"label": "Ancrage", "weight": "3", "max_score": "5"})
    assert call.fields.get().choice_list == ["Opérationnel", "En émergence"]
    assert call.criteria.get().weight == 3
    client.post(reverse("calls:status", args=[call.pk]), {"to": "published"})
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED


def test_bad_dates_and_bad_status_give_clear_messages(client, call, network_admin):
    client.force_login(network_admin)
    response = client.post(
        reverse("calls:edit", args=[call.pk]),
        {"title": "X", "text": "", "opens_at": "2026-05-01T10:00", "closes_at": "2026-04-01T10:00"},
    )
    assert "La clôture doit venir après l’ouverture." in response.text
    response = client.post(reverse("calls:status", args=[call.pk]), {"to": "nonsense"}, follow=True)
    assert "Statut inconnu." in response.text
    response = client.post(reverse("calls:status", args=[call.pk]), {"to": "decided"}, follow=True)
    assert "ne peut pas passer" in response.text


def test_applications_list_filters_and_bounded_queries(client, call, network_admin, django_assert_max_num_queries):
    for n in range(32):
        application = SubmittedApplicationFactory(call=call, pole_name=f"Pôle {n}", kind="application")
        AssignmentFactory(application=application)
    SubmittedApplicationFactory(call=call, pole_name="Manifestation", kind="expression")
    client.force_login(network_admin)
    url = reverse("calls:applications", args=[call.pk])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200 and "33" in response.text
    response = client.get(url, {"kind": "expression"}, HTTP_HX_REQUEST="true")
    assert "Manifestation" in response.text and "Pôle 1<" not in response.text and "<h1>" not in response.text
    assert client.get(url, {"status": "bogus", "page": "x"}).status_code == 200


def test_committee_names_assigns_and_distributes(client, call, submitted, network_admin, other_applicant):
    client.force_login(network_admin)
    url = reverse("calls:committee", args=[call.pk])
    response = client.post(url, {"add-email": "inconnu@example.org"})
    assert "Aucun compte n’existe avec cette adresse" in response.text
    client.post(url, {"add-email": other_applicant.email})
    assert CallReviewer.objects.filter(call=call, user=other_applicant).exists()
    client.post(url, {"assign-application": submitted.pk, "assign-reviewer": other_applicant.pk})
    assert Assignment.objects.filter(application=submitted, reviewer=other_applicant).exists()
    response = client.post(url, {"assign-application": submitted.pk, "assign-reviewer": other_applicant.pk})
    assert "déjà confiée" in response.text
    second = reviewer_of(call)
    client.post(reverse("calls:distribute", args=[call.pk]), {"per_application": "2"})
    assert Assignment.objects.filter(application=submitted, reviewer=second).exists()
    assignment = Assignment.objects.get(application=submitted, reviewer=second)
    client.post(reverse("calls:unassign", args=[call.pk, assignment.pk]))
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    client.post(reverse("calls:reviewer_remove", args=[call.pk]), {"user": second.pk})
    assert not CallReviewer.objects.filter(call=call, user=second).exists()


def test_committee_page_queries_are_bounded(client, call, network_admin, django_assert_max_num_queries):
    reviewers = [reviewer_of(call) for _ in range(3)]
    for n in range(32):
        application = SubmittedApplicationFactory(call=call)
        AssignmentFactory(application=application, reviewer=reviewers[n % 3])
    client.force_login(network_admin)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("calls:committee", args=[call.pk])).status_code == 200


def _scored_call(call, count=32):
    call.status = CallStatus.CLOSED
    call.save()
    criteria = list(call.criteria.all())
    people = [reviewer_of(call) for _ in range(3)]
    applications = []
    for n in range(count):
        application = SubmittedApplicationFactory(call=call, pole_name=f"Candidat {n:02d}")
        applications.append(application)
        for person in people[:2]:
            assignment = AssignmentFactory(application=application, reviewer=person, completed_at=timezone.now())
            for c in criteria:
                Score.objects.create(assignment=assignment, criterion=c, score=n % 6)
    return applications


def test_results_are_ranked_with_bounded_queries(client, call, network_admin, django_assert_max_num_queries):
    _scored_call(call)
    client.force_login(network_admin)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("calls:results", args=[call.pk]))
    text = response.text
    assert text.index("Candidat 05") < text.index("Candidat 04") < text.index("Candidat 00")
    assert "100,00" in text or "100.00" in text


def test_selection_and_outcomes_from_the_results_page(client, call, network_admin, django_capture_on_commit_callbacks):
    applications = _scored_call(call, count=3)
    client.force_login(network_admin)
    response = client.post(reverse("calls:send_outcomes", args=[call.pk]), follow=True)
    assert "attendent encore une décision" in response.text
    for application, decision in zip(applications, ["retained", "not_retained", "retained"], strict=True):
        client.post(
            reverse("calls:decide", args=[call.pk, application.pk]), {"decision": decision, "note": "Avis du comité"}
        )
    applications[0].refresh_from_db()
    assert applications[0].decision == Decision.RETAINED and applications[0].decision_note == "Avis du comité"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("calls:send_outcomes", args=[call.pk]))
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED and len(mail.outbox) == 3
    # The applicant now sees the outcome.
    client.force_login(applications[0].applicant)
    assert "Retenue" in client.get(reverse("calls:my_applications")).text


def test_decision_with_a_bad_value_changes_nothing(client, call, submitted, network_admin):
    call.status = CallStatus.CLOSED
    call.save()
    client.force_login(network_admin)
    response = client.post(
        reverse("calls:decide", args=[call.pk, submitted.pk]), {"decision": "peut-être"}, follow=True
    )
    assert "Choisissez une décision." in response.text
    assert client.post(reverse("calls:decide", args=[call.pk, 999999]), {"decision": "retained"}).status_code == 404


def test_csv_export_is_utf8_with_bom_and_semicolons(client, call, network_admin):
    _scored_call(call, count=2)
    client.force_login(network_admin)
    response = client.get(reverse("calls:results_csv", args=[call.pk]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffRang;Numéro;Candidat;")
    lines = body.strip().splitlines()
    assert len(lines) == 3 and "Candidat 01" in lines[1] and ";20,00;1,00;1,00;2;0;0;En attente;" in lines[1]


def test_other_calls_objects_are_404(client, call, network_admin):
    other = CallFactory()
    other_app = SubmittedApplicationFactory(call=other)
    client.force_login(network_admin)
    assert client.get(reverse("calls:field_edit", args=[other.pk, call.fields.first().pk])).status_code == 404
    assert (
        client.post(reverse("calls:decide", args=[call.pk, other_app.pk]), {"decision": "retained"}).status_code == 404
    )


def test_csv_export_neutralises_what_a_spreadsheet_would_run(client, call, network_admin):
    from peps.core.testing.spreadsheets import FORMULAS, assert_csv_is_inert, csv_rows

    applications = _scored_call(call, count=len(FORMULAS))
    for application, formula in zip(applications, FORMULAS, strict=True):
        type(application).objects.filter(pk=application.pk).update(
            pole_name=formula, territory=formula, decision_note=formula
        )
    client.force_login(network_admin)
    rows = csv_rows(client.get(reverse("calls:results_csv", args=[call.pk])))
    assert len(rows) == 1 + len(FORMULAS)
    assert_csv_is_inert(rows, FORMULAS)
