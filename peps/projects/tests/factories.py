"""Factories for the projects app's tests (the shared ones are in peps.core.testing)."""

import datetime

import factory

from peps.core.testing.factories import ProjectFactory, StructureFactory, UserFactory
from peps.directory.models import Representative, RepresentativeStatus
from peps.projects.models import Comment, Referral, StageChange, SupportLogEntry

__all__ = [
    "CommentFactory",
    "ProjectFactory",
    "ReferralFactory",
    "StageChangeFactory",
    "StructureFactory",
    "SupportLogEntryFactory",
    "representative_of",
]


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    project = factory.SubFactory(ProjectFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Commentaire numéro {n}.")


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    project = factory.SubFactory(ProjectFactory)
    from_stage = "submitted"
    to_stage = "structuring"
    by = factory.SubFactory(UserFactory)
    reason = "Premier rendez-vous fait."


class SupportLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportLogEntry

    project = factory.SubFactory(ProjectFactory)
    author = factory.SubFactory(UserFactory)
    happened_on = datetime.date(2025, 3, 1)
    text = factory.Sequence(lambda n: f"Compte rendu confidentiel {n}.")


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    project = factory.SubFactory(ProjectFactory)
    network = "France Active Loire"
    referred_on = datetime.date(2025, 3, 2)
    by = factory.SubFactory(UserFactory)


def representative_of(structure, person, *, status=RepresentativeStatus.APPROVED) -> Representative:
    return Representative.objects.create(structure=structure, person=person, status=status)
