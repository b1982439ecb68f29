"""Services of a version's tree: add, edit, move, delete, and the one-query tree order."""

import pytest
from django.core.exceptions import ValidationError

from peps.referentials import selectors, services
from peps.referentials.models import Item

pytestmark = pytest.mark.django_db


def codes(version):
    return [(i.code, i.depth) for i in selectors.version_tree(version)]


def test_tree_is_in_preorder_with_depths(small):
    assert codes(small) == [("A", 0), ("A1", 1), ("A2", 1), ("B", 0), ("B1", 1)]


def test_tree_costs_one_query(small, django_assert_num_queries):
    with django_assert_num_queries(1):
        items = selectors.version_tree(small)
    tree = selectors.nest(items, version=small)
    assert [(node.item.code, node.level_name) for node in [tree[0], *tree[0].children]] == [
        ("A", "Objectif"),
        ("A1", "Indicateur"),
        ("A2", "Indicateur"),
    ]


def test_added_item_goes_last_under_its_parent(small):
    a = Item.objects.get(version=small, code="A")
    services.item_add(version=small, parent=a, code="A3", label="Indicateur A3")
    assert codes(small)[:4] == [("A", 0), ("A1", 1), ("A2", 1), ("A3", 1)]


def test_duplicate_code_is_refused_with_a_french_message(small):
    with pytest.raises(ValidationError) as refusal:
        services.item_add(version=small, code="A1", label="Doublon")
    assert "déjà utilisé" in str(refusal.value.message_dict["code"])


def test_empty_label_needs_to_complete(small):
    with pytest.raises(ValidationError) as refusal:
        services.item_add(version=small, code="C", label="  ")
    assert "à compléter" in str(refusal.value.message_dict["label"])


def test_moving_up_swaps_subtrees(small):
    b = Item.objects.get(version=small, code="B")
    services.item_move(item=b, offset=-1)
    assert codes(small) == [("B", 0), ("B1", 1), ("A", 0), ("A1", 1), ("A2", 1)]


def test_moving_the_first_item_up_changes_nothing(small):
    a = Item.objects.get(version=small, code="A")
    services.item_move(item=a, offset=-1)
    assert codes(small)[0] == ("A", 0)


def test_reparenting_moves_the_subtree_and_its_depths(small):
    a = Item.objects.get(version=small, code="A")
    b1 = Item.objects.get(version=small, code="B1")
    services.item_update(item=a, parent=b1, code="A", label="Objectif A")
    assert codes(small) == [("B", 0), ("B1", 1), ("A", 2), ("A1", 3), ("A2", 3)]


def test_an_item_cannot_go_under_its_own_subtree(small):
    a = Item.objects.get(version=small, code="A")
    a1 = Item.objects.get(version=small, code="A1")
    with pytest.raises(ValidationError):
        services.item_update(item=a, parent=a1, code="A", label="Objectif A")


def test_completing_a_label(small):
    a2 = Item.objects.get(version=small, code="A2")
    services.item_update(item=a2, code="A2", label="Indicateur A2", to_complete=False)
    a2.refresh_from_db()
    assert a2.label == "Indicateur A2" and not a2.to_complete


def test_delete_removes_the_subtree(small):
    a = Item.objects.get(version=small, code="A")
    assert services.item_delete(item=a) == 3
    assert codes(small) == [("B", 0), ("B1", 1)]
