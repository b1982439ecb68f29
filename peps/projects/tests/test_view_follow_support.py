"""projects:follow and projects:support — htmx partials, plain posts, no duplicates."""

import pytest
from django.urls import reverse

from peps.projects.models import Follow, Project, Support


def url(name, project, pole="pollens"):
    return reverse(f"projects:{name}", kwargs={"pole": pole, "pk": project.pk})


def test_anonymous_is_sent_to_login(client, project):
    response = client.post(url("follow", project), {"action": "add"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Follow.objects.exists()


def test_follow_without_js_redirects_to_the_project(client, project, citizen):
    client.force_login(citizen)
    response = client.post(url("follow", project), {"action": "add"})
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert Project.objects.get(pk=project.pk).followers_count == 1


def test_double_submit_follows_once(client, project, citizen):
    client.force_login(citizen)
    client.post(url("follow", project), {"action": "add"})
    client.post(url("follow", project), {"action": "add"})
    assert Follow.objects.count() == 1
    assert Project.objects.get(pk=project.pk).followers_count == 1


def test_follow_with_htmx_returns_the_partial(client, project, citizen):
    client.force_login(citizen)
    response = client.post(url("follow", project), {"action": "add"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="follow-box">')
    assert "Ne plus suivre" in content
    assert "1 personne suit ce projet" in content
    response = client.post(url("follow", project), {"action": "remove"}, headers={"HX-Request": "true"})
    assert "Suivre ce projet" in response.content.decode()
    assert Project.objects.get(pk=project.pk).followers_count == 0


def test_support_and_withdraw(client, project, citizen):
    client.force_login(citizen)
    response = client.post(url("support", project), {"action": "add"}, headers={"HX-Request": "true"})
    assert "Retirer mon soutien" in response.content.decode()
    assert "1 soutien" in response.content.decode()
    client.post(url("support", project), {"action": "add"})
    assert Support.objects.count() == 1
    client.post(url("support", project), {"action": "remove"})
    assert Project.objects.get(pk=project.pk).supporters_count == 0


@pytest.mark.parametrize("name", ["follow", "support"])
def test_members_only_project_is_404_for_an_outsider(client, members_project, outsider, name):
    client.force_login(outsider)
    assert client.post(url(name, members_project), {"action": "add"}).status_code == 404
    assert not Follow.objects.filter(person=outsider).exists()


def test_another_pole_is_404(client, project, citizen, other_pole):
    client.force_login(citizen)
    assert client.post(url("support", project, pole="autre-pole"), {"action": "add"}).status_code == 404


def test_get_is_not_allowed(client, project, citizen):
    client.force_login(citizen)
    assert client.get(url("follow", project)).status_code == 405
