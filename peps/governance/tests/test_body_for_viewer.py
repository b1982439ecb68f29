"""body_for_viewer(): the body read by its written-out query is what the ORM reads; another
pole's, a missing or (for outsiders) a members-only body is not found."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from peps.governance.models import Body
from peps.governance.selectors import body_for_viewer

from .factories import body as make_body

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_a_body_is_read_as_the_orm_reads_it(pole, member, django_assert_num_queries):
    body = make_body(pole)
    with django_assert_num_queries(2):  # the body, the member's role (a page has it from its pole)
        found = body_for_viewer(user=member, pole=pole, pk=body.pk)
    assert _values(found) == _values(Body.objects.get(pk=body.pk))
    assert found.pole == pole


def test_another_poles_missing_or_hidden_body_is_not_found(pole, other_pole, member):
    for pk in (make_body(other_pole).pk, 999_999):
        with pytest.raises(Http404):
            body_for_viewer(user=member, pole=pole, pk=pk)
    with pytest.raises(Http404):
        body_for_viewer(user=AnonymousUser(), pole=pole, pk=make_body(pole, visibility="members").pk)
