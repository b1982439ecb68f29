"""projects:detail — what each viewer sees, 404 for hidden or foreign projects, bounded queries."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.core.typography import french_text
from peps.projects.models import Comment, Project
from peps.projects.stages import Stage

from .factories import CommentFactory, ReferralFactory, StageChangeFactory, SupportLogEntryFactory


def url(project, pole="pollens"):
    return reverse("projects:detail", kwargs={"pole": pole, "pk": project.pk})


def test_anonymous_sees_a_public_project(client, project):
    response = client.get(url(project))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Recyclerie du Roannais" in content
    assert "Hugo" in content
    assert "Roanne (42)" in content
    assert "Se connecter pour suivre ce projet" in content
    assert "Connectez-vous pour commenter" in content
    assert 'method="post"' not in content  # cached for anonymous visitors: no form


def test_description_is_sanitised_markdown(client, project):
    Project.objects.filter(pk=project.pk).update(description="**Fort** <script>alert(1)</script>")
    content = client.get(url(project)).content.decode()
    assert "<strong>Fort</strong>" in content
    assert "<script>alert" not in content


@pytest.mark.parametrize("who", [None, "outsider", "citizen"])
def test_members_only_project_is_404_for_non_members(client, members_project, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(url(members_project)).status_code == 404


@pytest.mark.parametrize("who", ["member", "coordinator", "holder", "network_admin"])
def test_members_only_project_is_shown_to_members_and_holder(client, members_project, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(members_project)).status_code == 200


def test_a_project_of_another_pole_is_404(client, other_pole, project):
    assert client.get(url(project, pole="autre-pole")).status_code == 404
    foreign = f.ProjectFactory(pole=other_pole)
    assert client.get(url(foreign)).status_code == 404


def test_an_unknown_pk_is_404(client, pole):
    assert client.get("/p/pollens/projets/999999/").status_code == 404
    assert client.get("/p/pollens/projets/abc/").status_code == 404


def test_structure_holder_is_shown(client, pole, project):
    structure = f.StructureFactory(pole=pole, name="Les Jardins", slug="les-jardins")
    Project.objects.filter(pk=project.pk).update(holder_structure=structure)
    assert "Les Jardins" in client.get(url(project)).content.decode()


def test_the_public_sees_the_stage_but_not_its_history(client, project, coordinator):
    StageChangeFactory(project=project, reason="Motif interne au pôle", by=coordinator)
    content = client.get(url(project)).content.decode()
    assert "Idée déposée" in content
    assert "Motif interne au pôle" not in content
    assert "Historique des étapes" not in content


def test_members_see_the_stage_history(client, project, member, coordinator):
    StageChangeFactory(project=project, reason="Premier rendez-vous fait.", by=coordinator)
    client.force_login(member)
    content = client.get(url(project)).content.decode()
    assert "Historique des étapes" in content
    assert "Premier rendez-vous fait." in content
    assert "Claire" in content


def test_support_log_is_hidden_from_a_plain_member(client, project, member):
    SupportLogEntryFactory(project=project, text="Besoin de trésorerie, confidentiel.")
    ReferralFactory(project=project, network="Réseau secret")
    client.force_login(member)
    content = client.get(url(project)).content.decode()
    assert "Besoin de trésorerie" not in content
    assert "Réseau secret" not in content
    assert "Suivi de l’accompagnement" not in content


def test_support_log_is_shown_to_the_holder_without_coordinator_forms(client, project, holder):
    SupportLogEntryFactory(project=project, text="Besoin de trésorerie, confidentiel.")
    ReferralFactory(project=project, network="France Active Loire")
    client.force_login(holder)
    content = client.get(url(project)).content.decode()
    assert "Besoin de trésorerie" in content
    assert "France Active Loire" in content
    assert "Ajouter au journal" not in content
    assert "Changer l’étape" not in content
    assert "Modifier le projet" in content


def test_coordinators_see_the_log_and_their_action_forms(client, project, coordinator):
    SupportLogEntryFactory(project=project, text="Rendez-vous au pôle.")
    client.force_login(coordinator)
    content = client.get(url(project)).content.decode()
    for text in [
        "Rendez-vous au pôle.",
        "Changer l’étape",
        "Ajouter au journal",
        "Enregistrer l’orientation",
        "Enregistrer le type de demande",
        "Modifier le projet",
    ]:
        assert text in content


def test_the_coordinators_page_reads_in_order_and_says_each_thing_once(client, pole, project, coordinator):
    """Summary first (with where the project stands and the one form that changes it), then
    the support log, then needs and partners, then the history; nothing said or asked twice."""
    StageChangeFactory(project=project, reason="Premier rendez-vous fait.", by=coordinator)
    SupportLogEntryFactory(project=project, text="Rendez-vous au pôle.")
    client.force_login(coordinator)
    content = client.get(url(project)).content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    order = [
        "<h1>Recyclerie du Roannais</h1>",
        'id="stage-title"',
        "Changer l’étape",
        'id="support-log-title"',
        "Besoins du projet",
        "Partenariats",
        'id="stage-history-title"',
        "Premier rendez-vous fait.",
        "Commentaires",
    ]
    positions = [main.index(french_text(marker)) for marker in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    # The stage once (no badge above, no path in words: the coordination reads its history),
    # the request kind once (in the field that changes it).
    assert main.count(french_text("Étape actuelle")) == 1
    assert french_text("Étape :") not in main
    assert "steps" not in main.split('id="stage-title"')[1].split("</section>")[0]
    assert main.count(french_text("Type de demande")) == 1
    assert main.count("Historique des étapes") == 1
    assert "{#" not in main and "#}" not in main  # template comments stay comments
    # Orienting is asked once: by the referral form (network, then stage), not also by the move form.
    move_form = main.split('id="stage-title"')[1].split("</section>")[0]
    assert 'value="redirected"' not in move_form
    assert french_text("enregistrez l’orientation dans le suivi ci-dessous") in move_form
    assert french_text("Orienter le projet (passer à l’étape « Orienté vers un réseau partenaire »)") in main


def test_the_holder_reads_the_path_in_words_and_the_request_kind(client, project, holder):
    client.force_login(holder)
    content = client.get(url(project)).content.decode()
    assert 'class="timeline steps"' in content
    assert content.count(french_text("Type de demande")) == 1
    assert content.index('id="stage-title"') < content.index('id="support-log-title"')
    assert content.index('id="support-log-title"') < content.index('id="stage-history-title"')


def test_deleted_comment_author_shows_compte_supprime(client, project, citizen):
    CommentFactory(project=project, author=citizen, text="Je participe !")
    Project.objects.filter(pk=project.pk).update(comments_count=1)
    citizen.delete()
    content = client.get(url(project)).content.decode()
    assert french_text("Je participe !") in content
    assert "Compte supprimé" in content


def test_comments_are_paginated_oldest_first(client, project):
    for i in range(25):
        CommentFactory(project=project, text=f"Commentaire {i:02d}")
    Project.objects.filter(pk=project.pk).update(comments_count=25)
    first = client.get(url(project)).context["comments"]
    assert [c.text for c in first.items][:2] == ["Commentaire 00", "Commentaire 01"]
    assert len(first.items) == 20 and first.has_next and first.num_pages == 2
    second = client.get(url(project), {"page": 2}).context["comments"]
    assert [c.text for c in second.items] == [f"Commentaire {i:02d}" for i in range(20, 25)]


def test_hidden_comments_are_not_shown(client, project):
    CommentFactory(project=project, text="Message masqué par la modération", is_hidden=True)
    assert "Message masqué" not in client.get(url(project)).content.decode()


@pytest.mark.parametrize("page", ["xyz", "0", "-1", "99999999999"])
def test_malformed_page_is_fine(client, project, page):
    assert client.get(url(project), {"page": page}).status_code == 200


def test_following_state_is_shown(client, project, citizen):
    from peps.projects.services import project_follow

    project_follow(project=project, person=citizen)
    client.force_login(citizen)
    assert "Ne plus suivre" in client.get(url(project)).content.decode()


def test_query_count_is_bounded(client, pole, project, coordinator, holder, member, django_assert_max_num_queries):
    for i in range(30):
        CommentFactory(project=project, author=member if i % 2 else holder)
    Project.objects.filter(pk=project.pk).update(comments_count=30, stage=Stage.STRUCTURING)
    for _ in range(10):
        SupportLogEntryFactory(project=project, author=coordinator)
        StageChangeFactory(project=project, by=coordinator)
        ReferralFactory(project=project, by=coordinator)
    assert Comment.objects.count() == 30
    # The page also lists the project's needs and partnerships (one query each, whatever their number).
    from peps.partnerships.models import Category, Need

    for i in range(12):
        Need.objects.create(
            pole=pole, project=project, category=Category.PREMISES, title=f"Besoin {i}", description="Un local"
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(url(project))
    assert len(response.context["comments"].items) == 20
    assert len(response.context["log_entries"]) == 10
    assert len(response.context["history"]) == 10
    client.force_login(member)
    with django_assert_max_num_queries(11):
        client.get(url(project))
    client.logout()
    with django_assert_max_num_queries(7):
        client.get(url(project))
