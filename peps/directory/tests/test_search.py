"""The directory's full-text search: word prefixes, accents and case ignored, every write
indexed by the database itself, and a query syntax that stays inert."""

import pytest
from django.db import connection

from peps.directory import search
from peps.directory.models import Structure
from peps.directory.selectors import DirectoryFilters, structures_for_directory

from .factories import structure_with_search


def found(pole, q: str) -> list[str]:
    return [s.name for s in structures_for_directory(pole=pole, filters=DirectoryFilters(q=q))]


def test_a_word_prefix_finds_the_structure_whatever_the_accents_and_case(pole):
    structure_with_search(pole=pole, name="Maison de l’Économie solidaire")
    structure_with_search(pole=pole, name="Garage associatif")
    assert found(pole, "ÉCON") == ["Maison de l’Économie solidaire"]
    assert found(pole, "econ sol") == ["Maison de l’Économie solidaire"]
    assert found(pole, "econ garage") == []
    assert found(pole, "l'économie") == ["Maison de l’Économie solidaire"]


def test_the_search_stays_within_the_pole(pole, other_pole):
    structure_with_search(pole=pole, name="Épicerie du centre")
    structure_with_search(pole=other_pole, name="Épicerie d’ailleurs")
    assert found(pole, "epicerie") == ["Épicerie du centre"]


def test_writes_outside_the_services_are_indexed_too(pole):
    """update() and delete() skip Python code; the database's triggers do not."""
    structure = structure_with_search(pole=pole, name="Atelier vélo")
    Structure.objects.filter(pk=structure.pk).update(search_text="ressourcerie textile")
    assert found(pole, "velo") == []
    assert [s.pk for s in structures_for_directory(pole=pole, filters=DirectoryFilters(q="textile"))] == [structure.pk]
    Structure.objects.filter(pk=structure.pk).delete()
    assert found(pole, "textile") == []


@pytest.mark.parametrize("q", ['"', "NEAR(a b)", "a* OR b", "-x", "^début", "AND"])
def test_the_query_syntax_of_the_engine_stays_inert(client, pole, q):
    structure_with_search(pole=pole, name="Coopérative")
    found(pole, q)  # no error
    assert client.get(f"/p/{pole.slug}/annuaire/", {"q": q}).status_code == 200


def test_building_the_index_twice_changes_nothing(pole):
    structure_with_search(pole=pole, name="Recyclerie")
    search.ensure_index()
    search.ensure_index()
    assert found(pole, "recy") == ["Recyclerie"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM directory_structure_search WHERE directory_structure_search MATCH 'recy*'"
            )
            assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's")
def test_a_new_index_is_filled_with_the_structures_already_there(pole):
    structure_with_search(pole=pole, name="Recyclerie")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE directory_structure_search")
    search.ensure_index()
    assert found(pole, "recy") == ["Recyclerie"]


def test_a_structure_that_changes_pole_is_found_in_its_new_pole_only(pole, other_pole):
    """The index holds each structure under its pole: a move is a write it follows too."""
    structure = structure_with_search(pole=pole, name="Fablab")
    Structure.objects.filter(pk=structure.pk).update(pole=other_pole)
    assert found(pole, "fab") == []
    assert found(other_pole, "fab") == ["Fablab"]


def test_short_prefixes_and_words_split_by_an_apostrophe_are_found(pole, other_pole):
    structure_with_search(pole=pole, name="Atelier d’insertion")
    structure_with_search(pole=pole, name="Association sportive")
    structure_with_search(pole=other_pole, name="Atelier d’ailleurs")
    assert found(pole, "at") == ["Atelier d’insertion"]
    assert found(pole, "ate") == ["Atelier d’insertion"]
    assert found(pole, "d'ins") == ["Atelier d’insertion"]
    assert found(pole, "as sp") == ["Association sportive"]
