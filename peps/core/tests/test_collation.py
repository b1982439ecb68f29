"""peps.core.collation: names sorted as a French reader expects."""

from peps.core.collation import french_sort_key


def test_accents_and_case_do_not_count():
    names = ["Zèbre", "éoliennes citoyennes", "Abeilles", "Énergies partagées", "ecole"]
    assert sorted(names, key=french_sort_key) == [
        "Abeilles",
        "ecole",
        "Énergies partagées",
        "éoliennes citoyennes",
        "Zèbre",
    ]


def test_numbers_sort_by_value():
    names = ["Pôle n° 10", "Pôle n° 2", "Pôle n° 1", "Pôle"]
    assert sorted(names, key=french_sort_key) == ["Pôle", "Pôle n° 1", "Pôle n° 2", "Pôle n° 10"]


def test_quotes_and_ligatures():
    names = ["« Les Oeillets »", "Lézard", "Les Œuvres", "l’Atelier"]
    assert sorted(names, key=french_sort_key) == ["l’Atelier", "« Les Oeillets »", "Les Œuvres", "Lézard"]
