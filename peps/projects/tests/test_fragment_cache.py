"""The cached fragments and the Python-rendered rows of the projects pages: they follow
the data, never leak coordinators' forms, and escape what people typed."""

from django.urls import reverse
from django.utils import translation

from peps.core.testing import factories as f
from peps.projects.stages import Stage

from .factories import CommentFactory

HX = {"HX-Request": "true"}


def detail(project):
    return reverse("projects:detail", kwargs={"pole": project.pole.slug, "pk": project.pk})


def test_move_form_choices_follow_the_stage(client, project, coordinator):
    client.force_login(coordinator)
    before = client.get(detail(project)).content.decode()
    assert 'value="structuring"' in before
    client.post(
        reverse("projects:move", kwargs={"pole": project.pole.slug, "pk": project.pk}),
        {"move-to_stage": "structuring", "move-reason": ""},
    )
    after = client.get(detail(project)).content.decode()
    # From « structuring » the form offers the next stage, not the current one.
    assert 'value="business_model"' in after
    assert '<option value="structuring"' not in after


def test_a_form_with_errors_is_not_cached_for_the_next_page(client, project, coordinator):
    client.force_login(coordinator)
    url = reverse("projects:move", kwargs={"pole": project.pole.slug, "pk": project.pk})
    failed = client.post(url, {"move-to_stage": "paused", "move-reason": " "}).content.decode()
    assert "Indiquez le motif" in failed
    assert "Indiquez le motif" not in client.get(detail(project)).content.decode()


def test_coordinator_forms_never_reach_a_member_after_a_coordinator(client, project, coordinator, member):
    client.force_login(coordinator)
    assert "Changer l’étape" in client.get(detail(project)).content.decode()
    client.force_login(member)
    content = client.get(detail(project)).content.decode()
    assert "Changer l’étape" not in content
    assert "Ajouter au journal" not in content
    assert 'name="move-to_stage"' not in content


def test_cached_form_fields_follow_the_language(client, project, coordinator):
    client.force_login(coordinator)
    assert "Nouvelle étape" in client.get(detail(project)).content.decode()
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        english = client.get(detail(project)).content.decode()
    assert "Nouvelle étape" not in english


def test_board_filter_fragment_keeps_the_chosen_values(client, pole, coordinator):
    client.force_login(coordinator)
    board = reverse("projects:board", kwargs={"pole": pole.slug})
    assert '<option value="culture" selected>' not in client.get(board).content.decode()
    chosen = client.get(board, {"domain": "culture"}).content.decode()
    assert '<option value="culture" selected>' in chosen


def test_rows_escape_what_people_typed(client, pole, coordinator, citizen):
    evil = '<script>alert("x")</script>'
    project = f.ProjectFactory(pole=pole, title=evil, summary=evil, stage=Stage.SUBMITTED)
    CommentFactory(project=project, author=citizen, text=evil)
    project.comments_count = 1
    project.save()
    client.force_login(coordinator)
    for url in (
        reverse("projects:board", kwargs={"pole": pole.slug}),
        reverse("projects:list", kwargs={"pole": pole.slug}),
        reverse("poles:home", kwargs={"pole": pole.slug}),
        detail(project),
    ):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "&lt;script&gt;alert(" in content, url
