"""Consultation pages: list and detail in bounded queries, proposing within the dates,
supporting, the coordinator's answer and the proposal → project button."""

import datetime

from django.urls import reverse
from django.utils import timezone

from peps.core.typography import french_text
from peps.deliberation.models import Consultation, Proposal, ProposalStatus, ProposalSupport
from peps.projects.models import Project

from .factories import ConsultationFactory, ProposalFactory


def r(name, pole, **kwargs):
    return reverse(f"deliberation:{name}", kwargs={"pole": pole.slug, **kwargs})


def test_the_list_and_a_consultation_page_run_in_bounded_queries(
    client, pole, consultation, member, django_assert_max_num_queries
):
    ConsultationFactory.create_batch(25, pole=pole)
    for index in range(35):
        ProposalFactory(consultation=consultation, supports_count=index)
    client.force_login(member)
    with django_assert_max_num_queries(10):
        assert client.get(r("consultations", pole)).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(r("consultation", pole, pk=consultation.pk))
    assert [p.supports_count for p in response.context["page"].items][:2] == [34, 33]
    proposal = response.context["page"].items[0]
    with django_assert_max_num_queries(10):
        assert client.get(r("proposal", pole, pk=proposal.pk)).status_code == 200


def test_a_member_proposes_and_supports(client, pole, consultation, member, other_member):
    client.force_login(member)
    response = client.post(r("proposal_add", pole, pk=consultation.pk), {"title": "Conciergerie", "body": "À la gare."})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == proposal.get_absolute_url()
    client.force_login(other_member)
    client.post(r("proposal_support", pole, pk=proposal.pk), {"action": "add"})
    client.post(r("proposal_support", pole, pk=proposal.pk), {"action": "add"})
    assert ProposalSupport.objects.filter(proposal=proposal).count() == 1
    partial = client.post(
        r("proposal_support", pole, pk=proposal.pk), {"action": "remove"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.content.decode() and "Soutenir cette proposition" in partial.content.decode()


def test_outside_the_dates_the_page_says_when_and_nothing_is_taken(client, pole, member):
    today = timezone.localdate()
    upcoming = ConsultationFactory(
        pole=pole, starts_on=today + datetime.timedelta(days=3), ends_on=today + datetime.timedelta(days=9)
    )
    client.force_login(member)
    assert "pas encore ouverte" in client.get(r("consultation", pole, pk=upcoming.pk)).content.decode()
    content = client.post(r("proposal_add", pole, pk=upcoming.pk), {"title": "T", "body": "B"}).content.decode()
    assert "pas encore ouverte" in content and not Proposal.objects.exists()


def test_citizens_take_part_only_in_consultations_open_to_them(client, pole, consultation, citizen):
    client.force_login(citizen)
    assert client.post(r("proposal_add", pole, pk=consultation.pk), {"title": "T", "body": "B"}).status_code == 403
    Consultation.objects.filter(pk=consultation.pk).update(open_to_citizens=True)
    assert client.post(r("proposal_add", pole, pk=consultation.pk), {"title": "T", "body": "B"}).status_code == 302


def test_a_visitor_is_sent_to_sign_in_to_propose(client, pole, consultation):
    response = client.get(r("proposal_add", pole, pk=consultation.pk))
    assert response.status_code == 302 and "/compte/login/" in response.url


def test_members_only_consultations_are_404_for_outsiders(client, pole, outsider):
    hidden = ConsultationFactory(pole=pole, visibility="members")
    proposal = ProposalFactory(consultation=hidden)
    client.force_login(outsider)
    assert client.get(r("consultation", pole, pk=hidden.pk)).status_code == 404
    assert client.get(r("proposal", pole, pk=proposal.pk)).status_code == 404


def test_bad_proposals_give_form_errors(client, pole, consultation, member):
    client.force_login(member)
    response = client.post(r("proposal_add", pole, pk=consultation.pk), {"title": "", "body": "x" * 6000})
    assert set(response.context["form"].errors) == {"title", "body"} and not Proposal.objects.exists()


def test_only_coordinators_answer_and_turn_a_proposal_into_a_project(client, pole, consultation, coordinator, member):
    proposal = ProposalFactory(consultation=consultation, author=member, title="Conciergerie")
    client.force_login(member)
    assert (
        client.post(
            r("proposal_answer", pole, pk=proposal.pk), {"answer-status": "retained", "answer-answer": "Oui"}
        ).status_code
        == 403
    )
    assert client.post(r("proposal_to_project", pole, pk=proposal.pk), {}).status_code == 403
    client.force_login(coordinator)
    content = client.post(
        r("proposal_answer", pole, pk=proposal.pk), {"answer-status": "rejected", "answer-answer": ""}
    ).content.decode()
    assert "Expliquez la décision" in content
    client.post(r("proposal_answer", pole, pk=proposal.pk), {"answer-status": "retained", "answer-answer": "Retenue !"})
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.RETAINED
    assert "Créer le projet" in client.get(r("proposal", pole, pk=proposal.pk)).content.decode()
    bad = client.post(
        r("proposal_to_project", pole, pk=proposal.pk), {"project-domain": "", "project-economic_model": "x"}
    )
    assert bad.status_code == 200 and not Project.objects.exists()
    response = client.post(
        r("proposal_to_project", pole, pk=proposal.pk), {"project-domain": "retail", "project-economic_model": "mixed"}
    )
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url() and project.holder == member
    page = client.get(r("proposal", pole, pk=proposal.pk)).content.decode()
    assert project.get_absolute_url() in page and french_text("Retenue !") in page


def test_a_coordinator_creates_a_consultation_and_a_member_gets_a_403(client, pole, coordinator, member):
    today = timezone.localdate()
    data = {
        "title": "Idées",
        "description": "D",
        "starts_on": today,
        "ends_on": today - datetime.timedelta(days=1),
        "visibility": "public",
    }
    client.force_login(member)
    assert client.post(r("consultation_create", pole), data).status_code == 403
    client.force_login(coordinator)
    response = client.post(r("consultation_create", pole), data)
    assert response.status_code == 200 and "La date de fin doit suivre" in response.content.decode()
    data["ends_on"] = today + datetime.timedelta(days=5)
    assert client.post(r("consultation_create", pole), data).status_code == 302
    assert Consultation.objects.get().created_by == coordinator
