"""Coordinators' actions on a project page: move the stage, request kind, log entry, referral."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from peps.core.typography import french_text
from peps.projects.models import Project, Referral, StageChange, SupportLogEntry
from peps.projects.stages import Stage

HX = {"HX-Request": "true"}


def url(name, project, pole="pollens"):
    return reverse(f"projects:{name}", kwargs={"pole": pole, "pk": project.pk})


ACTIONS = {
    "move": {"move-to_stage": "structuring", "move-reason": ""},
    "request_kind": {"kind-request_kind": "relay"},
    "log_add": {"log-happened_on": "2025-05-02", "log-kind": "meeting", "log-text": "RDV"},
    "refer": {"ref-network": "France Active", "ref-referred_on": "2025-05-02"},
}


@pytest.mark.parametrize("name", list(ACTIONS))
@pytest.mark.parametrize("who", ["member", "board_member", "holder", "citizen"])
def test_non_coordinators_who_can_see_the_project_get_403(client, project, name, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url(name, project), ACTIONS[name]).status_code == 403
    assert not StageChange.objects.exists()
    assert not SupportLogEntry.objects.exists()
    assert not Referral.objects.exists()


@pytest.mark.parametrize("name", list(ACTIONS))
def test_an_outsider_gets_404_on_members_only_and_403_on_public(client, project, members_project, outsider, name):
    client.force_login(outsider)
    assert client.post(url(name, members_project), ACTIONS[name]).status_code == 404
    assert client.post(url(name, project), ACTIONS[name]).status_code == 403


@pytest.mark.parametrize("name", list(ACTIONS))
def test_anonymous_is_sent_to_login(client, project, name):
    assert client.post(url(name, project), ACTIONS[name]).status_code == 302


@pytest.mark.parametrize("name", list(ACTIONS))
def test_a_project_of_another_pole_is_404(client, project, coordinator, other_pole, name):
    client.force_login(coordinator)
    assert client.post(url(name, project, pole="autre-pole"), ACTIONS[name]).status_code == 404


def test_move_without_js_redirects_and_emails_the_holder(
    client, project, coordinator, holder, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("move", project), ACTIONS["move"])
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).stage == Stage.STRUCTURING
    assert StageChange.objects.get().by == coordinator
    assert mail.outbox[0].to == [holder.email]


def test_move_with_htmx_returns_the_stage_section(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(url("move", project), ACTIONS["move"], headers=HX)
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="stage"')
    assert "Structuration de l’idée" in content
    # The history, at the end of the page, follows out of band.
    assert '<section id="stage-history" aria-labelledby="stage-history-title" hx-swap-oob="true">' in content
    assert "Historique des étapes" in content


def test_pausing_without_reason_gives_a_clear_message(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(url("move", project), {"move-to_stage": "paused", "move-reason": " "})
    assert response.status_code == 200
    assert (
        french_text("Indiquez le motif : il est obligatoire pour passer à l’étape « En pause ».")
        in response.content.decode()
    )
    assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_pausing_with_a_reason_works(client, project, coordinator):
    client.force_login(coordinator)
    client.post(url("move", project), {"move-to_stage": "paused", "move-reason": "Congé parental."}, headers=HX)
    assert StageChange.objects.get().reason == "Congé parental."


@pytest.mark.parametrize("value", ["nowhere", "launch", ""])
def test_an_invalid_or_forbidden_stage_is_a_form_error(client, project, coordinator, value):
    client.force_login(coordinator)
    response = client.post(url("move", project), {"move-to_stage": value}, headers=HX)
    assert response.status_code == 200
    assert response.context["move_form"].errors["to_stage"]
    assert not StageChange.objects.exists()


def test_request_kind_is_recorded(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(url("request_kind", project), {"kind-request_kind": "full_support"}, headers=HX)
    assert Project.objects.get(pk=project.pk).request_kind == "full_support"
    assert "Accompagnement complet" in response.content.decode()
    client.post(url("request_kind", project), {"kind-request_kind": "bogus"})
    assert Project.objects.get(pk=project.pk).request_kind == "full_support"


def test_a_log_entry_is_added(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(url("log_add", project), ACTIONS["log_add"] | {"log-text": "Visite du local."}, headers=HX)
    assert response.status_code == 200
    assert "Visite du local." in response.content.decode()
    entry = SupportLogEntry.objects.get()
    assert (entry.author, entry.happened_on) == (coordinator, datetime.date(2025, 5, 2))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"log-text": ""}, "text"),
        ({"log-happened_on": "not-a-date"}, "happened_on"),
        ({"log-kind": "party"}, "kind"),
    ],
)
def test_a_bad_log_entry_is_refused_with_messages(client, project, coordinator, values, field):
    client.force_login(coordinator)
    response = client.post(url("log_add", project), ACTIONS["log_add"] | values)
    assert response.status_code == 200
    assert response.context["log_form"].errors[field]
    assert not SupportLogEntry.objects.exists()


def test_a_log_entry_more_than_a_year_ahead_is_refused(client, project, coordinator):
    client.force_login(coordinator)
    too_far = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    response = client.post(url("log_add", project), ACTIONS["log_add"] | {"log-happened_on": too_far}, headers=HX)
    assert "La date ne peut pas dépasser d’un an la date du jour." in response.content.decode()
    assert not SupportLogEntry.objects.exists()


def test_a_referral_is_recorded_without_moving(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(url("refer", project), ACTIONS["refer"] | {"ref-contact": "Mme Martin"}, headers=HX)
    assert "France Active" in response.content.decode()
    assert Referral.objects.get().contact == "Mme Martin"
    assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_a_referral_can_redirect_the_project(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(url("refer", project), ACTIONS["refer"] | {"ref-redirect": "on"}, headers=HX)
    assert Project.objects.get(pk=project.pk).stage == Stage.REDIRECTED
    content = response.content.decode()
    assert 'id="stage" aria-labelledby="stage-title" hx-swap-oob="true"' in content
    assert "France Active" in StageChange.objects.get().reason


def test_a_closed_project_cannot_be_redirected(client, project, coordinator):
    Project.objects.filter(pk=project.pk).update(stage=Stage.ABANDONED)
    client.force_login(coordinator)
    response = client.post(url("refer", project), ACTIONS["refer"] | {"ref-redirect": "on"})
    assert response.status_code == 200
    assert response.context["referral_form"].errors["redirect"]
    assert not Referral.objects.exists()


def test_a_referral_needs_a_network(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(url("refer", project), ACTIONS["refer"] | {"ref-network": ""})
    assert "Indiquez le réseau d’accompagnement." in response.content.decode()
