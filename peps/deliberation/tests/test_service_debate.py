"""Services of debates: posting rules, counters, replies, closing, notifications to followers."""

import pytest
from django.core.exceptions import ValidationError

from peps.deliberation import services
from peps.deliberation.models import ARGUMENT_MAX_LENGTH, Debate, DebateStatus, Follow
from peps.notifications.models import Notification

from .factories import ArgumentFactory


def test_an_argument_updates_its_column_counter(debate, member):
    services.argument_post(debate=debate, by=member, stance="pro", text="Un bon lieu.")
    services.argument_post(debate=debate, by=member, stance="con", text="Trop cher.")
    services.argument_post(debate=debate, by=member, stance="question", text="Combien ?")
    debate.refresh_from_db()
    assert (debate.pros_count, debate.cons_count, debate.questions_count) == (1, 1, 1)


@pytest.mark.parametrize(
    ("stance", "text", "code"),
    [("pour", "Texte", "bad_stance"), ("pro", "   ", "required"), ("pro", "x" * (ARGUMENT_MAX_LENGTH + 1), "too_long")],
)
def test_bad_arguments_are_refused_with_a_reason(debate, member, stance, text, code):
    with pytest.raises(ValidationError) as error:
        services.argument_post(debate=debate, by=member, stance=stance, text=text)
    assert error.value.code == code


def test_a_closed_debate_takes_no_argument_nor_reply(debate, member, coordinator):
    argument = ArgumentFactory(debate=debate)
    services.debate_close(debate=debate, by=coordinator, synthesis="Ce qui ressort.")
    with pytest.raises(ValidationError, match="clos"):
        services.argument_post(debate=debate, by=member, stance="pro", text="Trop tard.")
    with pytest.raises(ValidationError, match="clos"):
        services.reply_post(argument=argument, by=member, text="Trop tard.")


def test_closing_needs_a_synthesis_and_records_who_and_when(debate, coordinator):
    with pytest.raises(ValidationError):
        services.debate_close(debate=debate, by=coordinator, synthesis="  ")
    services.debate_close(debate=debate, by=coordinator, synthesis="**Synthèse**")
    debate = Debate.objects.get(pk=debate.pk)
    assert debate.status == DebateStatus.CLOSED and debate.closed_by == coordinator and debate.closed_at


def test_a_reply_counts_on_its_argument_and_tells_its_author(debate, member, other_member):
    argument = ArgumentFactory(debate=debate, author=member)
    services.reply_post(argument=argument, by=other_member, text="Je ne suis pas d’accord.")
    argument.refresh_from_db()
    assert argument.replies_count == 1
    assert Notification.objects.filter(recipient=member, kind="deliberation.reply").exists()


def test_followers_hear_of_new_arguments_and_closing_but_not_the_actor(
    debate, member, other_member, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    services.follow_add(target=debate, person=other_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.argument_post(debate=debate, by=other_member, stance="con", text="Trop loin de la déchèterie.")
    # The author of the debate follows it from the start; the one who posted is not told.
    assert Notification.objects.filter(recipient=member, kind="deliberation.argument").count() == 1
    assert not Notification.objects.filter(recipient=other_member).exists()
    assert [m.to for m in mailoutbox] == [[member.email]]
    services.debate_close(debate=debate, by=coordinator, synthesis="Synthèse.")
    assert Notification.objects.filter(kind="deliberation.closed").count() == 2


def test_opening_a_debate_makes_its_author_follow_it(pole, member):
    debate = services.debate_open(pole=pole, by=member, title="Une question ?", visibility="public")
    assert Follow.objects.filter(debate=debate, person=member).exists() and debate.followers_count == 1


def test_a_debate_on_a_members_only_project_must_be_members_only(pole, member):
    from peps.core.testing.factories import ProjectFactory

    project = ProjectFactory(pole=pole, visibility="members")
    with pytest.raises(ValidationError):
        services.debate_open(pole=pole, by=member, title="Q ?", visibility="public", project=project)
    debate = services.debate_open(pole=pole, by=member, title="Q ?", visibility="members", project=project)
    assert debate.project == project


def test_a_project_of_another_pole_cannot_be_attached(pole, other_pole, member):
    from peps.core.testing.factories import ProjectFactory

    with pytest.raises(ValidationError):
        services.debate_open(pole=pole, by=member, title="Q ?", project=ProjectFactory(pole=other_pole))


def test_following_twice_adds_one_follow(debate, other_member):
    assert services.follow_add(target=debate, person=other_member) is True
    assert services.follow_add(target=debate, person=other_member) is False
    assert debate.followers_count == 2
    assert services.follow_remove(target=debate, person=other_member) is True
    assert debate.followers_count == 1
