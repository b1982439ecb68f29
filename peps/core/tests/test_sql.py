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
