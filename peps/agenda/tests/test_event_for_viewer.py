"""event_for_viewer(): the event read by its written-out query is what the ORM reads, with
the same relations (room, commune, organising structure, author, Bourse) and counts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.http import Http404

from peps.agenda.models import BourseSession, Event, RegistrationStatus
from peps.agenda.selectors import event_for_viewer
from peps.commons.tests.factories import ResourceFactory
from peps.core.testing import factories as f

from .factories import EventFactory, register

pytestmark = pytest.mark.django_db

RELATIONS = ("room", "commune", "organiser_structure", "created_by", "bourse")


def _by_the_orm(event: Event) -> Event:
    """The event as the ORM read it before (what the written-out query replaced)."""
    return (
        Event.objects.filter(pk=event.pk)
        .select_related("pole", *RELATIONS)
        .annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
        )
        .get()
    )


def _values(instance) -> dict | None:
    if instance is None:
        return None
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def _related(event, name):
    try:
        return getattr(event, name)
    except BourseSession.DoesNotExist:
        return None


def _assert_same(event: Event, citizen) -> None:
    ours = event_for_viewer(user=citizen, pole=event.pole, pk=event.pk)
    orm = _by_the_orm(event)
    assert _values(ours) == _values(orm)
    assert (ours.confirmed_count, ours.waiting_count) == (orm.confirmed_count, orm.waiting_count)
    assert ours.pole == orm.pole
    for name in RELATIONS:
        assert _values(_related(ours, name)) == _values(_related(orm, name)), name


def test_an_event_with_every_relation_and_registrations(pole, coordinator, citizen, django_assert_num_queries):
    structure = f.StructureFactory(pole=pole)
    event = EventFactory(
        pole=pole, created_by=coordinator, organiser_structure=structure, room=ResourceFactory(pole=pole)
    )
    BourseSession.objects.create(event=event)
    for _ in range(3):
        register(event)
    register(event, status=RegistrationStatus.WAITING)
    register(event, status=RegistrationStatus.CANCELLED)
    _assert_same(event, citizen)
    with django_assert_num_queries(1):
        found = event_for_viewer(user=citizen, pole=pole, pk=event.pk)
        assert found.bourse.event is found
        assert (found.room.pole_id, found.commune.name, found.created_by.email) == (
            pole.pk,
            event.commune.name,
            coordinator.email,
        )


def test_an_event_without_relations_or_registrations(pole, citizen, django_assert_num_queries):
    event = EventFactory(pole=pole, commune=None, place_kind="online", online_url="https://example.org/visio")
    _assert_same(event, citizen)
    found = event_for_viewer(user=citizen, pole=pole, pk=event.pk)
    with django_assert_num_queries(0):
        assert found.room is None and found.commune is None and found.created_by is None
        with pytest.raises(BourseSession.DoesNotExist):
            found.bourse  # noqa: B018 - a missing Bourse raises, as after select_related


def test_an_event_of_another_pole_or_missing_is_not_found(pole, other_pole):
    event = EventFactory(pole=other_pole)
    for pk in (event.pk, event.pk + 1000):
        with pytest.raises(Http404):
            event_for_viewer(user=AnonymousUser(), pole=pole, pk=pk)
