"""exists_mark() answers what the ORM's Exists(... OuterRef("pk")) answers."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from peps.accounts.models import User
from peps.core.sql import exists_mark

pytestmark = pytest.mark.django_db


def test_a_mark_is_the_orm_exists():
    staff, other = Group.objects.create(name="staff"), Group.objects.create(name="other")
    alice = User.objects.create(email="alice@example.org")
    bob = User.objects.create(email="bob@example.org")
    alice.groups.add(staff)
    bob.groups.add(other)
    membership = User.groups.through
    raw = User.objects.annotate(mark=exists_mark(membership, link="user", outer=User, group=staff.pk))
    orm = User.objects.annotate(mark=Exists(membership.objects.filter(user=OuterRef("pk"), group=staff.pk)))
    assert dict(raw.values_list("email", "mark")) == dict(orm.values_list("email", "mark"))
    assert dict(raw.values_list("email", "mark")) == {"alice@example.org": True, "bob@example.org": False}


def test_a_mark_without_values_asks_for_any_row():
    alice = User.objects.create(email="alice@example.org")
    User.objects.create(email="bob@example.org")
    alice.groups.add(Group.objects.create(name="staff"))
    marks = User.objects.annotate(mark=exists_mark(User.groups.through, link="user", outer=User))
    assert dict(marks.values_list("email", "mark")) == {"alice@example.org": True, "bob@example.org": False}


def test_a_row_read_back_is_the_instance_the_orm_reads():
    from django.db import connection

    from peps.core.sql import model_columns, model_from_row
    from peps.core.testing import factories as f
    from peps.poles.models import Pole

    pole = f.PoleFactory(is_demo=True, fee_amount="12.50")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {model_columns(Pole)} FROM poles_pole WHERE id = %s", [pole.pk])  # noqa: S608
        read = model_from_row(Pole, cursor.fetchone())
    orm = Pole.objects.get(pk=pole.pk)
    fields = [field.attname for field in Pole._meta.concrete_fields]
    assert {name: getattr(read, name) for name in fields} == {name: getattr(orm, name) for name in fields}
    assert {name: type(getattr(read, name)) for name in fields} == {name: type(getattr(orm, name)) for name in fields}
    assert read._state.adding is False and read._state.db == orm._state.db
