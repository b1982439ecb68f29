from django.utils import translation

from peps.projects.models import Project


def test_display_of_a_choice_follows_the_active_language_and_keeps_unknown_values():
    project = Project(stage=Project._meta.get_field("stage").choices[0][0])
    label_fr = project.get_stage_display()
    with translation.override("en"):
        label_en = project.get_stage_display()
    with translation.override("fr"):
        assert project.get_stage_display() == label_fr
    assert isinstance(label_fr, str) and label_fr
    assert label_en != label_fr  # translated when shown, not when the index was built
    project.stage = "not-a-stage"
    assert project.get_stage_display() == "not-a-stage"
