"""« Utile »: one reaction per person and argument, by the database and by the service."""

import pytest
from django.db import IntegrityError

from peps.deliberation import services
from peps.deliberation.models import Reaction

from .factories import ArgumentFactory


def test_the_database_refuses_a_second_reaction(debate, member):
    argument = ArgumentFactory(debate=debate)
    Reaction.objects.create(argument=argument, person=member)
    with pytest.raises(IntegrityError):
        Reaction.objects.create(argument=argument, person=member)


def test_reacting_twice_counts_once_and_can_be_undone(debate, member, other_member):
    argument = ArgumentFactory(debate=debate)
    assert services.argument_react(argument=argument, person=member) is True
    assert services.argument_react(argument=argument, person=member) is False
    services.argument_react(argument=argument, person=other_member)
    assert argument.reactions_count == 2
    assert services.argument_unreact(argument=argument, person=member) is True
    assert services.argument_unreact(argument=argument, person=member) is False
    assert argument.reactions_count == 1
