"""peps.core.sql answers what the ORM answers: exists_mark(), rows read back, latest_per_value()."""

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


def test_the_latest_rows_per_value_are_the_orm_slices():
    import datetime

    from django.utils import timezone

    from peps.core.sql import latest_per_value

    start = timezone.now()
    for n in range(12):
        User.objects.create(
            email=f"p{n}@example.org",
            is_active=n % 3 != 0,
            is_staff=n % 2 == 0,
            date_joined=start - datetime.timedelta(days=n % 5),  # ties, broken by the id
        )
    for order in (("-date_joined", "-pk"), ("date_joined", "pk"), ("email",)):
        top = latest_per_value(User, column="is_active", values=[True, False], order=order, limit=2, is_staff=True)
        expected = {
            pk
            for active in (True, False)
            for pk in User.objects.filter(is_active=active, is_staff=True)
            .order_by(*order)
            .values_list("pk", flat=True)[:2]
        }
        assert set(User.objects.filter(pk__in=top).values_list("pk", flat=True)) == expected, order
        assert len(expected) == 4
    # A value with no row gives nothing; without equals every row of the value counts.
    top = latest_per_value(
        User, column="email", values=["nobody@example.org", "p3@example.org"], order=("pk",), limit=5
    )
    assert list(User.objects.filter(pk__in=top).values_list("email", flat=True)) == ["p3@example.org"]


def test_rows_read_with_their_relations_are_what_select_related_reads():
    """joined_select() and joined_instances(): the fields asked for, each relation cached
    (None for a row without one), and a caller's column after the relations'."""
    from peps.core.sql import column, fetch_rows, joined_instances, joined_select
    from peps.core.testing import factories as f
    from peps.directory.models import Structure

    pole = f.PoleFactory()
    located = f.StructureFactory(pole=pole, name="Épicerie", commune=f.CommuneFactory(code="42187", name="Roanne"))
    f.StructureFactory(pole=pole, name="Atelier", commune=None)
    relations = (("pole", ("slug",)), ("commune", ("name",)))
    head, tail = joined_select(Structure, ("name",), relations)
    rows = fetch_rows(f"{head}, 7{tail} ORDER BY {column(Structure, 'name')}", [])
    read = joined_instances(Structure, ("name",), relations, rows)
    orm = list(Structure.objects.select_related("pole", "commune").order_by("name"))
    assert [(s.pk, s.name, s.pole.slug, s.commune and s.commune.name) for s in read] == [
        (s.pk, s.name, s.pole.slug, s.commune and s.commune.name) for s in orm
    ]
    assert read[1].pk == located.pk and read[0].commune is None
    assert read[0].get_deferred_fields() >= {"description"} and "name" not in read[0].get_deferred_fields()
    assert [row[-1] for row in rows] == [7, 7]


def test_a_list_read_is_the_orm_s_filtered_ordered_and_sliced_list():
    """read_rows(): the rows equal to the values, in order (descending with « - »), the first
    `limit`, with only the fields asked for loaded."""
    from peps.core.sql import read_rows
    from peps.core.testing import factories as f
    from peps.poles.models import College

    pole, other = f.PoleFactory(), f.PoleFactory()
    for position, name in [(2, "Usagers"), (1, "Salariés"), (1, "Collectivités")]:
        College.objects.create(pole=pole, position=position, name=name)
    College.objects.create(pole=other, position=0, name="Ailleurs")
    orm = College.objects.filter(pole=pole)
    read = read_rows(College, only=("name",), order=("-position", "name"), limit=2, pole=pole.pk)
    assert [c.pk for c in read] == [c.pk for c in orm.order_by("-position", "name")[:2]]
    assert [c.name for c in read] == ["Usagers", "Collectivités"]
    assert "position" in read[0].get_deferred_fields() and "name" not in read[0].get_deferred_fields()
    every = read_rows(College, only=None, order=("position", "name"), pole=pole.pk)
    assert [(c.pk, c.position) for c in every] == list(orm.order_by("position", "name").values_list("pk", "position"))


def test_a_value_fetched_by_a_written_out_read_converts_as_the_orm_s():
    """from_db(): a datetime's text on SQLite, an aware datetime on PostgreSQL, a boolean from
    SQLite's integer, a decimal: each ends as the value and type the ORM gives."""
    from django.db import connection

    from peps.core.sql import from_db
    from peps.core.testing import factories as f
    from peps.poles.models import Pole

    pole = f.PoleFactory(is_demo=True, fee_amount="12.50")
    names = ("created_at", "is_demo", "fee_amount")
    with connection.cursor() as cursor:
        cursor.execute("SELECT created_at, is_demo, fee_amount FROM poles_pole WHERE id = %s", [pole.pk])
        row = cursor.fetchone()
    read = {name: from_db(Pole, name)(value) for name, value in zip(names, row, strict=True)}
    orm = Pole.objects.values(*names).get(pk=pole.pk)
    assert read == orm
    assert {name: type(value) for name, value in read.items()} == {name: type(value) for name, value in orm.items()}
    assert read["created_at"].tzinfo is not None


def test_a_row_read_with_some_fields_loads_the_others_on_access_as_the_orm_s():
    from django.db import connection

    from peps.core.sql import model_columns, model_from_row
    from peps.core.testing import factories as f
    from peps.poles.models import Pole

    pole = f.PoleFactory(name="Pôle des Monts", is_demo=True)
    only = ("slug",)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {model_columns(Pole, only)} FROM poles_pole WHERE id = %s", [pole.pk])  # noqa: S608
        read = model_from_row(Pole, cursor.fetchone(), 0, only)
    orm = Pole.objects.only(*only).get(pk=pole.pk)
    assert read.get_deferred_fields() == orm.get_deferred_fields()
    assert "name" in read.get_deferred_fields()
    assert (read.slug, read.name, read.is_demo) == (pole.slug, "Pôle des Monts", True)
    read.name = "Renommé"
    read.save(update_fields=["name"])
    assert Pole.objects.get(pk=pole.pk).name == "Renommé"


def test_a_model_someone_listens_to_is_built_by_django(monkeypatch):
    """A post_init receiver (an image field's dimensions, a library's hook) must run: such a
    model's rows are built by Model.from_db(), not by the shortcut."""
    from django.db import connection
    from django.db.models.signals import post_init

    from peps.core import sql
    from peps.core.testing import factories as f
    from peps.poles.models import Pole

    pole = f.PoleFactory()
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(receiver, sender=Pole)
    sql._plain.cache_clear()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {sql.model_columns(Pole)} FROM poles_pole WHERE id = %s", [pole.pk])  # noqa: S608
            sql.model_from_row(Pole, cursor.fetchone())
        assert seen == [pole.pk]
    finally:
        post_init.disconnect(receiver, sender=Pole)
        sql._plain.cache_clear()
    assert sql._plain(Pole)
