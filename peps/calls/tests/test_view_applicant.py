"""The applicant's pages: start, form with drafts and files, submission, receipt, my
applications, and the protected downloads of attached files."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from peps.calls import services
from peps.calls.models import Application, ApplicationStatus, CallStatus

from .factories import AssignmentFactory, CallFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\nstatuts\n"


def test_anonymous_is_sent_to_login(client, call):
    response = client.get(reverse("calls:apply", args=[call.pk]))
    assert response.status_code == 302 and "/compte/login/" in response.url


def test_a_coordinator_is_offered_their_pole(client, call, pole, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("calls:apply", args=[call.pk]))
    assert pole.name in response.text
    response = client.post(reverse("calls:apply", args=[call.pk]), {"kind": "application", "pole": str(pole.pk)})
    application = Application.objects.get(call=call)
    assert application.pole == pole
    assert response.url == reverse("calls:application_edit", args=[application.pk])


def test_a_would_be_pole_needs_name_and_territory(client, call, applicant):
    client.force_login(applicant)
    url = reverse("calls:apply", args=[call.pk])
    response = client.post(url, {"kind": "expression", "pole": "new", "pole_name": ""})
    assert response.status_code == 200 and "Donnez le nom du pôle en projet." in response.text
    client.post(url, {"kind": "expression", "pole": "new", "pole_name": "PTCE des Baronnies", "territory": "Drôme"})
    assert Application.objects.get(call=call).kind == "expression"


def test_member_choosing_a_pole_they_do_not_coordinate_is_refused(client, call, pole, member):
    client.force_login(member)
    response = client.post(reverse("calls:apply", args=[call.pk]), {"kind": "application", "pole": str(pole.pk)})
    assert response.status_code == 200 and not Application.objects.exists()


def test_a_closed_call_refuses_applications(client, applicant):
    closed = CallFactory(status=CallStatus.CLOSED)
    client.force_login(applicant)
    assert client.get(reverse("calls:apply", args=[closed.pk])).status_code == 403


def _post(client, application, fields, **extra):
    data = {fields["Présentation du pôle"].key: "Un pôle rural.", fields["Stade"].key: "Opérationnel", **extra}
    return client.post(reverse("calls:application_edit", args=[application.pk]), data)


def test_saving_a_draft_keeps_answers_and_file(client, draft, fields, applicant):
    client.force_login(applicant)
    statuts = SimpleUploadedFile("statuts.pdf", PDF, content_type="application/pdf")
    response = _post(client, draft, fields, save="1", **{fields["Statuts"].key: statuts})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.answers[fields["Stade"].key] == "Opérationnel"
    page = client.get(reverse("calls:application_edit", args=[draft.pk]))
    assert "statuts.pdf" in page.text and "Un pôle rural." in page.text


def test_submitting_an_incomplete_draft_explains_what_is_missing(client, draft, fields, applicant):
    client.force_login(applicant)
    url = reverse("calls:application_edit", args=[draft.pk])
    response = client.post(url, {fields["Nombre de structures membres"].key: "14", "submit": "1"})
    assert response.status_code == 200
    assert "Cette réponse est obligatoire pour déposer la candidature." in response.text
    assert 'value="14"' in response.text
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.answers  # the draft was kept


def test_a_bad_file_keeps_what_was_typed(client, draft, fields, applicant):
    client.force_login(applicant)
    exe = SimpleUploadedFile("outil.exe", b"MZ", content_type="application/octet-stream")
    response = _post(client, draft, fields, save="1", **{fields["Statuts"].key: exe})
    assert response.status_code == 200 and "n’est pas accepté" in response.text and "Un pôle rural." in response.text


def test_submitting_gives_a_receipt_and_an_email(client, draft, fields, applicant, django_capture_on_commit_callbacks):
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, draft, fields, submit="1")
    draft.refresh_from_db()
    assert response.url == reverse("calls:receipt", args=[draft.pk])
    receipt = client.get(response.url)
    assert draft.reference in receipt.text and "Un pôle rural." in receipt.text
    assert len(mail.outbox) == 1
    # A submitted application is read-only: the form redirects to the application.
    assert client.get(reverse("calls:application_edit", args=[draft.pk])).status_code == 302


def test_other_people_cannot_open_or_edit_an_application(client, draft, submitted, other_applicant, member):
    for person in (other_applicant, member):
        client.force_login(person)
        for name in ("application", "application_edit", "receipt"):
            assert client.get(reverse(f"calls:{name}", args=[submitted.pk])).status_code == 404
        assert client.post(reverse("calls:application_delete", args=[draft.pk])).status_code == 404


def test_anonymous_cannot_open_an_application(client, submitted):
    response = client.get(submitted.get_absolute_url())
    assert response.status_code == 302


def test_deleting_a_draft(client, draft, applicant):
    client.force_login(applicant)
    client.post(reverse("calls:application_delete", args=[draft.pk]))
    assert not Application.objects.filter(pk=draft.pk).exists()


def test_my_applications_lists_mine_only_with_bounded_queries(
    client, call, applicant, other_applicant, django_assert_max_num_queries
):
    for n in range(32):
        SubmittedApplicationFactory(call=CallFactory(), applicant=applicant, pole_name=f"Mon pôle {n}")
    SubmittedApplicationFactory(call=call, applicant=other_applicant, pole_name="Pas le mien")
    client.force_login(applicant)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("calls:my_applications"))
    assert "Mon pôle 31" in response.text and "Pas le mien" not in response.text


@pytest.fixture
def attached(submitted, fields, applicant, settings):
    # Attach through the service while the call is open, then mark it submitted.
    from peps.calls.models import Attachment

    upload = SimpleUploadedFile("statuts.pdf", PDF, content_type="application/pdf")
    return Attachment.objects.create(
        application=submitted,
        field=fields["Statuts"],
        file=upload,
        original_name="statuts.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )


def test_the_file_is_served_to_the_applicant_reviewer_and_admin(
    client, attached, submitted, applicant, reviewer, network_admin
):
    AssignmentFactory(application=submitted, reviewer=reviewer)
    url = attached.get_absolute_url()
    for person in (applicant, reviewer, network_admin):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, person
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    assert "/media/" not in url


def test_the_file_is_hidden_from_others(client, attached, submitted, other_applicant, other_reviewer, reviewer):
    url = attached.get_absolute_url()
    assert client.get(url).status_code == 302  # anonymous → login
    for person in (other_applicant, other_reviewer):
        client.force_login(person)
        assert client.get(url).status_code == 404
    conflicted = AssignmentFactory(application=submitted, reviewer=reviewer, conflict=True)
    client.force_login(conflicted.reviewer)
    assert client.get(url).status_code == 403


def test_service_start_for_pole_and_page(client, call, pole, coordinator):
    application = services.application_start(call=call, by=coordinator, pole=pole)
    client.force_login(coordinator)
    assert pole.name in client.get(application.get_absolute_url()).text


def test_a_second_coordinator_starting_the_pole_application_is_shown_the_first_one(client, call, pole, coordinator):
    from peps.core.testing import factories as f

    first = services.application_start(call=call, by=coordinator, pole=pole)
    colleague = f.member_of(pole, role="coordinator", display_name="Camille")
    client.force_login(colleague)
    response = client.post(
        reverse("calls:apply", args=[call.pk]), {"kind": "application", "pole": str(pole.pk)}, follow=True
    )
    assert response.redirect_chain[-1][0] == first.get_absolute_url()
    assert "a déjà une candidature à cet appel, commencée par Claire" in response.text
    assert Application.objects.filter(call=call).count() == 1
    # Seen, not edited: the draft stays its applicant's.
    assert client.get(reverse("calls:application_edit", args=[first.pk])).status_code == 404
