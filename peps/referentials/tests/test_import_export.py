"""Import and export, YAML and JSON: round trip, and French errors that name the bad item."""

import json

import pytest
import yaml

from peps.referentials import selectors, services
from peps.referentials.models import Referential, Version
from peps.referentials.serialization import ReferentialImportError, dump_json, dump_yaml, version_as_data

pytestmark = pytest.mark.django_db


def tree(version):
    return [(i.code, i.depth, i.label, i.theme, i.to_complete, i.description) for i in selectors.version_tree(version)]


@pytest.mark.parametrize("dump,filename", [(dump_yaml, "ref.yaml"), (dump_json, "ref.json")])
def test_round_trip_adds_an_identical_version(ptce, dump, filename):
    text = dump(version_as_data(ptce, selectors.version_tree(ptce)))
    imported = services.referential_import(content=text.encode(), filename=filename)
    assert imported.referential == ptce.referential and imported.number == 2 and imported.based_on == ptce
    assert tree(imported) == tree(ptce)
    assert imported.level_names == ptce.level_names and imported.notes == ptce.notes


def test_new_slug_makes_a_new_referential(small):
    data = version_as_data(small, selectors.version_tree(small))
    data["referential"]["slug"] = "copie"
    version = services.referential_import(content=json.dumps(data), filename="x.json")
    assert version.number == 1 and Referential.objects.filter(slug="copie").exists()
    assert not version.is_published


def import_errors(data, filename="x.yaml"):
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    with pytest.raises(ReferentialImportError) as refusal:
        services.referential_import(content=text.encode(), filename=filename)
    return refusal.value.messages


BASE = {"referential": {"slug": "r", "name": "R"}, "version": {"label": "1"}}


def test_duplicate_codes_are_reported_with_both_paths(db):
    messages = import_errors(
        {**BASE, "items": [{"code": "a", "label": "A", "children": [{"code": "a", "label": "Encore"}]}]}
    )
    assert messages == [
        "items[0] (code a) › children[0] (code a) : le code « a » est déjà utilisé par items[0] (code a)."
    ]


def test_missing_fields_are_reported_with_the_path(db):
    messages = import_errors({**BASE, "items": [{"label": "Sans code"}, {"code": "b"}]})
    assert "items[0] : le champ « code » manque." in messages
    assert any(m.startswith("items[1] (code b) : le libellé manque") for m in messages)


def test_missing_header_and_items(db):
    messages = import_errors({"version": {}})
    assert any("referential" in m for m in messages) and any("items" in m for m in messages)


def test_too_deep_a_tree_is_refused(db):
    node = {"code": "n9", "label": "fond"}
    for depth in range(8, -1, -1):
        node = {"code": f"n{depth}", "label": "x", "children": [node]}
    messages = import_errors({**BASE, "items": [node]})
    assert any("niveaux de profondeur" in m for m in messages)


def test_unknown_fields_and_wrong_types(db):
    messages = import_errors({**BASE, "items": [{"code": "a", "label": ["liste"], "couleur": "bleu"}]})
    assert any("champ(s) inconnu(s) couleur" in m for m in messages)
    assert any("« label » doit être un texte" in m for m in messages)


def test_malformed_yaml_and_json(db):
    assert "YAML est mal formé" in import_errors("items: [unclosed")[0]
    assert "JSON est mal formé" in import_errors('{"items": ', filename="x.json")[0]
    assert "UTF-8" in import_errors_bytes(b"\xff\xfe\x00")[0]


def import_errors_bytes(content):
    with pytest.raises(ReferentialImportError) as refusal:
        services.referential_import(content=content, filename="x.yaml")
    return refusal.value.messages


def test_nothing_is_written_when_the_file_is_bad(db):
    import_errors({**BASE, "items": [{"code": "a"}]})
    assert not Version.objects.exists() and not Referential.objects.exists()
