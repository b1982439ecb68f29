"""Factories of the activity app: contacts of the log."""

import datetime

import factory

from peps.activity.models import Channel, Contact
from peps.core.testing.factories import PoleFactory
from peps.core.text import fold


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    pole = factory.SubFactory(PoleFactory)
    date = factory.LazyFunction(lambda: datetime.date(2026, 3, 10))
    channel = Channel.MEETING
    topic = factory.Sequence(lambda n: f"Échange n° {n}")
    person_name = factory.Sequence(lambda n: f"Personne {n}")
    person_key = factory.LazyAttribute(lambda o: fold(o.person_name))
