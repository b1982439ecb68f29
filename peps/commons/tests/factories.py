"""Factories of the commons app: resources and bookings."""

import datetime

import factory
from django.utils import timezone

from peps.commons.models import Booking, BookingStatus, Resource, ResourceKind
from peps.core.testing.factories import PoleFactory, UserFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    pole = factory.SubFactory(PoleFactory)
    kind = ResourceKind.ROOM
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 20

    @factory.post_generation
    def _search(obj, create, extracted, **kwargs):
        obj.refresh_search_text()
        if create:
            Resource.objects.filter(pk=obj.pk).update(search_text=obj.search_text)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    resource = factory.SubFactory(ResourceFactory)
    pole = factory.SelfAttribute("resource.pole")
    booked_by = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    is_loan = factory.LazyAttribute(lambda o: o.resource.kind != ResourceKind.ROOM)
    status = BookingStatus.CONFIRMED
