"""Applications: starting one (for one's pole or a would-be pole), drafts with validated
answers and checked files, submission before the deadline with a numbered receipt."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from peps.calls import services
from peps.calls.models import ApplicationStatus, Attachment, CallStatus
from peps.core.testing import factories as f

from .factories import CallFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test\n"


def pdf(name="statuts.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_coordinator_applies_for_their_pole(call, pole, coordinator):
    application = services.application_start(call=call, by=coordinator, pole=pole)
    assert application.pole == pole and application.name == pole.name
    assert application.contact_email == coordinator.email
    assert application.status == ApplicationStatus.DRAFT


def test_a_plain_member_cannot_apply_for_the_pole(call, pole, member):
    with pytest.raises(PermissionDenied):
        services.application_start(call=call, by=member, pole=pole)


def test_a_pole_applies_once_per_call(call, pole, coordinator):
    first = services.application_start(call=call, by=coordinator, pole=pole)
    assert services.application_start(call=call, by=coordinator, pole=pole) == first
    other = f.member_of(pole, role="coordinator")
    assert services.application_start(call=call, by=other, pole=pole) == first
    assert first.applicant == coordinator


def test_a_would_be_pole_needs_a_name(call, applicant):
    with pytest.raises(ValidationError):
        services.application_start(call=call, by=applicant, pole_name="  ")
    application = services.application_start(
        call=call, by=applicant, kind="expression", pole_name="PTCE des Baronnies", territory="Drôme"
    )
    assert application.pole is None and application.name == "PTCE des Baronnies"


def test_nobody_applies_to_a_draft_or_closed_call(applicant):
    with pytest.raises(ValidationError, match="pas ouvert"):
        services.application_start(call=CallFactory(status=CallStatus.DRAFT), by=applicant, pole_name="X")
    past = CallFactory(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="clos depuis"):
        services.application_start(call=past, by=applicant, pole_name="X")


def test_a_draft_keeps_validated_answers_only(draft, fields, applicant):
    services.application_save_draft(
        application=draft,
        by=applicant,
        answers={
            fields["Présentation du pôle"].key: "  Un pôle rural.  ",
            fields["Nombre de structures membres"].key: "12,5",
            fields["Gouvernance partagée ?"].key: "yes",
            "f999999": "ignored",
        },
    )
    draft.refresh_from_db()
    assert draft.answers == {
        fields["Présentation du pôle"].key: "Un pôle rural.",
        fields["Nombre de structures membres"].key: "12.5",
        fields["Gouvernance partagée ?"].key: True,
    }


def test_a_wrong_choice_or_number_is_refused_with_a_french_message(draft, fields, applicant):
    with pytest.raises(ValidationError) as error:
        services.application_save_draft(
            application=draft,
            by=applicant,
            answers={fields["Stade"].key: "Imaginaire", fields["Nombre de structures membres"].key: "beaucoup"},
        )
    assert error.value.message_dict[fields["Stade"].key] == ["Choisissez une des réponses proposées."]
    assert error.value.message_dict[fields["Nombre de structures membres"].key] == ["Saisissez un nombre."]


def test_only_the_applicant_edits_their_draft(draft, other_applicant):
    with pytest.raises(PermissionDenied):
        services.application_save_draft(application=draft, by=other_applicant, answers={})


def test_a_file_is_stored_under_calls_and_replaced(draft, fields, applicant, settings):
    field = fields["Statuts"]
    services.application_save_draft(application=draft, by=applicant, answers={}, files={field.pk: pdf()})
    first = Attachment.objects.get(application=draft)
    assert first.file.name.startswith(f"calls/{draft.call_id}/{draft.pk}/") and first.original_name == "statuts.pdf"
    assert first.content_type == "application/pdf" and first.size == len(PDF)
    services.application_save_draft(application=draft, by=applicant, answers={}, files={field.pk: pdf("v2.pdf")})
    assert list(Attachment.objects.filter(application=draft).values_list("original_name", flat=True)) == ["v2.pdf"]


def test_files_of_the_wrong_type_or_too_big_are_refused(draft, fields, applicant, settings):
    field = fields["Statuts"]
    with pytest.raises(ValidationError, match="pas accepté"):
        services.application_save_draft(
            application=draft, by=applicant, answers={}, files={field.pk: pdf("virus.exe", b"MZ")}
        )
    with pytest.raises(ValidationError, match="ne correspond pas"):
        services.application_save_draft(
            application=draft, by=applicant, answers={}, files={field.pk: pdf("faux.pdf", b"MZ\x90\x00")}
        )
    settings.PEPS_CALLS_MAX_FILE_BYTES = 10
    with pytest.raises(ValidationError, match="limite"):
        services.application_save_draft(application=draft, by=applicant, answers={}, files={field.pk: pdf()})
    assert not Attachment.objects.exists()


def test_submission_refuses_missing_required_answers(draft, fields, applicant):
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=draft, by=applicant)
    assert set(error.value.message_dict) == {fields["Présentation du pôle"].key, fields["Stade"].key}
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.reference is None


def _complete(draft, fields, applicant):
    services.application_save_draft(
        application=draft,
        by=applicant,
        answers={fields["Présentation du pôle"].key: "Un pôle.", fields["Stade"].key: "Opérationnel"},
    )


def test_submission_numbers_the_application_and_sends_a_receipt(
    draft, fields, applicant, django_capture_on_commit_callbacks
):
    _complete(draft, fields, applicant)
    year = timezone.now().year
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=draft, by=applicant)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED and draft.reference == f"APP-{year}-0001"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.email]
    assert "APP-" in mail.outbox[0].subject and draft.reference in mail.outbox[0].body


def test_reference_numbers_follow_each_other_across_calls(call, fields, applicant, other_applicant):
    from .factories import CallFieldFactory

    other_call = CallFactory()
    CallFieldFactory(call=other_call)
    a = services.application_start(call=call, by=applicant, pole_name="A")
    b = services.application_start(call=other_call, by=other_applicant, pole_name="B")
    _complete(a, fields, applicant)
    services.application_submit(application=a, by=applicant)
    services.application_submit(application=b, by=other_applicant)
    assert a.reference.endswith("-0001") and b.reference.endswith("-0002")


def test_no_submission_after_the_deadline(draft, fields, applicant):
    _complete(draft, fields, applicant)
    draft.call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    draft.call.opens_at = timezone.now() - datetime.timedelta(days=3)
    draft.call.save()
    with pytest.raises(ValidationError, match="clos depuis"):
        services.application_submit(application=draft, by=applicant)


def test_a_submitted_application_is_never_changed(draft, fields, applicant):
    _complete(draft, fields, applicant)
    services.application_submit(application=draft, by=applicant)
    with pytest.raises(ValidationError, match="déjà déposée"):
        services.application_save_draft(application=draft, by=applicant, answers={})
    with pytest.raises(ValidationError):
        services.application_delete_draft(application=draft, by=applicant)


def test_a_required_file_must_be_attached(call, applicant):
    from .factories import CallFieldFactory

    required_file = CallFieldFactory(call=call, label="Budget", kind="file", required=True)
    application = services.application_start(call=call, by=applicant, pole_name="P")
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, by=applicant)
    assert required_file.key in error.value.message_dict
