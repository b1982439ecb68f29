"""resource_for_viewer(): the resource read by its written-out query is what the ORM reads;
another pole's, a missing or (unless coordinating) a withdrawn resource is not found."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from peps.commons.models import Resource
from peps.commons.selectors import resource_for_viewer

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_a_resource_is_read_as_the_orm_reads_it(pole, django_assert_num_queries):
    resource = ResourceFactory(pole=pole)
    with django_assert_num_queries(1):
        found = resource_for_viewer(user=AnonymousUser(), pole=pole, pk=resource.pk)
        assert found.pole == pole
    assert _values(found) == _values(Resource.objects.get(pk=resource.pk))


def test_another_poles_missing_or_withdrawn_resource_is_not_found(pole, other_pole, coordinator):
    withdrawn = ResourceFactory(pole=pole, is_active=False)
    for pk in (ResourceFactory(pole=other_pole).pk, 999_999, withdrawn.pk):
        with pytest.raises(Http404):
            resource_for_viewer(user=AnonymousUser(), pole=pole, pk=pk)
    assert resource_for_viewer(user=coordinator, pole=pole, pk=withdrawn.pk) == withdrawn
