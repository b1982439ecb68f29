"""Moderation: report, hide with a reason seen by the author, dismiss, a single appeal and
its decision, the log; and who may do it (the pole's coordinators)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from peps.deliberation import services
from peps.deliberation.models import (
    Appeal,
    AppealStatus,
    Argument,
    ModerationAction,
    ModerationEvent,
    Report,
    ReportStatus,
)

from .factories import ArgumentFactory, ConsultationFactory, ProposalFactory, ReplyFactory


def r(name, pole, **kwargs):
    return reverse(f"deliberation:{name}", kwargs={"pole": pole.slug, **kwargs})


@pytest.fixture
def argument(debate, other_member):
    return ArgumentFactory(debate=debate, author=other_member, text="Un message injurieux.")


def test_the_whole_flow_is_logged(argument, citizen, coordinator, other_member):
    report = services.report_create(target=argument, by=citizen, reason="Insulte.")
    services.message_hide(target=argument, by=coordinator, reason="Propos injurieux.")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.HIDDEN
    appeal = services.appeal_submit(target=argument, by=other_member, text="C’était de l’ironie.")
    with pytest.raises(ValidationError, match="un seul appel"):
        services.appeal_submit(target=argument, by=other_member, text="Encore.")
    services.appeal_decide(appeal=appeal, by=coordinator, grant=True, reason="Relu : acceptable.")
    assert not Argument.objects.get(pk=argument.pk).is_hidden
    with pytest.raises(ValidationError):
        services.appeal_decide(appeal=appeal, by=coordinator, grant=False, reason="Trop tard.")
    log = list(ModerationEvent.objects.order_by("at", "pk").values_list("action", "actor", "reason"))
    assert log == [
        (ModerationAction.REPORT, citizen.pk, "Insulte."),
        (ModerationAction.HIDE, coordinator.pk, "Propos injurieux."),
        (ModerationAction.APPEAL, other_member.pk, "C’était de l’ironie."),
        (ModerationAction.APPEAL_GRANTED, coordinator.pk, "Relu : acceptable."),
    ]


def test_dismissing_closes_every_open_report_on_the_message(argument, citizen, member, coordinator):
    report = services.report_create(target=argument, by=citizen, reason="Bof.")
    services.report_create(target=argument, by=member, reason="Bof aussi.")
    assert services.report_dismiss(report=report, by=coordinator) == 2
    assert not Report.objects.filter(status=ReportStatus.OPEN).exists()
    assert not Argument.objects.get(pk=argument.pk).is_hidden


def test_only_the_author_of_a_hidden_message_may_appeal(argument, member, coordinator):
    with pytest.raises(ValidationError):
        services.appeal_submit(target=argument, by=argument.author, text="Pas masqué.")
    services.message_hide(target=argument, by=coordinator, reason="Hors sujet.")
    with pytest.raises(ValidationError):
        services.appeal_submit(target=argument, by=member, text="Pas le mien.")


def test_the_public_sees_a_notice_and_the_author_the_reason(
    client, debate, argument, coordinator, citizen, other_member
):
    services.message_hide(target=argument, by=coordinator, reason="Propos injurieux.")
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "Message masqué par la modération." in content
    assert "Un message injurieux." not in content and "Propos injurieux." not in content
    client.force_login(other_member)
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "Propos injurieux." in content and "Faire appel de cette décision" in content


def test_report_appeal_and_decisions_through_the_pages(
    client, pole, debate, argument, citizen, coordinator, other_member
):
    client.force_login(citizen)
    assert client.get(r("report", pole, kind="argument", pk=argument.pk)).status_code == 200
    assert client.post(r("report", pole, kind="argument", pk=argument.pk), {"reason": ""}).status_code == 200
    response = client.post(r("report", pole, kind="argument", pk=argument.pk), {"reason": "Insulte."})
    assert response.status_code == 302 and Report.objects.count() == 1
    report = Report.objects.get()

    client.force_login(coordinator)
    queue = client.get(r("moderation", pole)).content.decode()
    assert "Insulte." in queue and "Un message injurieux." in queue
    # Hiding without a reason: the form says why.
    content = client.post(
        r("report_decide", pole, pk=report.pk), {f"report-{report.pk}-action": "hide"}
    ).content.decode()
    assert "Indiquez le motif" in content and not Argument.objects.get(pk=argument.pk).is_hidden
    client.post(
        r("report_decide", pole, pk=report.pk),
        {f"report-{report.pk}-action": "hide", f"report-{report.pk}-reason": "Propos injurieux."},
    )
    assert Argument.objects.get(pk=argument.pk).is_hidden

    client.force_login(citizen)
    assert client.get(r("appeal", pole, kind="argument", pk=argument.pk)).status_code == 403
    client.force_login(other_member)
    response = client.post(r("appeal", pole, kind="argument", pk=argument.pk), {"text": "C’était de l’ironie."})
    assert response.status_code == 302
    again = client.get(r("appeal", pole, kind="argument", pk=argument.pk)).content.decode()
    assert "un seul appel est possible" in again

    appeal = Appeal.objects.get()
    client.force_login(coordinator)
    assert "C’était de l’ironie." in client.get(r("moderation", pole)).content.decode()
    client.post(
        r("appeal_decide", pole, pk=appeal.pk),
        {f"appeal-{appeal.pk}-decision": "reject", f"appeal-{appeal.pk}-reason": "Injurieux malgré tout."},
    )
    assert Appeal.objects.get().status == AppealStatus.REJECTED and Argument.objects.get(pk=argument.pk).is_hidden
    log = client.get(r("moderation_log", pole)).content.decode()
    assert "Injurieux malgré tout." in log and "Appel rejeté" in log


def test_replies_and_proposals_can_be_reported_too(client, pole, debate, consultation, citizen):
    reply = ReplyFactory(argument=ArgumentFactory(debate=debate))
    proposal = ProposalFactory(consultation=ConsultationFactory(pole=pole))
    client.force_login(citizen)
    client.post(r("report", pole, kind="reponse", pk=reply.pk), {"reason": "Spam."})
    client.post(r("report", pole, kind="proposition", pk=proposal.pk), {"reason": "Spam."})
    assert Report.objects.filter(reply=reply).exists() and Report.objects.filter(proposal=proposal).exists()
    assert client.get(r("report", pole, kind="autre", pk=1)).status_code == 404


def test_moderation_pages_are_for_coordinators(client, pole, member, outsider, argument):
    report = services.report_create(target=argument, by=member, reason="?")
    for who in (member, outsider):
        client.force_login(who)
        assert client.get(r("moderation", pole)).status_code == 403
        assert client.get(r("moderation_log", pole)).status_code == 403
        assert client.post(r("report_decide", pole, pk=report.pk), {}).status_code == 403
    client.logout()
    assert "/compte/login/" in client.get(r("moderation", pole)).url


def test_an_outsider_cannot_report_in_a_members_only_debate(client, pole, members_debate, outsider):
    argument = ArgumentFactory(debate=members_debate)
    client.force_login(outsider)
    assert client.get(r("report", pole, kind="argument", pk=argument.pk)).status_code == 404


def test_the_queue_and_the_log_run_in_bounded_queries(
    client, pole, debate, coordinator, citizen, django_assert_max_num_queries
):
    consultation = ConsultationFactory(pole=pole)
    for index in range(12):
        services.report_create(target=ArgumentFactory(debate=debate), by=citizen, reason=f"A{index}")
        services.report_create(
            target=ReplyFactory(argument=ArgumentFactory(debate=debate)), by=citizen, reason=f"R{index}"
        )
        proposal = ProposalFactory(consultation=consultation)
        services.message_hide(target=proposal, by=coordinator, reason="Hors sujet.")
        services.appeal_submit(target=proposal, by=proposal.author, text="Pourquoi ?")
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(r("moderation", pole))
    assert len(response.context["reports"]) == 24 and len(response.context["appeals"]) == 12
    with django_assert_max_num_queries(10):
        assert client.get(r("moderation_log", pole)).status_code == 200
