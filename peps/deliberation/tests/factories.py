"""Factories for deliberation's tests (the shared ones are in peps.core.testing)."""

import datetime

import factory
from django.db.models import F
from django.utils import timezone

from peps.core.testing.factories import PoleFactory, UserFactory
from peps.deliberation.models import Argument, Consultation, Debate, Proposal, Reply


class DebateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Debate

    pole = factory.SubFactory(PoleFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Question débattue {n}")
    description = "Le contexte du débat."
    search_text = factory.LazyAttribute(lambda o: o.title.lower())


class ArgumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Argument

    debate = factory.SubFactory(DebateFactory)
    author = factory.SubFactory(UserFactory)
    stance = "pro"
    text = factory.Sequence(lambda n: f"Argument numéro {n}.")


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    argument = factory.SubFactory(ArgumentFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Réponse numéro {n}.")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    pole = factory.SubFactory(PoleFactory)
    title = factory.Sequence(lambda n: f"Consultation {n}")
    description = "Proposez vos idées."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    consultation = factory.SubFactory(ConsultationFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposition {n}")
    body = "Une proposition détaillée."


def arguments_for(debate, stance: str, n: int, **kwargs) -> list[Argument]:
    """n arguments of one stance, with the debate's counter kept right (as the service does)."""
    rows = ArgumentFactory.create_batch(n, debate=debate, stance=stance, **kwargs)
    counter = {"pro": "pros_count", "con": "cons_count", "question": "questions_count"}[stance]
    Debate.objects.filter(pk=debate.pk).update(**{counter: F(counter) + n})
    debate.refresh_from_db()
    return rows
