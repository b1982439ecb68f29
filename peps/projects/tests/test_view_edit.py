"""projects:edit — the holder and the coordinators edit; others get 403 (or 404 if hidden)."""

import pytest
from django.urls import reverse

from peps.projects.models import Project


def url(project, pole="pollens"):
    return reverse("projects:edit", kwargs={"pole": pole, "pk": project.pk})


def data(**extra):
    values = {
        "title": "Recyclerie solidaire",
        "summary": "Réparer plutôt que jeter.",
        "description": "",
        "domain": "ecology",
        "economic_model": "associative",
        "commune": "",
        "visibility": "members",
    }
    values.update(extra)
    return values


@pytest.mark.parametrize("who", ["holder", "coordinator"])
def test_holder_and_coordinator_edit(client, project, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(project)).status_code == 200
    response = client.post(url(project), data())
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Recyclerie solidaire"
    assert project.visibility == "members"
    assert project.commune is None
    assert "reparer plutot" in project.search_text


@pytest.mark.parametrize("who", ["member", "citizen", "outsider"])
def test_others_who_can_see_it_get_403(client, project, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(project)).status_code == 403
    assert client.post(url(project), data()).status_code == 403
    assert Project.objects.get(pk=project.pk).title == "Recyclerie du Roannais"


def test_members_only_project_is_404_for_an_outsider(client, members_project, outsider):
    client.force_login(outsider)
    assert client.get(url(members_project)).status_code == 404


def test_another_pole_is_404(client, other_pole, project, holder):
    client.force_login(holder)
    assert client.get(url(project, pole="autre-pole")).status_code == 404


def test_anonymous_is_sent_to_login(client, project):
    assert client.get(url(project)).status_code == 302


def test_bad_input_keeps_the_form(client, project, holder):
    client.force_login(holder)
    response = client.post(url(project), data(title="", economic_model="capitalist"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "economic_model"}
    assert "Réparer plutôt que jeter." in response.content.decode()
