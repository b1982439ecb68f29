"""services.comment_add: text required, 5,000 characters at most, counter kept."""

import pytest
from django.core.exceptions import ValidationError

from peps.projects.models import Comment, Project
from peps.projects.services import comment_add


def test_a_comment_is_saved_and_counted(project, citizen):
    comment = comment_add(project=project, author=citizen, text="  Belle idée !  ")
    assert comment.text == "Belle idée !"
    assert Project.objects.get(pk=project.pk).comments_count == 1


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_comment_is_refused(project, citizen, text):
    with pytest.raises(ValidationError):
        comment_add(project=project, author=citizen, text=text)
    assert not Comment.objects.exists()


def test_a_comment_longer_than_5000_characters_is_refused(project, citizen):
    comment_add(project=project, author=citizen, text="a" * 5000)
    with pytest.raises(ValidationError):
        comment_add(project=project, author=citizen, text="a" * 5001)
    assert Comment.objects.count() == 1
