"""Factories of the calls app: calls (open by default), fields, criteria, applications, assignments."""

import datetime
import itertools

import factory
from django.utils import timezone

from peps.calls.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    CallField,
    CallReviewer,
    CallStatus,
    Criterion,
    FieldKind,
)
from peps.core.testing.factories import UserFactory

_references = itertools.count(1)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Appel à projets {n}")
    text = "Le réseau lance un **appel** aux PTCE."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    status = CallStatus.PUBLISHED


class CallFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallField

    call = factory.SubFactory(CallFactory)
    position = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = FieldKind.SHORT_TEXT


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    position = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"Critère {n}")
    weight = 1
    max_score = 5


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    pole_name = factory.Sequence(lambda n: f"Pôle en projet {n}")
    territory = "Pays de Roanne"


class SubmittedApplicationFactory(ApplicationFactory):
    status = ApplicationStatus.SUBMITTED
    reference = factory.LazyFunction(lambda: f"APP-2026-{next(_references):04d}")
    submitted_at = factory.LazyFunction(timezone.now)


def reviewer_of(call, user=None):
    user = user or UserFactory()
    CallReviewer.objects.get_or_create(call=call, user=user)
    return user


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    application = factory.SubFactory(SubmittedApplicationFactory)
    reviewer = factory.SubFactory(UserFactory)
