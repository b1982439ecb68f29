"""The list of debates: visibility, filters, bad parameters, bounded queries."""

from django.urls import reverse

from peps.core.testing.factories import ProjectFactory
from peps.core.typography import french_text

from .factories import DebateFactory


def url(pole):
    return reverse("deliberation:list", kwargs={"pole": pole.slug})


def test_visitors_see_public_debates_only(client, pole, debate, members_debate):
    content = client.get(url(pole)).content.decode()
    assert french_text(debate.title) in content and french_text(members_debate.title) not in content


def test_members_see_members_only_debates_too(client, pole, debate, members_debate, member):
    client.force_login(member)
    content = client.get(url(pole)).content.decode()
    assert french_text(debate.title) in content and french_text(members_debate.title) in content
    assert "Ouvrir un débat" in content


def test_filters_by_status_project_and_words(client, pole, member):
    project = ProjectFactory(pole=pole, title="Ressourcerie")
    on_project = DebateFactory(pole=pole, project=project, title="Sur le projet")
    closed = DebateFactory(
        pole=pole, title="Un débat clos", status="closed", synthesis="Fin.", search_text="un debat clos"
    )
    other = DebateFactory(pole=pole, title="Horaires du samedi", search_text="horaires du samedi")
    assert [d.title for d in client.get(url(pole), {"status": "closed"}).context["page"].items] == [closed.title]
    assert [d.title for d in client.get(url(pole), {"project": project.pk}).context["page"].items] == [on_project.title]
    assert [d.title for d in client.get(url(pole), {"q": "samedi"}).context["page"].items] == [other.title]


def test_malformed_parameters_are_ignored(client, pole, debate):
    response = client.get(url(pole), {"status": "n-importe", "project": "abc", "page": "x"})
    assert response.status_code == 200 and french_text(debate.title) in response.content.decode()


def test_htmx_gets_the_results_only(client, pole, debate):
    content = client.get(url(pole), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in content and debate.title in content


def test_debates_of_another_pole_are_not_listed(client, pole, other_pole):
    DebateFactory(pole=other_pole, title="Ailleurs")
    assert "Ailleurs" not in client.get(url(pole)).content.decode()


def test_the_list_runs_in_bounded_queries(client, pole, member, django_assert_max_num_queries):
    projects = ProjectFactory.create_batch(3, pole=pole)
    for index in range(45):
        DebateFactory(pole=pole, project=projects[index % 3], visibility="members" if index % 2 else "public")
    client.force_login(member)
    with django_assert_max_num_queries(10):
        response = client.get(url(pole))
    assert len(response.context["page"].items) == 20
