"""projects:comment — signed-in viewers comment; htmx appends, plain posts redirect."""

import pytest
from django.urls import reverse

from peps.projects.models import Comment, Project


def url(project, pole="pollens"):
    return reverse("projects:comment", kwargs={"pole": pole, "pk": project.pk})


def test_anonymous_is_sent_to_login(client, project):
    response = client.post(url(project), {"comment-text": "Bonjour"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Comment.objects.exists()


def test_a_comment_without_js_redirects_to_it(client, project, citizen):
    client.force_login(citizen)
    response = client.post(url(project), {"comment-text": "Je peux aider le samedi."})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?page=1#comment-{comment.pk}")
    assert comment.author == citizen
    assert Project.objects.get(pk=project.pk).comments_count == 1


def test_a_comment_with_htmx_is_appended_and_the_form_reset(client, project, citizen):
    client.force_login(citizen)
    response = client.post(url(project), {"comment-text": "Bravo <b>!</b>"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="beforeend:#comment-list"' in content
    assert "Bravo &lt;b&gt;!&lt;/b&gt;" in content
    assert "Commentaires (1)" in content
    assert 'id="comment-form"' in content


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_comment_is_refused_with_a_message(client, project, citizen, text):
    client.force_login(citizen)
    response = client.post(url(project), {"comment-text": text})
    assert response.status_code == 200
    assert "Écrivez votre commentaire." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_too_long_comment_is_refused_and_kept(client, project, citizen):
    client.force_login(citizen)
    response = client.post(url(project), {"comment-text": "x" * 5001}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Le commentaire ne peut pas dépasser 5000 caractères (il en a 5001)." in response.content.decode()
    assert "x" * 5001 in response.content.decode()
    assert not Comment.objects.exists()


def test_members_only_project_is_404_for_an_outsider(client, members_project, outsider):
    client.force_login(outsider)
    assert client.post(url(members_project), {"comment-text": "Coucou"}).status_code == 404


def test_a_member_comments_a_members_only_project(client, members_project, member):
    client.force_login(member)
    assert client.post(url(members_project), {"comment-text": "Entre nous."}).status_code == 302
    assert Comment.objects.get().project == members_project
