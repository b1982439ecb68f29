"""The référentiel PTCE shipped as data: 3 + 9 + 27 items, only the 10 known labels filled."""

import pytest
from django.core.management import call_command

from peps.referentials import selectors, services
from peps.referentials.models import Item, Referential

pytestmark = pytest.mark.django_db

KNOWN = {"e2", "b1", "g1", "d3", "g2", "c2", "a2", "b3", "f2", "c1"}


def test_ptce_has_three_levels_of_3_9_27(ptce):
    items = selectors.version_tree(ptce)
    by_depth = [sum(1 for i in items if i.depth == d) for d in range(3)]
    assert by_depth == [3, 9, 27] and len(items) == 39
    assert ptce.level_names == ["Objectif général", "Objectif principal", "Indicateur"]
    assert ptce.is_published and not ptce.is_frozen


def test_general_objectives_carry_the_known_labels(ptce):
    roots = [i.label for i in selectors.version_tree(ptce) if i.depth == 0]
    assert roots == [
        "Cultiver et servir le territoire",
        "Insuffler et entretenir des coopérations diversifiées",
        "S’appuyer sur une économie intégrée au territoire",
    ]


def test_only_the_ten_known_indicators_have_labels_the_rest_is_to_complete(ptce):
    indicators = Item.objects.filter(version=ptce, depth=2)
    labelled = {i.code for i in indicators if i.label}
    assert labelled == KNOWN
    assert all(i.to_complete and not i.label for i in indicators if i.code not in KNOWN)
    assert all(i.to_complete and not i.label for i in Item.objects.filter(version=ptce, depth=1))


def test_themes_of_the_known_indicators(ptce):
    themes = dict(Item.objects.filter(version=ptce, code__in=KNOWN).values_list("code", "theme"))
    eco = "Développement économique par la coopération et la mutualisation"
    assert {c for c, t in themes.items() if t == eco} == {"e2", "b1", "g1", "d3", "g2"}
    assert {c for c, t in themes.items() if t == "Organisation de la délibération"} == {"c2", "a2", "b3", "f2", "c1"}


def test_indicators_sit_under_their_letter(ptce):
    e2 = Item.objects.select_related("parent__parent").get(version=ptce, code="e2")
    assert e2.parent.code == "e" and e2.parent.parent.code == "OG2"


def test_the_placement_assumption_is_stated_in_the_notes(ptce):
    assert "Hypothèse" in ptce.notes and "a à c" in ptce.notes
    assert "HYPOTHÈSE" in services.PTCE_DATA_FILE.read_text(encoding="utf-8")


def test_loading_twice_does_nothing(ptce):
    assert services.load_ptce_referential() == ptce
    call_command("referentials_load_ptce")
    assert Referential.objects.filter(slug="referentiel-ptce").count() == 1
    assert ptce.referential.versions.count() == 1


def test_command_loads_it(db):
    call_command("referentials_load_ptce")
    assert selectors.latest_version("referentiel-ptce").items.count() == 39
