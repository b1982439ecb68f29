"""Replies, « utile » and following, from the debate page (with and without htmx)."""

from django.urls import reverse

from peps.core.typography import french_text
from peps.deliberation import services
from peps.deliberation.models import REPLY_MAX_LENGTH, Follow, Reaction, Reply

from .factories import ArgumentFactory, ReplyFactory


def r(name, debate, **kwargs):
    return reverse(f"deliberation:{name}", kwargs={"pole": debate.pole.slug, "pk": debate.pk, **kwargs})


def test_a_member_replies_to_an_argument(client, debate, member, other_member):
    argument = ArgumentFactory(debate=debate, author=member)
    client.force_login(other_member)
    field = f"reply-{argument.pk}-text"
    response = client.post(r("reply_add", debate, argument_pk=argument.pk), {field: "Et le bus ?"})
    assert response.status_code == 302 and Reply.objects.get().author == other_member
    assert french_text("Et le bus ?") in client.get(debate.get_absolute_url()).content.decode()
    partial = client.post(
        r("reply_add", debate, argument_pk=argument.pk), {field: "Autre."}, headers={"HX-Request": "true"}
    )
    content = partial.content.decode()
    assert "<html" not in content and "Et le bus ?" in content and "Autre." in content


def test_bad_replies_give_form_errors_that_keep_the_text(client, debate, member):
    argument = ArgumentFactory(debate=debate)
    client.force_login(member)
    field = f"reply-{argument.pk}-text"
    assert (
        "Écrivez votre réponse."
        in client.post(r("reply_add", debate, argument_pk=argument.pk), {field: ""}).content.decode()
    )
    text = "x" * (REPLY_MAX_LENGTH + 1)
    content = client.post(r("reply_add", debate, argument_pk=argument.pk), {field: text}).content.decode()
    assert f"ne peut pas dépasser {REPLY_MAX_LENGTH} caractères" in content and text in content
    assert not Reply.objects.exists()


def test_replies_are_for_members_and_closed_debates_take_none(client, debate, member, citizen, coordinator):
    argument = ArgumentFactory(debate=debate)
    field = f"reply-{argument.pk}-text"
    client.force_login(citizen)
    assert client.post(r("reply_add", debate, argument_pk=argument.pk), {field: "Oui"}).status_code == 403
    services.debate_close(debate=debate, by=coordinator, synthesis="Fin.")
    client.force_login(member)
    content = client.post(r("reply_add", debate, argument_pk=argument.pk), {field: "Oui"}).content.decode()
    assert "Ce débat est clos" in content and not Reply.objects.exists()


def test_an_argument_of_another_debate_is_a_404(client, pole, debate, member):
    other = services.debate_open(pole=pole, by=member, title="Autre")
    argument = ArgumentFactory(debate=other)
    assert client.get(r("argument", debate, argument_pk=argument.pk)).status_code == 404


def test_the_argument_page_lists_all_replies_in_bounded_queries(client, debate, member, django_assert_max_num_queries):
    argument = ArgumentFactory(debate=debate)
    ReplyFactory.create_batch(35, argument=argument)
    argument.replies_count = 35
    argument.save()
    client.force_login(member)
    with django_assert_max_num_queries(10):
        response = client.get(r("argument", debate, argument_pk=argument.pk))
    assert response.content.decode().count('id="reply-') == 20 and "Page 1 sur 2" in response.content.decode()


def test_useful_counts_once_per_person(client, debate, member, citizen):
    argument = ArgumentFactory(debate=debate)
    client.force_login(member)
    client.post(r("react", debate, argument_pk=argument.pk), {"action": "add"})
    partial = client.post(
        r("react", debate, argument_pk=argument.pk), {"action": "add"}, headers={"HX-Request": "true"}
    )
    assert Reaction.objects.count() == 1 and 'aria-pressed="true"' in partial.content.decode()
    client.force_login(citizen)
    assert client.post(r("react", debate, argument_pk=argument.pk), {"action": "add"}).status_code == 403


def test_following_a_debate(client, debate, citizen, outsider, members_debate):
    client.force_login(citizen)
    client.post(r("follow", debate), {"action": "add"})
    client.post(r("follow", debate), {"action": "add"})
    assert Follow.objects.filter(debate=debate, person=citizen).count() == 1
    partial = client.post(r("follow", debate), {"action": "remove"}, headers={"HX-Request": "true"}).content.decode()
    assert "Suivre" in partial and not Follow.objects.filter(debate=debate, person=citizen).exists()
    client.force_login(outsider)
    assert client.post(r("follow", members_debate), {"action": "add"}).status_code == 404
