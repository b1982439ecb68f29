"""Versions: deep copy, publication, freezing (idempotent) and the refusal of every change."""

import pytest
from django.core.exceptions import ValidationError

from peps.referentials import selectors, services
from peps.referentials.models import Item, Version
from peps.referentials.services import ReferentialFrozen

pytestmark = pytest.mark.django_db


def test_new_version_is_a_deep_copy_based_on_the_old_one(small, network_admin):
    new = services.version_create_from(version=small, by=network_admin, label="v2")
    assert (new.number, new.based_on, new.label, new.level_names) == (2, small, "v2", small.level_names)
    old_tree = [(i.code, i.depth, i.label, i.to_complete, i.theme) for i in selectors.version_tree(small)]
    new_tree = [(i.code, i.depth, i.label, i.to_complete, i.theme) for i in selectors.version_tree(new)]
    assert old_tree == new_tree
    copied_a1 = Item.objects.get(version=new, code="A1")
    assert copied_a1.parent.version == new and copied_a1.parent.code == "A"


def test_changing_the_copy_leaves_the_original_alone(small):
    new = services.version_create_from(version=small)
    a2 = Item.objects.get(version=new, code="A2")
    services.item_update(item=a2, code="A2", label="Complété")
    assert Item.objects.get(version=small, code="A2").label == ""


def test_freeze_is_idempotent_and_publishes(small):
    services.version_freeze(version=small)
    first = Version.objects.get(pk=small.pk).frozen_at
    services.version_freeze(version=small)
    again = Version.objects.get(pk=small.pk)
    assert again.frozen_at == first and again.is_published


@pytest.mark.parametrize(
    "change",
    [
        lambda v: services.item_add(version=v, code="Z", label="Nouveau"),
        lambda v: services.item_update(item=v.items.get(code="A1"), code="A1", label="Changé"),
        lambda v: services.item_move(item=v.items.get(code="B"), offset=-1),
        lambda v: services.item_delete(item=v.items.get(code="A")),
        lambda v: services.version_update(version=v, label="x", notes="", level_names=[]),
    ],
)
def test_a_frozen_version_refuses_every_change(small, change):
    stale = Version.objects.get(pk=small.pk)  # loaded before a campaign froze it
    services.version_freeze(version=small)
    with pytest.raises(ReferentialFrozen) as refusal:
        change(stale)
    assert "figée" in refusal.value.messages[0]
    assert Item.objects.filter(version=small).count() == 5


def test_a_frozen_version_can_still_be_copied(small):
    services.version_freeze(version=small)
    new = services.version_create_from(version=small)
    assert not new.is_frozen and not new.is_published
    services.item_add(version=new, code="C", label="Objectif C")


def test_latest_version(small):
    assert selectors.latest_version("petit") == small
    new = services.version_create_from(version=small)
    assert selectors.latest_version("petit") == new
    assert selectors.latest_version("petit", published_only=True) is None
    assert selectors.latest_version("inconnu") is None


def test_slug_taken(small):
    with pytest.raises(ValidationError):
        services.referential_create(slug="petit", name="Autre")
