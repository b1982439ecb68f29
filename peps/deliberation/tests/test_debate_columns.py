"""selectors.debate_columns(): the debate page's arguments and their first replies, read by
written-out queries, are what the ORM reads (rows, order of both sorts, loaded fields,
authors, the reader's reactions) for a signed-in reader and a visitor."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from peps.deliberation import selectors
from peps.deliberation.models import Argument, Reaction, Reply

from .factories import ReplyFactory, arguments_for

pytestmark = pytest.mark.django_db


def _values(instance, names) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.name in names
    }


@pytest.fixture
def busy_debate(debate, member, other_member):
    """Twelve arguments for, four against, one question; ties of usefulness and of date, a
    hidden argument, a deleted author, reactions of the member, replies beyond the five shown."""
    start = timezone.now() - datetime.timedelta(days=3)
    pros = arguments_for(debate, "pro", 12)
    cons = arguments_for(debate, "con", 4)
    questions = arguments_for(debate, "question", 1, author=None)
    for index, argument in enumerate(pros + cons + questions):
        Argument.objects.filter(pk=argument.pk).update(
            reactions_count=index % 4, created_at=start + datetime.timedelta(hours=index // 3)
        )
    Argument.objects.filter(pk=pros[2].pk).update(is_hidden=True, hidden_reason="Hors sujet")
    for argument in (pros[1], pros[5], cons[0]):
        Reaction.objects.create(argument=argument, person=member)
    Reaction.objects.create(argument=pros[3], person=other_member)
    for n in range(7):
        ReplyFactory(argument=pros[11], author=other_member if n % 2 else None)
    ReplyFactory(argument=cons[1], author=member)
    Argument.objects.filter(pk=pros[11].pk).update(replies_count=7)
    debate.refresh_from_db()
    return debate


def _orm_columns(debate, user, sort):
    arguments = Argument.objects.filter(debate=debate).select_related("author").order_by(*selectors.SORTS[sort])
    expected = {stance: list(arguments.filter(stance=stance)[:10]) for stance in ("pro", "con", "question")}
    reacted = (
        set(Reaction.objects.filter(person_id=user.pk).values_list("argument_id", flat=True)) if user.pk else set()
    )
    return expected, reacted


@pytest.mark.parametrize("sort", ["utiles", "recents"])
@pytest.mark.parametrize("reader", ["member", "visitor"])
def test_the_columns_are_what_the_orm_reads(busy_debate, member, sort, reader):
    user = member if reader == "member" else AnonymousUser()
    columns = selectors.debate_columns(debate=busy_debate, user=user, sort=sort)
    expected, reacted = _orm_columns(busy_debate, user, sort)
    for stance, orm in expected.items():
        shown = columns[stance]["arguments"]
        assert [a.pk for a in shown] == [a.pk for a in orm]
        for argument, other in zip(shown, orm, strict=True):
            assert _values(argument, selectors.ARGUMENT_FIELDS) == _values(other, selectors.ARGUMENT_FIELDS)
            assert (argument.author and argument.author.public_name) == (other.author and other.author.public_name)
            assert "text" not in argument.get_deferred_fields()
            if reader == "member":
                assert argument.has_reacted is (argument.pk in reacted)
            else:
                assert not hasattr(argument, "has_reacted")
            replies = Reply.objects.filter(argument=other).select_related("author").order_by("created_at", "pk")[:5]
            assert [(r.pk, r.text, r.author_id, r.is_hidden) for r in argument.shown_replies] == [
                (r.pk, r.text, r.author_id, r.is_hidden) for r in replies
            ]
            assert [r.author and r.author.public_name for r in argument.shown_replies] == [
                r.author and r.author.public_name for r in replies
            ]
    assert columns["pro"]["has_more"] and not columns["con"]["has_more"]
    # The fixture has what each check needs: replies, an argument without author.
    assert (
        any(a.shown_replies for a in columns["pro"]["arguments"]) and columns["question"]["arguments"][0].author is None
    )
