"""Opening a debate: any member of the pole, optionally about one of its projects."""

from django.urls import reverse

from peps.core.testing.factories import ProjectFactory
from peps.deliberation.models import Debate


def url(pole):
    return reverse("deliberation:create", kwargs={"pole": pole.slug})


def test_a_member_opens_a_debate_on_a_project(client, pole, member):
    project = ProjectFactory(pole=pole, title="Ressourcerie")
    client.force_login(member)
    assert client.get(url(pole), {"projet": project.pk}).status_code == 200
    response = client.post(
        url(pole),
        {"title": "Quel lieu ?", "description": "Deux options.", "visibility": "public", "project": project.pk},
    )
    debate = Debate.objects.get()
    assert response.status_code == 302 and response.url == debate.get_absolute_url()
    assert debate.project == project and debate.author == member
    assert "Ressourcerie" in client.get(response.url).content.decode()


def test_a_citizen_gets_a_403_and_a_visitor_is_sent_to_sign_in(client, pole, citizen):
    response = client.get(url(pole))
    assert response.status_code == 302 and "/compte/login/" in response.url
    client.force_login(citizen)
    assert client.get(url(pole)).status_code == 403


def test_an_outsider_gets_a_403(client, pole, outsider):
    client.force_login(outsider)
    assert client.post(url(pole), {"title": "Q ?", "visibility": "public"}).status_code == 403


def test_missing_title_and_foreign_project_are_form_errors(client, pole, other_pole, member):
    client.force_login(member)
    foreign = ProjectFactory(pole=other_pole)
    response = client.post(url(pole), {"title": "", "visibility": "public", "project": foreign.pk})
    assert response.status_code == 200 and not Debate.objects.exists()
    assert set(response.context["form"].errors) == {"title", "project"}


def test_a_public_debate_on_a_members_only_project_is_refused_clearly(client, pole, member):
    project = ProjectFactory(pole=pole, visibility="members")
    client.force_login(member)
    content = client.post(url(pole), {"title": "Q ?", "visibility": "public", "project": project.pk}).content.decode()
    assert "un débat à son sujet doit l’être aussi" in content and not Debate.objects.exists()
